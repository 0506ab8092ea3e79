import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_NAME, DB_VERSION, DraftStore } from './drafts.ts';

let dbCount = 0;
function store() {
  let t = 1_000;
  let n = 0;
  return new DraftStore({ name: `test-${++dbCount}`, now: () => (t += 10), newId: () => `d${++n}` });
}

describe('DraftStore', () => {
  it('opens the gobl-studio database at the current schema version', async () => {
    const s = new DraftStore();
    await s.list();
    const db = await openDB(DB_NAME);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['drafts', 'meta']);
    expect([...db.transaction('drafts').store.indexNames]).toEqual(['by-updated']);
    db.close();
    await s.close();
  });

  it('creates, reads and lists drafts newest first, without their sources', async () => {
    const s = store();
    const a = await s.create({ title: 'A', source: '{"a":1}', origin: 'sample:tbai-b2b.json' });
    const b = await s.create({ title: 'B', source: '{}' });
    expect(await s.get(a.id)).toMatchObject({ title: 'A', source: '{"a":1}', edited: false, origin: 'sample:tbai-b2b.json' });
    const list = await s.list();
    expect(list.map((d) => d.title)).toEqual(['B', 'A']);
    expect(list[1]).toMatchObject({ id: a.id, size: 7 });
    expect('source' in list[0]).toBe(false);
    expect(b.created).toBe(b.updated);
  });

  it('updates text and moves the draft to the top', async () => {
    const s = store();
    const a = await s.create({ title: 'A', source: '1' });
    await s.create({ title: 'B', source: '2' });
    const u = await s.update(a.id, { source: '3', edited: true });
    expect(u).toMatchObject({ source: '3', edited: true, created: a.created });
    expect(u!.updated).toBeGreaterThan(a.updated);
    expect((await s.list()).map((d) => d.title)).toEqual(['A', 'B']);
    expect(await s.update('missing', { source: 'x' })).toBeUndefined();
  });

  it('orders changes made within the same millisecond', async () => {
    const s = new DraftStore({ name: `test-${++dbCount}`, now: () => 5_000 });
    const a = await s.create({ title: 'A', source: '' });
    await s.create({ title: 'B', source: '' });
    expect((await s.list()).map((d) => d.title)).toEqual(['B', 'A']);
    await s.update(a.id, { source: 'changed' });
    expect((await s.list()).map((d) => d.title)).toEqual(['A', 'B']);
  });

  it('renames (blank names become Untitled), duplicates and deletes', async () => {
    const s = store();
    const a = await s.create({ title: 'A', source: 'text' });
    expect((await s.rename(a.id, '  Invoice 7 '))?.title).toBe('Invoice 7');
    expect((await s.rename(a.id, '   '))?.title).toBe('Untitled');
    const copy = await s.duplicate(a.id);
    expect(copy).toMatchObject({ title: 'Untitled (copy)', source: 'text', origin: 'copy', edited: true });
    expect(copy!.id).not.toBe(a.id);
    await s.remove(a.id);
    expect(await s.get(a.id)).toBeUndefined();
    expect((await s.list()).map((d) => d.id)).toEqual([copy!.id]);
    expect(await s.duplicate('missing')).toBeUndefined();
  });

  it('remembers the last open draft, and forgets it when that draft is deleted', async () => {
    const s = store();
    expect(await s.lastOpenId()).toBeUndefined();
    const a = await s.create({ title: 'A', source: '' });
    await s.setLastOpenId(a.id);
    expect(await s.lastOpenId()).toBe(a.id);
    await s.remove(a.id);
    expect(await s.lastOpenId()).toBeUndefined();
  });

  it('keeps drafts across connections (a reload)', async () => {
    const name = `test-reload-${++dbCount}`;
    const first = new DraftStore({ name });
    const d = await first.create({ title: 'Kept', source: '{"kept":true}' });
    await first.setLastOpenId(d.id);
    await first.close();
    const second = new DraftStore({ name });
    expect(await second.get((await second.lastOpenId())!)).toMatchObject({ title: 'Kept', source: '{"kept":true}' });
  });
});
