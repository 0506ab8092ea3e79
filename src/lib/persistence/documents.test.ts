import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { EngineClient } from '../engine/client.ts';
import { Studio } from '../state/studio.svelte.ts';
import { Documents } from './documents.svelte.ts';
import { DraftStore } from './drafts.ts';

/** An engine that answers every build at once with an empty envelope. */
const engine: EngineClient = {
  request: (async (kind: string) => ({ kind, id: 0, ms: 0, envelope: { doc: {} } })) as EngineClient['request'],
  dispose() {},
};

let n = 0;
function setup() {
  const name = `docs-${++n}`;
  const store = new DraftStore({ name });
  const studio = new Studio(engine);
  const docs = new Documents(studio, store, 50);
  return { name, store, studio, docs };
}

/** What the editor does on a keystroke. */
function type(s: { studio: Studio; docs: Documents }, text: string) {
  s.studio.edit(text);
  s.docs.changed();
}

const sample = (file: string, source: string) => ({ title: file, source, origin: `sample:${file}` });

describe('Documents', () => {
  it('restores nothing on a first visit, then the last open draft after a reload', async () => {
    const a = setup();
    expect(await a.docs.restore()).toBe(false);
    await a.docs.openSample(sample('tbai-b2b.json', '{"v":1}'));
    type(a, '{"v":2}');
    expect(a.docs.saveState).toBe('unsaved');
    await a.docs.saveNow();
    expect(a.docs.saveState).toBe('saved');

    const b = { ...a, studio: new Studio(engine), store: new DraftStore({ name: a.name }) };
    const docs = new Documents(b.studio, b.store, 50);
    expect(await docs.restore()).toBe(true);
    expect(b.studio.source).toBe('{"v":2}');
    expect(b.studio.title).toBe('tbai-b2b.json');
    expect(b.studio.draftId).toBe(a.studio.draftId);
  });

  it('autosaves after a pause', async () => {
    const s = setup();
    await s.docs.create({ title: 'Mine', source: '{}' });
    type(s, '{"a":1}');
    await new Promise((r) => setTimeout(r, 150));
    expect(s.docs.saveState).toBe('saved');
    expect((await s.store.get(s.studio.draftId!))?.source).toBe('{"a":1}');
  });

  it('reuses an untouched sample draft, but keeps an edited one', async () => {
    const s = setup();
    await s.docs.openSample(sample('a.json', 'A'));
    await s.docs.openSample(sample('b.json', 'B'));
    expect(s.docs.list.map((d) => d.title)).toEqual(['b.json']);
    type(s, 'B edited');
    await s.docs.openSample(sample('c.json', 'C'));
    expect(s.docs.list.map((d) => d.title)).toEqual(['c.json', 'b.json']);
    expect((await s.store.get(s.docs.list[1].id))?.source).toBe('B edited');
    expect(s.studio.source).toBe('C');
  });

  it('saves the open draft before switching, then opens the other one', async () => {
    const s = setup();
    const first = await s.docs.create({ title: 'First', source: '1' });
    type(s, '1 changed');
    await s.docs.create({ title: 'Second', source: '2' });
    expect((await s.store.get(first.id))?.source).toBe('1 changed');
    await s.docs.open(first.id);
    expect(s.studio.source).toBe('1 changed');
    expect(await s.store.lastOpenId()).toBe(first.id);
  });

  it('renames the open draft in the studio too, and duplicates without switching', async () => {
    const s = setup();
    const d = await s.docs.create({ title: 'Old', source: 'x' });
    await s.docs.rename(d.id, 'New name');
    expect(s.studio.title).toBe('New name');
    const copy = await s.docs.duplicate(d.id);
    expect(copy?.title).toBe('New name (copy)');
    expect(s.studio.draftId).toBe(d.id);
    expect(s.docs.list).toHaveLength(2);
  });

  it('deleting the open draft opens the newest other one, or a fallback when none is left', async () => {
    const s = setup();
    const a = await s.docs.create({ title: 'A', source: 'a' });
    const b = await s.docs.create({ title: 'B', source: 'b' });
    await s.docs.remove(b.id, async () => ({ title: 'Blank', source: '{}' }));
    expect(s.studio.draftId).toBe(a.id);
    expect(s.studio.source).toBe('a');
    await s.docs.remove(a.id, async () => ({ title: 'Blank', source: '{}' }));
    expect(s.studio.title).toBe('Blank');
    expect(s.docs.list.map((d) => d.title)).toEqual(['Blank']);
  });
});
