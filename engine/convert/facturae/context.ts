/**
 * Shared state of one conversion: the JSON path of the document (`$.doc` in an envelope) and
 * the faults collected so far. Builders keep going after a fault so users see every problem at once.
 */
import type { Fault } from '../../core/fault.ts';
import { convertFault } from '../types.ts';

/** Export fault codes (`CONVERT-FACTURAE-NN`). */
export const FAULT = {
  /** The input is not a GOBL invoice (or envelope holding one) we can read. */
  input: 'CONVERT-FACTURAE-01',
  /** The invoice does not use the `es-facturae-v3` addon. */
  addon: 'CONVERT-FACTURAE-02',
  /** The invoice has not been calculated (no totals). */
  notCalculated: 'CONVERT-FACTURAE-03',
  /** Data FacturaE requires is missing (customer, tax ID, address, name parts, codes, lines). */
  missing: 'CONVERT-FACTURAE-04',
  /** A value FacturaE cannot represent (country, post code, too long, payment means). */
  unsupported: 'CONVERT-FACTURAE-05',
  /** Re-calculating the invoice (tax-included prices, credit-note inversion) failed. */
  calculation: 'CONVERT-FACTURAE-06',
  /** An option is invalid (e.g. the third party). */
  option: 'CONVERT-FACTURAE-07',
  /** A bug: an unexpected exception, reported as data. */
  internal: 'CONVERT-FACTURAE-99',
} as const;

export class Ctx {
  readonly faults: Fault[] = [];
  /** Write totals as the reference converter does (FacturaeOptions.legacyTotals). */
  legacyTotals = false;
  constructor(readonly base: string) {}

  /** JSON path of a document field: `at('supplier.tax_id')` → `$.doc.supplier.tax_id`. */
  at(rel: string): string {
    if (rel === '') return this.base;
    return rel.startsWith('[') ? this.base + rel : `${this.base}.${rel}`;
  }

  fault(code: string, path: string, message: string): void {
    this.faults.push(convertFault(code, path, message));
  }

  /** Checks an XSD `maxLength` (and optional `minLength`); returns the text unchanged. */
  text(value: string | null | undefined, max: number, path: string, min = 0): string {
    const v = value ?? '';
    const n = [...v].length;
    if (n > max) this.fault(FAULT.unsupported, path, `too long for FacturaE: ${n} characters, at most ${max} allowed`);
    else if (n < min) this.fault(FAULT.unsupported, path, `too short for FacturaE: ${n} characters, at least ${min} required`);
    return v;
  }
}
