/**
 * Fault codes and the per-conversion state shared by the SII builders. Builders keep going after a
 * fault so that users see every problem of every invoice at once; nothing here throws.
 *
 * Paths point into the caller's input: the converters take a list of envelopes, so the first
 * invoice's customer is `$[0].doc.customer` (`$[0].customer` for a bare invoice). Problems with an
 * option live under `$options` (`$options.records[1].deductible`).
 */
import { type Fault, mergeFaults } from '../../core/fault.ts';
import { type ConvertResult, convertFault } from '../types.ts';

/** SII converter fault codes (`CONVERT-SII-NN`): a public contract, never reuse a number. */
export const FAULT = {
  /** The input is not a GOBL invoice (or an envelope holding one) we can read. */
  input: 'CONVERT-SII-01',
  /** The invoice does not use the `es-sii-v1` addon. */
  addon: 'CONVERT-SII-02',
  /** The invoice has not been calculated (no totals). */
  notCalculated: 'CONVERT-SII-03',
  /** Data SII requires is missing (tax IDs, names, codes, dates, doc type). */
  missing: 'CONVERT-SII-04',
  /** A value SII cannot represent (too long, too many breakdown rows, out of range, no EUR rate). */
  unsupported: 'CONVERT-SII-05',
  /** The titular (owner of the books) does not match the invoices, or they mix titulars. */
  titular: 'CONVERT-SII-06',
  /** An option is invalid. */
  option: 'CONVERT-SII-07',
  /** The batch is empty or holds more than the 10 000 records SII accepts per request. */
  batch: 'CONVERT-SII-08',
  /** Received invoices: the deductible VAT would differ from the VAT borne (seed 004 limitation). */
  deductible: 'CONVERT-SII-10',
  /** Received invoices: investment goods (bienes de inversión) cannot be flagged (limitation). */
  investmentGoods: 'CONVERT-SII-11',
  /** Received invoices: the deduction period must be the settlement period (limitation). */
  deductionPeriod: 'CONVERT-SII-12',
  /** Received invoices: a code that only makes sense in the issued-invoices book. */
  receivedOnly: 'CONVERT-SII-13',
  /** A response could not be read. */
  response: 'CONVERT-SII-20',
  /** A bug: an unexpected exception, reported as data. */
  internal: 'CONVERT-SII-99',
} as const;

export class Ctx {
  constructor(
    readonly faults: Fault[],
    /** JSON path of the invoice: `$[0].doc`. */
    readonly base: string,
    /** Position of the invoice in the batch. */
    readonly index: number,
  ) {}

  /** JSON path of a document field: `at('supplier.tax_id')` → `$[0].doc.supplier.tax_id`. */
  at(rel: string): string {
    if (rel === '') return this.base;
    return rel.startsWith('[') ? this.base + rel : `${this.base}.${rel}`;
  }

  fault(code: string, rel: string, message: string): void {
    this.faults.push(convertFault(code, this.at(rel), message));
  }

  /** For paths outside the document (options). */
  faultAt(code: string, path: string, message: string): void {
    this.faults.push(convertFault(code, path, message));
  }

  /** Checks an XSD `maxLength`; returns the text unchanged (the fault is collected). */
  text(value: string, max: number, rel: string): string {
    const n = [...value].length;
    if (n > max) this.fault(FAULT.unsupported, rel, `too long for SII: ${n} characters, at most ${max} allowed`);
    return value;
  }
}

/** Splits a batch path (`$[2].doc.customer`) into the envelope index and the path inside it. */
export function splitBatchPath(path: string): { index: number; path: string } | undefined {
  const m = /^\$\[(\d+)\](.*)$/.exec(path);
  return m ? { index: Number(m[1]), path: `$${m[2]}` } : undefined;
}

/** Runs a converter, turning an unexpected exception (a bug) into a fault. */
export function guarded<T>(run: () => ConvertResult<T>): ConvertResult<T> {
  try {
    return run();
  } catch (e) {
    return { ok: false, faults: [convertFault(FAULT.internal, '$', `internal error: ${e instanceof Error ? e.message : String(e)}`)] };
  }
}

/** The faults collected (merged as GOBL does), or the output when there are none. */
export function result<T>(faults: readonly Fault[], build: () => T): ConvertResult<T> {
  return faults.length > 0 ? { ok: false, faults: mergeFaults(faults) } : { ok: true, value: build() };
}
