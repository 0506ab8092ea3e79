import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineClient } from '../engine/client.ts';
import { Notices } from '../state/notices.svelte.ts';
import { Studio } from '../state/studio.svelte.ts';
import { permalinkFor } from '../share/permalink.ts';
import { Documents } from './documents.svelte.ts';
import { DraftStore } from './drafts.ts';
import { startSession, type Session } from './session.ts';

const engine: EngineClient = {
  request: (async (kind: string) => ({ kind, id: 0, ms: 0, envelope: { doc: {} } })) as EngineClient['request'],
  dispose() {},
};

/** A page at `url` (location and history are all the session reads of the browser). */
function page(url: string) {
  const u = new URL(url);
  const replaceState = vi.fn((_s: unknown, _t: string, next: string) => {
    const n = new URL(next, u);
    u.hash = n.hash;
  });
  vi.stubGlobal('location', {
    get hash() {
      return u.hash;
    },
    pathname: u.pathname,
    search: u.search,
  });
  vi.stubGlobal('history', { replaceState });
  return { replaceState };
}

afterEach(() => void vi.unstubAllGlobals());

let n = 0;
function session(name = `session-${++n}`): Session & { store: DraftStore } {
  const studio = new Studio(engine);
  const store = new DraftStore({ name });
  return { studio, store, docs: new Documents(studio, store, 10), notices: new Notices(), firstDraft: async () => ({ title: 'First sample', source: '{"first":true}', origin: 'sample:first.json' }) };
}

describe('startSession', () => {
  it('opens the first sample on a first visit, and the last draft after a reload', async () => {
    const name = `session-${++n}`;
    page('http://127.0.0.1:4173/');
    const a = session(name);
    await startSession(a);
    expect(a.studio.title).toBe('First sample');
    a.studio.edit('{"edited":true}');
    a.docs.changed();
    await a.docs.saveNow();

    const reloaded = session(name);
    await startSession(reloaded);
    expect(reloaded.studio.source).toBe('{"edited":true}');
    expect(reloaded.studio.draftId).toBe(a.studio.draftId);
  });

  it('a permalink wins over the saved draft, becomes a new draft, and leaves the address', async () => {
    const name = `session-${++n}`;
    page('http://127.0.0.1:4173/');
    const a = session(name);
    await startSession(a);

    const link = await permalinkFor('http://127.0.0.1:4173/', '{"shared":1}');
    const { replaceState } = page(link);
    const b = session(name);
    await startSession(b);
    expect(b.studio.source).toBe('{"shared":1}');
    expect(b.studio.title).toBe('Shared document');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/');
    expect(location.hash).toBe('');
    expect((await b.store.list()).map((d) => d.title)).toEqual(['Shared document', 'First sample']);
    expect(await b.store.lastOpenId()).toBe(b.studio.draftId);
    expect(b.notices.items.map((x) => x.kind)).toEqual(['info']);
  });

  it('a damaged permalink says so and falls back to the saved draft', async () => {
    page('http://127.0.0.1:4173/#doc=AAAA');
    const s = session();
    await startSession(s);
    expect(s.studio.title).toBe('First sample');
    expect(s.notices.items).toEqual([expect.objectContaining({ kind: 'error', text: expect.stringContaining('damaged') })]);
  });
});
