/**
 * The studio's state: the source text the person edits and the engine's newest results.
 * Results are kept in `$state.raw` (replaced whole, never deep-proxied); a result is "current"
 * only when it was computed from the text now in the editor.
 */
import type { BuildError } from '../../../engine/index.ts';
import type { EngineClient } from '../engine/client.ts';
import type { BuildResponse, CorrectResponse, ImportResponse, JsonSyntaxError, OtherBuildResponse, RoundingResponse } from '../engine/protocol.ts';

export type BuildStatus = 'idle' | 'building' | 'ok' | 'faults' | 'syntax';

/**
 * Builds are not debounced: an edit made while the engine is idle builds at once, and edits made
 * while a build is out are coalesced into one build of the newest text when it returns. So a
 * keystroke shows its result within a frame or two, and a burst costs one build per round trip.
 * A build out for longer than this is presumed lost (worker restarted) and is superseded.
 */
export const BUILD_STUCK_MS = 2000;

export class Studio {
  /** What the editor shows. */
  source = $state('');
  /** Name of the open draft (documents list). */
  title = $state('Untitled');
  draftId = $state<string | undefined>(undefined);

  envelope = $state.raw<Record<string, unknown> | undefined>(undefined);
  error = $state.raw<BuildError | undefined>(undefined);
  syntax = $state.raw<JsonSyntaxError | undefined>(undefined);
  /** The text the shown results were built from. */
  builtFrom = $state('');
  engineMs = $state<number | undefined>(undefined);
  pending = $state(false);

  status: BuildStatus = $derived.by(() => {
    if (this.pending || this.builtFrom !== this.source) return this.builtFrom === '' && !this.source ? 'idle' : 'building';
    if (this.syntax) return 'syntax';
    if (this.error) return 'faults';
    return this.envelope ? 'ok' : 'idle';
  });

  /** Totals of the newest successful build (shown dimmed while a newer build runs). */
  totals = $derived.by(() => {
    const doc = this.envelope?.doc as { totals?: Record<string, unknown> } | undefined;
    return doc?.totals;
  });

  #client: EngineClient;
  /** When the build request that is out was sent (undefined: none is out). */
  #outSince: number | undefined;
  /** Fixed clock for reproducible output (tests); the worker's clock otherwise. */
  now: number | undefined;

  constructor(client: EngineClient, now?: number) {
    this.#client = client;
    this.now = now;
  }

  /** Called on every edit: builds at once, or right after the build that is out. */
  edit(text: string): void {
    this.source = text;
    if (this.#outSince === undefined || performance.now() - this.#outSince > BUILD_STUCK_MS) void this.buildNow();
  }

  /** Loads a whole document (sample, draft, import) and builds it at once. */
  load(text: string, title?: string, draftId?: string): void {
    this.source = text;
    if (title) this.title = title;
    this.draftId = draftId;
    void this.buildNow();
  }

  async buildNow(): Promise<void> {
    const text = this.source;
    this.pending = true;
    this.#outSince = performance.now();
    const res = await this.#client.request('build', { text, now: this.now });
    if (!res) return; // superseded by a newer request (which now owns #outSince): never shown
    this.#outSince = undefined;
    this.apply(text, res);
    // Edits made while it was out: build the newest text now.
    if (this.source !== text) void this.buildNow();
  }

  /** Turns an XML invoice into a GOBL document in the worker (faults say why it could not). */
  importXml(xml: string): Promise<ImportResponse | undefined> {
    return this.#client.request('import', { xml });
  }

  /** The correction options schema for the editor's document (options absent), or its correction. */
  correct(options?: Record<string, unknown>, lang?: string): Promise<CorrectResponse | undefined> {
    return this.#client.request('correct', { text: this.source, options, lang });
  }

  /** Builds another document (a draft to compare with) without touching the editor's results. */
  buildOther(text: string): Promise<OtherBuildResponse | undefined> {
    return this.#client.request('build-other', { text, now: this.now });
  }

  /** The editor's document under both rounding rules; undefined when a newer request took over. */
  compareRounding(text: string): Promise<RoundingResponse | undefined> {
    return this.#client.request('rounding', { text, now: this.now });
  }

  private apply(text: string, res: BuildResponse): void {
    this.pending = false;
    this.engineMs = res.ms;
    this.syntax = res.syntax;
    this.error = res.error;
    if (res.envelope) this.envelope = res.envelope;
    else if (res.syntax) {
      // Keep the last good envelope visible (marked stale by status) while the JSON is broken.
    } else this.envelope = undefined;
    this.builtFrom = text;
  }
}
