/**
 * The documents list and the open draft's autosave, between the Studio (what the editor shows)
 * and the DraftStore (IndexedDB). The Studio owns the text; this class decides which draft the
 * text belongs to and when it is written.
 */
import type { Studio } from '../state/studio.svelte.ts';
import { createAutosave, type Autosave, type SaveState } from './autosave.ts';
import type { Draft, DraftStore, DraftSummary } from './drafts.ts';

export const AUTOSAVE_MS = 400;

export interface NewDraft {
  readonly title: string;
  readonly source: string;
  readonly origin?: string;
}

export class Documents {
  /** Newest first. */
  list = $state.raw<DraftSummary[]>([]);
  saveState = $state<SaveState>('saved');
  saveError = $state<string | undefined>(undefined);

  #studio: Studio;
  #store: DraftStore;
  #autosave: Autosave;
  /** What is known of the open draft besides its text (owned by the Studio). */
  #current: { origin?: string; edited: boolean } = { edited: false };

  constructor(studio: Studio, store: DraftStore, autosaveMs = AUTOSAVE_MS) {
    this.#studio = studio;
    this.#store = store;
    this.#autosave = createAutosave({
      delay: autosaveMs,
      save: () => this.#write(),
      onstate: (s, err) => {
        this.saveState = s;
        this.saveError = s === 'error' ? String((err as Error)?.message ?? err) : undefined;
      },
    });
  }

  get currentId(): string | undefined {
    return this.#studio.draftId;
  }

  /** The saved text of a draft (to compare with), or undefined when it is gone. */
  async sourceOf(id: string): Promise<string | undefined> {
    return (await this.#store.get(id))?.source;
  }

  async refresh(): Promise<void> {
    this.list = await this.#store.list();
  }

  /** Reopens the draft that was open last; false when there is none. */
  async restore(): Promise<boolean> {
    const id = await this.#store.lastOpenId();
    const draft = id ? await this.#store.get(id) : undefined;
    if (!draft) return false;
    this.#show(draft);
    void this.refresh();
    return true;
  }

  /** The person typed: the draft is now theirs, and is saved after a pause. */
  changed(): void {
    this.#current.edited = true;
    this.#autosave.schedule();
  }

  /** Ctrl/⌘+S, switching drafts, leaving the page. */
  saveNow(): Promise<void> {
    if (this.#studio.draftId && !this.#current.edited) return Promise.resolve();
    if (this.saveState === 'saved') this.#autosave.schedule();
    return this.#autosave.flush();
  }

  async open(id: string): Promise<void> {
    if (id === this.#studio.draftId) return;
    await this.#autosave.flush();
    const draft = await this.#store.get(id);
    if (!draft) {
      await this.refresh();
      return;
    }
    this.#show(draft);
    await this.#store.setLastOpenId(id);
  }

  /** Opens a new draft (import, shared link, "New"): shown first, then written. */
  async create(init: NewDraft, edited = true): Promise<Draft> {
    await this.#autosave.flush();
    this.#studio.load(init.source, init.title, undefined);
    const draft = await this.#store.create({ ...init, edited });
    this.#studio.draftId = draft.id;
    this.#current = { origin: draft.origin, edited };
    await this.#store.setLastOpenId(draft.id);
    await this.refresh();
    return draft;
  }

  /**
   * Opens a sample. An untouched sample draft is reused, so browsing samples does not fill
   * the list; anything the person edited is kept and the sample gets a draft of its own.
   */
  async openSample(init: NewDraft): Promise<void> {
    await this.#autosave.flush();
    const id = this.#studio.draftId;
    if (id && !this.#current.edited && this.#current.origin?.startsWith('sample:')) {
      this.#studio.load(init.source, init.title, id);
      const reused = await this.#store.update(id, { ...init, edited: false });
      if (reused) {
        this.#current = { origin: init.origin, edited: false };
        await this.refresh();
        return;
      }
    }
    await this.create(init, false);
  }

  async rename(id: string, title: string): Promise<void> {
    const draft = await this.#store.rename(id, title);
    if (draft && id === this.#studio.draftId) this.#studio.title = draft.title;
    await this.refresh();
  }

  async duplicate(id: string): Promise<Draft | undefined> {
    if (id === this.#studio.draftId) await this.#autosave.flush();
    const copy = await this.#store.duplicate(id);
    await this.refresh();
    return copy;
  }

  /** Deletes a draft; deleting the open one opens the newest other, or `fallback` when none is left. */
  async remove(id: string, fallback: () => Promise<NewDraft>): Promise<void> {
    const wasOpen = id === this.#studio.draftId;
    if (wasOpen) this.#autosave.cancel();
    await this.#store.remove(id);
    await this.refresh();
    if (!wasOpen) return;
    this.#studio.draftId = undefined;
    const next = this.list[0];
    if (next) {
      const draft = await this.#store.get(next.id);
      if (draft) {
        this.#show(draft);
        await this.#store.setLastOpenId(draft.id);
        return;
      }
    }
    await this.create(await fallback(), false);
  }

  #show(draft: Draft): void {
    this.#autosave.cancel();
    this.#studio.load(draft.source, draft.title, draft.id);
    this.#current = { origin: draft.origin, edited: draft.edited };
  }

  async #write(): Promise<void> {
    const { source, title } = this.#studio;
    const id = this.#studio.draftId;
    const saved = id ? await this.#store.update(id, { source, title, edited: true }) : undefined;
    if (!saved) {
      // Never written, or deleted meanwhile (another tab): keep the text as a new draft.
      const draft = await this.#store.create({ title, source, origin: this.#current.origin, edited: true });
      this.#studio.draftId = draft.id;
      await this.#store.setLastOpenId(draft.id);
      await this.refresh();
      return;
    }
    // Move the saved draft to the top without reading every draft back.
    const { source: _s, ...meta } = saved;
    this.list = [{ ...meta, size: saved.source.length }, ...this.list.filter((d) => d.id !== saved.id)];
  }
}
