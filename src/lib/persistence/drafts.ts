/**
 * Drafts kept in the browser's IndexedDB (database `gobl-studio`), through idb. Nothing leaves
 * the browser. The schema is versioned: `upgrade` walks every version step from the stored one,
 * so a later version only adds its own step.
 *
 * v1: `drafts` (key `id`, index `by-updated`) and `meta` (small key/value records, such as
 *     the id of the draft that was open last).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const DB_NAME = 'gobl-studio';
export const DB_VERSION = 1;

export interface Draft {
  readonly id: string;
  readonly title: string;
  /** The editor's text, exactly as typed (it may be broken JSON). */
  readonly source: string;
  /** Milliseconds since the epoch. */
  readonly created: number;
  readonly updated: number;
  /** Where it came from: `sample:<file>`, `import:<file name>`, `share`, `copy`, `new`. */
  readonly origin?: string;
  /** False until the person first edits it: an untouched sample draft may be reused. */
  readonly edited: boolean;
}

export type DraftSummary = Omit<Draft, 'source'> & { readonly size: number };

interface StudioDB extends DBSchema {
  drafts: { key: string; value: Draft; indexes: { 'by-updated': number } };
  meta: { key: string; value: unknown };
}

const LAST_OPEN = 'lastDraftId';

export interface DraftStoreOptions {
  readonly name?: string;
  /** Clock (ms since epoch); injectable for tests. */
  readonly now?: () => number;
  readonly newId?: () => string;
}

export function newDraftId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Pages served over plain http on a LAN address have no randomUUID (not a secure context).
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

export class DraftStore {
  #db: Promise<IDBPDatabase<StudioDB>>;
  #now: () => number;
  #newId: () => string;
  #lastStamp = 0;

  constructor(opts: DraftStoreOptions = {}) {
    this.#now = opts.now ?? Date.now;
    this.#newId = opts.newId ?? newDraftId;
    this.#db = openDB<StudioDB>(opts.name ?? DB_NAME, DB_VERSION, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) {
          const drafts = db.createObjectStore('drafts', { keyPath: 'id' });
          drafts.createIndex('by-updated', 'updated');
          db.createObjectStore('meta');
        }
      },
    });
  }

  /**
   * `updated` stamps strictly increase within this store, so the list order is the order of the
   * changes even when two land in the same millisecond.
   */
  #stamp(after = 0): number {
    this.#lastStamp = Math.max(this.#now(), this.#lastStamp + 1, after + 1);
    return this.#lastStamp;
  }

  /** Newest first, without the sources. */
  async list(): Promise<DraftSummary[]> {
    const db = await this.#db;
    const all = await db.getAllFromIndex('drafts', 'by-updated');
    return all.reverse().map(({ source, ...rest }) => ({ ...rest, size: source.length }));
  }

  async get(id: string): Promise<Draft | undefined> {
    return (await this.#db).get('drafts', id);
  }

  async create(init: { title: string; source: string; origin?: string; edited?: boolean }): Promise<Draft> {
    const t = this.#stamp();
    const draft: Draft = { id: this.#newId(), title: init.title, source: init.source, created: t, updated: t, origin: init.origin, edited: init.edited ?? false };
    await (await this.#db).put('drafts', draft);
    return draft;
  }

  /** Changes some fields of a draft and stamps it as updated; undefined when it no longer exists. */
  async update(id: string, patch: Partial<Pick<Draft, 'title' | 'source' | 'origin' | 'edited'>>): Promise<Draft | undefined> {
    const db = await this.#db;
    const tx = db.transaction('drafts', 'readwrite');
    const old = await tx.store.get(id);
    if (!old) {
      await tx.done;
      return undefined;
    }
    const next: Draft = { ...old, ...patch, updated: this.#stamp(old.updated) };
    await tx.store.put(next);
    await tx.done;
    return next;
  }

  async rename(id: string, title: string): Promise<Draft | undefined> {
    return this.update(id, { title: title.trim() || 'Untitled' });
  }

  async duplicate(id: string): Promise<Draft | undefined> {
    const old = await this.get(id);
    if (!old) return undefined;
    return this.create({ title: `${old.title} (copy)`, source: old.source, origin: 'copy', edited: true });
  }

  async remove(id: string): Promise<void> {
    const db = await this.#db;
    await db.delete('drafts', id);
    if ((await db.get('meta', LAST_OPEN)) === id) await db.delete('meta', LAST_OPEN);
  }

  async lastOpenId(): Promise<string | undefined> {
    const v = await (await this.#db).get('meta', LAST_OPEN);
    return typeof v === 'string' ? v : undefined;
  }

  async setLastOpenId(id: string): Promise<void> {
    await (await this.#db).put('meta', id, LAST_OPEN);
  }

  async close(): Promise<void> {
    (await this.#db).close();
  }
}
