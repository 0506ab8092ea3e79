/** View preferences: theme, presentation mode, which output is shown. Kept in the URL-free UI. */
export type OutputTab = 'built' | 'totals' | 'xml' | 'pdf' | 'submit';

export class Preferences {
  dark = $state(false);
  presentation = $state(false);
  tab = $state<OutputTab>('totals');
  /** Second tab shown beside the first in presentation mode. */
  sideTab = $state<OutputTab>('pdf');
  showHelp = $state(false);
  showProblems = $state(true);
  /** Editor width as a fraction of the window. */
  split = $state(0.45);

  get editorFontSize(): number {
    return this.presentation ? 18 : 13;
  }

  apply(): void {
    document.documentElement.dataset.theme = this.dark ? 'dark' : 'light';
    document.documentElement.dataset.presentation = String(this.presentation);
  }
}
