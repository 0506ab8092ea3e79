/**
 * What the Spanish anti-fraud systems require printed on the invoice, read from the envelope:
 *
 * - TicketBAI (es-tbai-v1): the TBAI identifier and the QR TBAI. Both exist only after the
 *   invoice is signed; GOBL records them in `head.stamps` as `tbai-code` and `tbai-qr`. Without
 *   them a placeholder is printed, never an invented code (spec "TicketBAI Especificaciones
 *   funcionales y técnicas 1.2" §4.3).
 * - VERI*FACTU (es-verifactu-v1): "QR tributario:" with the AEAT cotejo URL, which depends only
 *   on the invoice (NIF, series-number, date, total), so it is computed before submission when
 *   the envelope has no `verifactu-qr` stamp (Orden HAC/1177/2024 art. 21; converters.md §4.3).
 *   The "VERI*FACTU" legend goes with the QR of VERI*FACTU systems only, not with
 *   `ValidarQRNoVerifactu` URLs.
 */
import { type Amount, amountToString, negate, parseAmount, rescaleDown, sub } from '../../core/amount.ts';
import type { Invoice } from '../../model/bill.ts';
import { verifactuQrUrl } from '../../convert/verifactu/qr.ts';

export const STAMP_TBAI_CODE = 'tbai-code';
export const STAMP_TBAI_QR = 'tbai-qr';
export const STAMP_VERIFACTU_QR = 'verifactu-qr';

const TBAI_ADDON = 'es-tbai-v1';
const VERIFACTU_ADDON = 'es-verifactu-v1';

export interface TbaiBlock {
  readonly kind: 'tbai';
  /** The TBAI identifier (39 characters), or undefined before signing. */
  readonly code?: string;
  /** The QR TBAI content, or undefined before signing. */
  readonly qr?: string;
}

export interface VerifactuBlock {
  readonly kind: 'verifactu';
  /** The cotejo URL, or undefined when it cannot be known yet (no invoice number). */
  readonly qr?: string;
  /** Print the "VERI*FACTU" legend (VERI*FACTU mode). */
  readonly legend: boolean;
}

export interface Compliance {
  readonly tbai?: TbaiBlock;
  readonly verifactu?: VerifactuBlock;
}

export interface Stamp {
  readonly prv: string;
  readonly val: string;
}

/** The stamps of an envelope's head, ignoring anything malformed. */
export function readStamps(envelope: unknown): Stamp[] {
  if (envelope === null || typeof envelope !== 'object') return [];
  const head = (envelope as { head?: unknown }).head;
  const stamps = head !== null && typeof head === 'object' ? (head as { stamps?: unknown }).stamps : undefined;
  if (!Array.isArray(stamps)) return [];
  return stamps.flatMap((s: unknown) => {
    if (s === null || typeof s !== 'object') return [];
    const { prv, val } = s as { prv?: unknown; val?: unknown };
    return typeof prv === 'string' && typeof val === 'string' && val.trim() !== '' ? [{ prv, val: val.trim() }] : [];
  });
}

const stampValue = (stamps: readonly Stamp[], prv: string): string | undefined => stamps.find((s) => s.prv === prv)?.val;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Regimes whose breakdown does not cover the whole invoice: only outlays leave ImporteTotal. */
const PARTIAL_BREAKDOWN_REGIMES = new Set(['03', '05', '06', '08', '09']);

/**
 * ImporteTotal as the VERI*FACTU record states it (converters.md §4.1): total with tax, less
 * untaxed charges (only outlays under partial-breakdown regimes), negated for credit notes.
 */
export function verifactuTotal(inv: Invoice): string | undefined {
  const parsed = parseAmount(inv.totals?.total_with_tax ?? '');
  if (!parsed.ok) return undefined;
  let total: Amount = parsed.value;
  const partial = (inv.totals?.taxes?.categories ?? []).some((c) => (c?.rates ?? []).some((r) => PARTIAL_BREAKDOWN_REGIMES.has(r?.ext?.['es-verifactu-regime'] ?? '')));
  for (const ch of inv.charges ?? []) {
    if (!ch || (ch.taxes ?? []).some((t) => t) || (partial && ch.key !== 'outlay')) continue;
    const a = parseAmount(ch.amount ?? '');
    if (a.ok) total = sub(total, a.value);
  }
  const r = rescaleDown(total, 2);
  return amountToString(inv.type === 'credit-note' ? negate(r) : r);
}

/** The cotejo URL computed from the invoice, or undefined when a field is missing. */
export function computeVerifactuQr(inv: Invoice, env: 'test' | 'production'): string | undefined {
  const nif = inv.supplier?.tax_id?.code?.trim();
  const code = inv.code?.trim();
  const total = verifactuTotal(inv);
  if (!nif || !code || !total || !inv.issue_date || !ISO_DATE.test(inv.issue_date)) return undefined;
  const seriesCode = inv.series?.trim() ? `${inv.series.trim()}-${code}` : code;
  return verifactuQrUrl({ env, nif, seriesCode, issueDate: inv.issue_date, total });
}

/** The compliance blocks an invoice needs, from its addons and the envelope's stamps. */
export function complianceOf(inv: Invoice, stamps: readonly Stamp[], env: 'test' | 'production'): Compliance {
  const addons = inv.$addons ?? [];
  const tbaiCode = stampValue(stamps, STAMP_TBAI_CODE);
  const tbaiQr = stampValue(stamps, STAMP_TBAI_QR);
  const tbai: TbaiBlock | undefined = addons.includes(TBAI_ADDON) || tbaiCode || tbaiQr ? { kind: 'tbai', code: tbaiCode, qr: tbaiQr } : undefined;
  const vfStamp = stampValue(stamps, STAMP_VERIFACTU_QR);
  let verifactu: VerifactuBlock | undefined;
  if (vfStamp || addons.includes(VERIFACTU_ADDON)) {
    const qr = vfStamp ?? computeVerifactuQr(inv, env);
    verifactu = { kind: 'verifactu', qr, legend: !(qr ?? '').includes('ValidarQRNoVerifactu') };
  }
  return { tbai, verifactu };
}
