/** The studio state is shared through Svelte context with a Symbol key. */
import { getContext, setContext } from 'svelte';
import type { Studio } from './studio.svelte.ts';
import type { Preferences } from './preferences.svelte.ts';

const STUDIO = Symbol('studio');
const PREFS = Symbol('preferences');

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
