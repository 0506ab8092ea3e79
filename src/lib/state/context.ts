/** The studio state is shared through Svelte context with a Symbol key. */
import { getContext, setContext } from 'svelte';
import type { Studio } from './studio.svelte.ts';
import type { Preferences } from './preferences.svelte.ts';
import type { Notices } from './notices.svelte.ts';
import type { Documents } from '../persistence/documents.svelte.ts';

const STUDIO = Symbol('studio');
const PREFS = Symbol('preferences');
const DOCUMENTS = Symbol('documents');
const NOTICES = Symbol('notices');

export function setStudio(s: Studio): void {
  setContext(STUDIO, s);
}
export function getStudio(): Studio {
  return getContext<Studio>(STUDIO);
}
export function setPreferences(p: Preferences): void {
  setContext(PREFS, p);
}
export function getPreferences(): Preferences {
  return getContext<Preferences>(PREFS);
}
export function setDocuments(d: Documents): void {
  setContext(DOCUMENTS, d);
}
export function getDocuments(): Documents {
  return getContext<Documents>(DOCUMENTS);
}
export function setNotices(n: Notices): void {
  setContext(NOTICES, n);
}
export function getNotices(): Notices {
  return getContext<Notices>(NOTICES);
}
