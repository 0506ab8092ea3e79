/**
 * Test stamps for TicketBAI: the `tbai-code` and `tbai-qr` a signed invoice carries in
 * `head.stamps`, made with the converter's own functions (engine/convert/ticketbai/identifiers.ts)
 * from a known SignatureValue, as the proxy does after signing.
 */
import { tbaiIdentifier, tbaiQrUrl, type TbaiEnvironment } from '../../engine/convert/ticketbai/identifiers.ts';
import type { TbaiZone } from '../../engine/convert/ticketbai/common.ts';

/** A fixed SignatureValue, as a signed invoice would have (base64 of an RSA signature). */
export const KNOWN_SIGNATURE = 'btFpwP8dcLGAFj3yZ0dFqT4H8cEeA9yq1n5cUxS0m0H7mJqz2KXr1e0fQ7Vt6xW8yC1d0kL9p3sR2tU5vX4wY3zA==';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- built JSON is read by path
type Json = Record<string, any>;

/** Cents as a bigint from a 2-decimal string, so the test adds money without floats. */
const cents = (s: string): bigint => {
  const [i, f = ''] = s.replace('-', '').split('.');
  const v = BigInt(i) * 100n + BigInt((f + '00').slice(0, 2));
  return s.startsWith('-') ? -v : v;
};
const fromCents = (c: bigint): string => {
  const a = c < 0n ? -c : c;
  return `${c < 0n ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
};

/** ImporteTotalFactura: total with VAT before withholdings (`total + Σ non-retained taxes`), negated for credit notes. */
export function importeTotalFactura(doc: Json): string {
  let c = cents(doc.totals.total);
  for (const cat of doc.totals.taxes?.categories ?? []) if (!cat.retained) c += cents(cat.amount);
  return fromCents(doc.type === 'credit-note' ? -c : c);
}

/** The envelope with `tbai-code` and `tbai-qr` stamps added. */
export function stampTbai(envelope: Json, signature = KNOWN_SIGNATURE, env: TbaiEnvironment = 'production'): { envelope: Json; code: string; qr: string } {
  const doc = envelope.doc as Json;
  const zone = (doc.tax?.ext?.['es-tbai-region'] ?? 'BI') as TbaiZone;
  const id = tbaiIdentifier({ nif: doc.supplier.tax_id.code, issueDate: doc.issue_date, signatureValue: signature });
  if (!id.ok) throw new Error(JSON.stringify(id.faults));
  const qr = tbaiQrUrl({ zone, env, identifier: id.value, series: doc.series, code: doc.code, total: importeTotalFactura(doc) });
  if (!qr.ok) throw new Error(JSON.stringify(qr.faults));
  const head = { ...envelope.head, stamps: [...(envelope.head?.stamps ?? []), { prv: 'tbai-code', val: id.value }, { prv: 'tbai-qr', val: qr.value }] };
  return { envelope: { ...envelope, head }, code: id.value, qr: qr.value };
}
