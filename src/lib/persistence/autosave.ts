/**
 * Debounced saving: every change re-arms a timer and the save runs once the person pauses.
 * Saves never overlap: a change during a save schedules one more save after it. `flush()` saves
 * at once (Ctrl/⌘+S, switching drafts, leaving the page).
 */
export type SaveState = 'saved' | 'unsaved' | 'saving' | 'error';

export interface AutosaveOptions {
  readonly delay: number;
  /** Writes the current text; its rejection is reported as the `error` state. */
  readonly save: () => Promise<void>;
  readonly onstate?: (s: SaveState, error?: unknown) => void;
}

export interface Autosave {
  /** Marks unsaved changes and (re)arms the timer. */
  schedule(): void;
  /** Saves now if anything is unsaved; resolves when the store has it. */
  flush(): Promise<void>;
  /** Forgets unsaved changes (the draft was replaced or deleted). */
  cancel(): void;
  readonly state: SaveState;
}

export function createAutosave({ delay, save, onstate }: AutosaveOptions): Autosave {
  let state: SaveState = 'saved';
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;

  const set = (s: SaveState, error?: unknown) => {
    state = s;
    onstate?.(s, error);
  };

  async function run(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    while (running) await running;
    if (!dirty) return;
    dirty = false;
    set('saving');
    running = save().then(
      () => set(dirty ? 'unsaved' : 'saved'),
      (err: unknown) => {
        dirty = true;
        set('error', err);
      },
    );
    try {
      await running;
    } finally {
      running = undefined;
    }
  }

  return {
    schedule() {
      dirty = true;
      if (state !== 'saving') set('unsaved');
      clearTimeout(timer);
      timer = setTimeout(() => void run(), delay);
    },
    flush: run,
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      dirty = false;
      if (!running) set('saved');
    },
    get state() {
      return state;
    },
  };
}
