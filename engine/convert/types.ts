/**
 * What every converter shares: results are data (XML text or faults with JSON paths into the
 * GOBL envelope), never exceptions, and everything not in the document comes in as an option.
 */
import type { Fault } from '../core/fault.ts';

export type ConvertResult<T = string> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly faults: readonly Fault[] };

/** The software that produced the record, as TicketBAI and VERI*FACTU require it. */
export interface SoftwareInfo {
  /** Licence code given by the tax authority (TicketBAI). */
  readonly license?: string;
  /** Developer's tax ID. */
  readonly nif: string;
  readonly name: string;
  readonly version: string;
  /** VERI*FACTU system identity. */
  readonly systemName?: string;
  readonly systemId?: string;
  readonly installationNumber?: string;
  readonly onlyVerifactu?: boolean;
  readonly multiOT?: boolean;
  readonly multipleOT?: boolean;
}

/** Converter fault codes: `CONVERT-<FORMAT>-NN`. */
export function convertFault(code: string, path: string, message: string): Fault {
  return { code, paths: [path], message };
}
