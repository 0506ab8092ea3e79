/**
 * What the SII converters need that is not in a GOBL invoice: the kind of communication, the
 * owner of the books and, for received invoices, bookkeeping facts of the recipient.
 */
import type { Periodicity } from './format.ts';

/** Owner of the VAT books (`Titular`): a Spanish taxpayer, optionally with a representative. */
export interface SiiTitular {
  readonly name: string;
  readonly nif: string;
  /** `NIFRepresentante`, when a representative files for the titular. */
  readonly representative?: string;
}

export interface SiiOptions {
  /** `A0` registers new invoices, `A1` re-sends modified ones (the client knows which). */
  readonly communication: 'A0' | 'A1';
  /** Defaults to the supplier (issued invoices) or the customer (received invoices). */
  readonly titular?: SiiTitular;
  /** Monthly (`01`..`12`, the SII default) or quarterly (`1T`..`4T`) settlement periods. */
  readonly periodicity?: Periodicity;
}

/** Recipient's bookkeeping for one received invoice (the same position as its envelope). */
export interface SiiReceivedRecord {
  /** `FechaRegContable` (`YYYY-MM-DD`); it also sets the settlement period. Defaults to the issue date. */
  readonly registrationDate?: string;
  /**
   * Self-assessed VAT rate for reverse-charge and intra-community purchases (e.g. `"21%"`).
   * GOBL invoices carry no rate for them; defaults to the Spanish general rate of the date.
   */
  readonly selfAssessedRate?: string;
  /**
   * `CuotaDeducible`. Only the full VAT borne can be reported (seed 004): a different amount is
   * refused with a fault rather than silently ignored.
   */
  readonly deductible?: string;
  /** `BienInversion`: not supported in the received-invoices book (seed 004), refused when true. */
  readonly investmentGoods?: boolean;
  /** `EjercicioDeduccion`/`PeriodoDeduccion`: must equal the settlement period (seed 004). */
  readonly deductionPeriod?: { readonly year: string; readonly period: string };
}

export interface SiiReceivedOptions extends SiiOptions {
  /** Per-invoice bookkeeping, by position in the batch. */
  readonly records?: readonly (SiiReceivedRecord | undefined)[];
}

/** Cancellations (`BajaLR…`) have no communication type. */
export type SiiCancelOptions = Omit<SiiOptions, 'communication'>;
