/**
 * What the studio opens on load: a permalink in the address (it wins, and becomes a new draft),
 * else the draft that was open last, else the first sample. Without IndexedDB (blocked storage)
 * the studio still opens the document, unsaved, and says so.
 */
import type { Studio } from '../state/studio.svelte.ts';
import type { Notices } from '../state/notices.svelte.ts';
import { readPermalink, type SharedView } from '../share/permalink.ts';
import type { Documents, NewDraft } from './documents.svelte.ts';

export interface Session {
  readonly studio: Studio;
  readonly docs: Documents;
  readonly notices: Notices;
  /** The document a first visit starts with. */
  readonly firstDraft: () => Promise<NewDraft | undefined>;
  /** Shows what a shared link's sender was looking at (tab, XML format, province). */
  readonly showView?: (view: SharedView) => void;
}

export function storageFailed(notices: Notices, err: unknown): void {
  notices.show('error', `Drafts cannot be saved in this browser: ${(err as Error)?.message ?? err}`);
}

/** Opens a new draft, or at least shows the text when drafts cannot be stored. */
async function openUnsavedOnFailure(s: Session, draft: NewDraft, edited: boolean): Promise<void> {
  try {
    if (edited) await s.docs.create(draft);
    else await s.docs.openSample(draft);
  } catch (err) {
    s.studio.load(draft.source, draft.title);
    storageFailed(s.notices, err);
  }
}

/** Opens the document of a `#doc=` fragment as a new draft and clears the fragment. */
export async function openSharedLink(s: Session): Promise<boolean> {
  const shared = await readPermalink(location.hash);
  if (!shared) return false;
  // Consumed: a reload reopens the draft instead of making another copy.
  history.replaceState(null, '', location.pathname + location.search);
  if (!shared.ok) {
    s.notices.show('error', shared.message);
    return false;
  }
  await openUnsavedOnFailure(s, { title: 'Shared document', source: shared.text, origin: 'share' }, true);
  if (shared.view) s.showView?.(shared.view);
  s.notices.show('info', 'Opened the shared document as a new draft.');
  return true;
}

export async function startSession(s: Session): Promise<void> {
  if (await openSharedLink(s)) return;
  const restored = await s.docs.restore().catch((err: unknown) => {
    storageFailed(s.notices, err);
    return false;
  });
  if (restored || s.studio.source) return;
  const first = await s.firstDraft();
  if (first) await openUnsavedOnFailure(s, first, false);
}
