/**
 * The TicketBAI identifier (converters.md §1.4), through the engine's implementation
 * (engine/convert/ticketbai/identifiers.ts), with the QR URL for head.stamps.
 */
import { tbaiIdentifier as engineIdentifier, tbaiQrUrl as engineQr } from '../../../engine/convert/ticketbai/identifiers.ts';

export function tbaiIdentifier(nif: string, issueDate: string, signatureValue: string): string {
  const r = engineIdentifier({ nif, issueDate, signatureValue });
  if (!r.ok) throw new Error(r.faults.map((f) => f.message).join('; '));
  return r.value;
}

export function tbaiQr(o: { zone: 'BI' | 'SS' | 'VI'; env: 'production' | 'test'; identifier: string; series?: string; number: string; total: string }): string {
  const r = engineQr({ zone: o.zone, env: o.env, identifier: o.identifier, series: o.series, code: o.number, total: o.total });
  if (!r.ok) throw new Error(r.faults.map((f) => f.message).join('; '));
  return r.value;
}
