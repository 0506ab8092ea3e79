import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineClient } from '../engine/client.ts';
import { BUILD_STUCK_MS, Studio } from './studio.svelte.ts';

beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] }));
afterEach(() => void vi.useRealTimers());

/**
 * An engine whose builds answer after `ms` (fake time), recording each text it was asked for.
 * Like the real client, a newer request settles the older pending one as stale (undefined).
 */
function engine(ms = 10) {
  const texts: string[] = [];
  let settleOlder: (() => void) | undefined;
  const client: EngineClient = {
    request: ((_kind: 'build', p: { text: string }) => {
      texts.push(p.text);
      settleOlder?.();
      return new Promise<unknown>((resolve) => {
        settleOlder = () => resolve(undefined);
        if (ms >= 0) setTimeout(() => resolve({ kind: 'build', id: 0, ms: 1, envelope: { doc: { text: p.text } } }), ms);
      });
    }) as EngineClient['request'],
    dispose() {},
  };
  return { client, texts };
}

describe('Studio build scheduling', () => {
  it('builds an edit at once when no build is out', async () => {
    const e = engine();
    const s = new Studio(e.client);
    s.edit('a');
    expect(e.texts).toEqual(['a']);
    expect(s.status).toBe('building');
    await vi.advanceTimersByTimeAsync(10);
    expect(s.builtFrom).toBe('a');
    expect(s.status).toBe('ok');
    s.edit('b');
    expect(e.texts).toEqual(['a', 'b']);
  });

  it('coalesces edits made while a build is out into one build of the newest text', async () => {
    const e = engine();
    const s = new Studio(e.client);
    s.edit('a');
    for (const t of ['ab', 'abc', 'abcd']) {
      await vi.advanceTimersByTimeAsync(2);
      s.edit(t);
    }
    expect(e.texts).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(4);
    // 'a' came back (shown, marked stale by status) and 'abcd' went out at once.
    expect(s.builtFrom).toBe('a');
    expect(s.status).toBe('building');
    expect(e.texts).toEqual(['a', 'abcd']);
    await vi.advanceTimersByTimeAsync(10);
    expect(s.builtFrom).toBe('abcd');
    expect(s.status).toBe('ok');
    expect(e.texts).toEqual(['a', 'abcd']);
  });

  it('does not wait forever on a build that never comes back', async () => {
    const e = engine(-1);
    const s = new Studio(e.client);
    s.edit('a');
    s.edit('ab');
    expect(e.texts).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(BUILD_STUCK_MS + 1);
    s.edit('abc');
    expect(e.texts).toEqual(['a', 'abc']);
  });

  it('load and buildNow build at once, superseding a build that is out', async () => {
    const e = engine();
    const s = new Studio(e.client);
    s.edit('a');
    s.load('loaded', 'Title', 'id1');
    expect(e.texts).toEqual(['a', 'loaded']);
    await vi.advanceTimersByTimeAsync(10);
    expect(s.builtFrom).toBe('loaded');
    expect(s.status).toBe('ok');
  });
});
