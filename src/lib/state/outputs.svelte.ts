/**
 * XML and PDF outputs: recomputed in the worker whenever a newer build or option arrives. Like
 * builds, only the newest result counts, and each result remembers which envelope it came from
 * so the UI can tell when it is stale.
 */
import type { Fault } from '../../../engine/index.ts';
import type { EngineClient } from '../engine/client.ts';

export const XML_FORMATS = [
  ['ticketbai', 'TicketBAI'],
  ['ticketbai-cancel', 'TicketBAI cancel'],
  ['verifactu', 'VERI*FACTU'],
  ['verifactu-cancel', 'VERI*FACTU cancel'],
  ['sii', 'SII issued'],
  ['sii-received', 'SII received'],
  ['facturae', 'Facturae'],
] as const;
export type XmlFormat = (typeof XML_FORMATS)[number][0];

/** The format a document's addon calls for (TicketBAI documents get TicketBAI XML, etc.). */
export function formatForAddons(addons: readonly string[] | undefined): XmlFormat {
  if (addons?.includes('es-tbai-v1')) return 'ticketbai';
  if (addons?.includes('es-verifactu-v1')) return 'verifactu';
  if (addons?.includes('es-sii-v1')) return 'sii';
  return 'facturae';
}

/** The envelope with `doc.code` filled for the preview when the document has no number. */
function withPreviewCode(envelope: unknown, code: string): unknown {
  const env = envelope as { doc?: { code?: string } };
  if (!code.trim() || !env?.doc || env.doc.code) return envelope;
  return { ...env, doc: { ...env.doc, code: code.trim() } };
}

export class XmlOutput {
  /** Chosen by the person; undefined follows the document's addon. */
  chosen = $state<XmlFormat | undefined>(undefined);
  zone = $state<'' | 'BI' | 'SS' | 'VI'>('');
  /** Conversion time; empty means "now" at each conversion. */
  now = $state('');
  /** Previous chain link as JSON text (empty: first record of the chain). */
  previous = $state('');
  /**
   * Number used for the preview when the document has none yet (issue workflows assign it with
   * a sequence). Only the XML preview uses it; the document is not changed.
   */
  previewCode = $state('');
  xml = $state.raw<string | undefined>(undefined);
  /** The format the shown XML (or its faults) was made in. */
  resultFormat = $state<XmlFormat | undefined>(undefined);
  faults = $state.raw<readonly Fault[]>([]);
  /** Problem with the options themselves (e.g. the chain JSON does not parse). */
  optionError = $state<string | undefined>(undefined);
  /** The envelope the shown XML was made from. */
  from = $state.raw<unknown>(undefined);
  pending = $state(false);

  #client: EngineClient;
  constructor(client: EngineClient) {
    this.#client = client;
  }

  format(addons: readonly string[] | undefined): XmlFormat {
    return this.chosen ?? formatForAddons(addons);
  }

  async update(envelope: unknown, addons: readonly string[] | undefined, clock: () => number): Promise<void> {
    let previous: unknown;
    this.optionError = undefined;
    if (this.previous.trim()) {
      try {
        previous = JSON.parse(this.previous);
      } catch (e) {
        this.optionError = `previous chain link: ${(e as Error).message}`;
        return;
      }
    }
    this.pending = true;
    const now = this.now ? new Date(this.now).toISOString() : new Date(clock()).toISOString();
    const format = this.format(addons);
    const res = await this.#client.request('convert', {
      envelope: withPreviewCode(envelope, this.previewCode),
      format,
      options: { now, zone: this.zone || undefined, previous, pretty: true },
    });
    if (!res) return;
    this.pending = false;
    this.xml = res.xml;
    this.resultFormat = format;
    this.faults = res.faults ?? [];
    this.from = envelope;
  }
}

export interface PdfOptions {
  locale: 'es' | 'en' | 'eu';
  dateFormat: string;
  layout: 'A4' | 'letter';
  verifactuEnv: 'test' | 'production';
}

export class PdfOutput {
  options = $state<PdfOptions>({ locale: 'es', dateFormat: '%d/%m/%Y', layout: 'A4', verifactuEnv: 'test' });
  pdf = $state.raw<Uint8Array | undefined>(undefined);
  faults = $state.raw<readonly Fault[]>([]);
  from = $state.raw<unknown>(undefined);
  pending = $state(false);
  ms = $state<number | undefined>(undefined);

  #client: EngineClient;
  constructor(client: EngineClient) {
    this.#client = client;
  }

  async update(envelope: unknown): Promise<void> {
    this.pending = true;
    const { locale, dateFormat, layout, verifactuEnv } = this.options;
    const res = await this.#client.request('pdf', {
      envelope,
      options: { locale, dateFormat, layout, verifactu: { env: verifactuEnv } },
    });
    if (!res) return;
    this.pending = false;
    this.pdf = res.pdf;
    this.faults = res.faults ?? [];
    this.from = envelope;
    this.ms = res.ms;
  }
}
