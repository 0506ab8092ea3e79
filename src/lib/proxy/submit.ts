/**
 * What the Submit panel decides without the network: which authority a document goes to, the
 * request bodies, whether the document is ready, which chain it extends, what a result means,
 * and the stamped copy of an accepted invoice. Pure functions over plain data (unit-tested).
 */
import type { Chains, Environment, SubmissionStatus, SubmissionSummary, System, TbaiChainHead, VerifactuChainHead, Zone } from './types.ts';

export type Target = 'ticketbai' | 'verifactu' | 'sii-issued' | 'sii-received';

export const TARGETS: readonly (readonly [Target, string])[] = [
  ['ticketbai', 'TicketBAI'],
  ['verifactu', 'VERI*FACTU'],
  ['sii-issued', 'SII issued'],
  ['sii-received', 'SII received'],
];

export const ZONES: readonly (readonly [Zone, string])[] = [
  ['BI', 'Bizkaia'],
  ['SS', 'Gipuzkoa'],
  ['VI', 'Araba'],
];

export const ENVIRONMENTS: readonly (readonly [Environment, string])[] = [
  ['sandbox', 'Sandbox'],
  ['test', 'Test'],
  ['production', 'Production'],
];

export const AUTHORITY_LABELS: Readonly<Record<string, string>> = {
  'tbai-bizkaia': 'TicketBAI Bizkaia (Batuz LROE)',
  'tbai-gipuzkoa': 'TicketBAI Gipuzkoa',
  'tbai-araba': 'TicketBAI Araba',
  verifactu: 'VERI*FACTU (AEAT)',
  sii: 'SII (AEAT)',
};

export const STATUS_LABELS: Readonly<Record<SubmissionStatus, string>> = {
  accepted: 'Accepted',
  accepted_with_errors: 'Accepted with errors',
  rejected: 'Rejected',
  pending: 'Pending',
};

/** GOBL's envelope schema: the stamped copy is an envelope (stamps live in its head). */
export const ENVELOPE_SCHEMA = 'https://gobl.org/draft-0/envelope';
/** "Header cannot have stamps when not signed": the studio does not GOBL-sign, so the copy accepts it. */
export const UNSIGNED_STAMPS_FAULT = 'GOBL-ENVELOPE-12';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

function docOf(envelope: unknown): Json | undefined {
  return obj(obj(envelope)?.doc);
}

export function addonsOf(envelope: unknown): readonly string[] {
  const a = docOf(envelope)?.$addons;
  return Array.isArray(a) ? a.filter((x): x is string => typeof x === 'string') : [];
}

/** The authority a document's addon calls for. */
export function targetForAddons(addons: readonly string[]): Target {
  if (addons.includes('es-tbai-v1')) return 'ticketbai';
  if (addons.includes('es-verifactu-v1')) return 'verifactu';
  if (addons.includes('es-sii-v1')) return 'sii-issued';
  return 'ticketbai';
}

/** The TicketBAI province the document names (`tax.ext["es-tbai-region"]`). */
export function zoneOf(envelope: unknown): Zone | undefined {
  const z = obj(obj(docOf(envelope)?.tax)?.ext)?.['es-tbai-region'];
  return z === 'BI' || z === 'SS' || z === 'VI' ? z : undefined;
}

export function systemOf(target: Target): System {
  return target === 'ticketbai' ? 'ticketbai' : target === 'verifactu' ? 'verifactu' : 'sii';
}

/** Who keeps the chain and files the record: the supplier, or the customer for SII received. */
export function issuerOf(envelope: unknown, target: Target): string | undefined {
  const doc = docOf(envelope);
  const party = obj(target === 'sii-received' ? doc?.customer : doc?.supplier);
  return str(obj(party?.tax_id)?.code);
}

/** The invoice's series and number as shown to the person (`F1-100`). */
export function invoiceLabel(envelope: unknown): string | undefined {
  const doc = docOf(envelope);
  const code = str(doc?.code);
  if (!code) return undefined;
  const series = str(doc?.series);
  return series ? `${series}-${code}` : code;
}

export interface SubmitChoice {
  readonly target: Target;
  readonly zone: Zone;
  readonly env: Environment;
  /** TicketBAI NumSerieDispositivo (chains are per issuer and device). */
  readonly device: string;
  /** TicketBAI: issued by a third party (EmitidaPorTercerosODestinatario T). */
  readonly thirdParty: boolean;
  /** Bizkaia modelo 140 epígrafe. */
  readonly activity: string;
  /** VERI*FACTU: sign the records (NO VERI*FACTU mode). */
  readonly sign: boolean;
}

export interface SubmitBody {
  readonly system: System;
  readonly zone?: Zone;
  readonly env: Environment;
  readonly envelope: unknown;
  readonly options?: Readonly<Record<string, string | boolean>>;
}

/** The body of `POST /api/submissions` for the chosen authority. */
export function submitBody(choice: SubmitChoice, envelope: unknown): SubmitBody {
  const system = systemOf(choice.target);
  const options: Record<string, string | boolean> = {};
  if (system === 'ticketbai') {
    if (choice.device.trim()) options.device = choice.device.trim();
    if (choice.thirdParty) options.thirdParty = true;
    if (choice.zone === 'BI' && choice.activity.trim()) options.activity = choice.activity.trim();
  } else if (system === 'verifactu') {
    if (choice.sign) options.sign = true;
  } else options.book = choice.target === 'sii-received' ? 'received' : 'issued';
  return {
    system,
    ...(system === 'ticketbai' ? { zone: choice.zone } : {}),
    env: choice.env,
    envelope,
    ...(Object.keys(options).length ? { options } : {}),
  };
}

/** The device a TicketBAI submission chained on, from its chain key `tbai:ZONE:ISSUER:DEVICE`. */
export function deviceOf(s: Pick<SubmissionSummary, 'chain'>): string {
  const key = s.chain.key ?? '';
  return key.startsWith('tbai:') ? key.split(':').slice(3).join(':') : '';
}

/** Cancellation is offered for accepted TicketBAI and VERI*FACTU invoices. */
export function canCancel(s: SubmissionSummary): boolean {
  return s.operation === 'alta' && (s.status === 'accepted' || s.status === 'accepted_with_errors') && (s.authority.startsWith('tbai-') || s.authority === 'verifactu');
}

/** The body of `POST /api/cancellations` for an accepted alta, from the envelope it was made from. */
export function cancelBody(s: SubmissionSummary, envelope: unknown): SubmitBody {
  if (s.authority === 'verifactu') return { system: 'verifactu', env: s.env, envelope };
  const options: Record<string, string> = {};
  const device = deviceOf(s);
  if (device) options.device = device;
  if (s.stamps['tbai-code']) options.tbaiCode = s.stamps['tbai-code'];
  return { system: 'ticketbai', zone: (s.zone ?? 'BI') as Zone, env: s.env, envelope, ...(Object.keys(options).length ? { options } : {}) };
}

/** Is `envelope` the invoice a submission registered (same issuer, series and number)? */
export function sameInvoice(s: SubmissionSummary, envelope: unknown): boolean {
  const doc = docOf(envelope);
  const code = str(doc?.code);
  const series = str(doc?.series);
  if (!code) return false;
  const issuer = s.authority === 'sii' && s.format.startsWith('sii-received') ? issuerOf(envelope, 'sii-received') : issuerOf(envelope, 'ticketbai');
  if (issuer !== s.issuer) return false;
  if (s.series) return s.series === series && s.number === code;
  return s.number === code || s.number === (series ? `${series}-${code}` : code) || s.number === `${series ?? ''}${code}`;
}

export interface Readiness {
  /** Why the document cannot be submitted now (empty: it can). */
  readonly blockers: readonly string[];
  /** What may go wrong, without stopping the person. */
  readonly warnings: readonly string[];
}

const ADDON_FOR: Readonly<Record<Target, string>> = {
  ticketbai: 'es-tbai-v1',
  verifactu: 'es-verifactu-v1',
  'sii-issued': 'es-sii-v1',
  'sii-received': 'es-sii-v1',
};

export function readiness(envelope: unknown, target: Target, buildStatus: string): Readiness {
  const blockers: string[] = [];
  const warnings: string[] = [];
  if (buildStatus === 'building') blockers.push('Building…');
  else if (buildStatus === 'syntax') blockers.push('The document is not valid JSON: fix it in the editor first.');
  else if (buildStatus === 'faults') blockers.push('The document does not build: fix the problems listed under the editor first.');
  if (!envelope) {
    if (!blockers.length) blockers.push('Nothing built yet.');
    return { blockers, warnings };
  }
  const doc = docOf(envelope);
  if (obj(envelope)?.$schema !== ENVELOPE_SCHEMA || doc?.$schema !== 'https://gobl.org/draft-0/bill/invoice') blockers.push('Only invoices can be submitted.');
  if (!str(doc?.code)) blockers.push('The invoice has no number: add "code" to the document (an issue workflow would assign it from a sequence).');
  if (!issuerOf(envelope, target)) blockers.push(target === 'sii-received' ? 'The customer has no tax ID: the received-invoices book is kept by the customer.' : 'The supplier has no tax ID.');
  const addon = ADDON_FOR[target];
  if (!addonsOf(envelope).includes(addon)) warnings.push(`The document does not use the ${addon} addon: the conversion may be refused.`);
  return { blockers, warnings };
}

/** The newest chain link the proxy keeps for the issuer (TicketBAI: per province and device). */
export function chainHead(chains: Chains | undefined, target: Target, issuer: string | undefined, zone: Zone, device: string): TbaiChainHead | VerifactuChainHead | undefined {
  if (!chains || !issuer) return undefined;
  if (target === 'ticketbai') return chains.ticketbai.find((c) => c.issuer === issuer && c.zone === zone && c.device === device.trim());
  if (target === 'verifactu') return chains.verifactu.find((c) => c.issuerNif === issuer);
  return undefined;
}

export function isTbaiHead(h: TbaiChainHead | VerifactuChainHead): h is TbaiChainHead {
  return 'signature' in h;
}

/**
 * The submitted envelope with the authority's stamps in its head, as a new draft's text: the PDF
 * then prints the real TBAI code and QR. The studio does not GOBL-sign envelopes, so the copy
 * lists GOBL-ENVELOPE-12 ("stamps need a signature") in `head.ignore`; the digest is recomputed
 * by the build.
 */
export function stampedEnvelope(envelope: unknown, stamps: Readonly<Record<string, string>>): Json {
  const env = obj(envelope) ?? {};
  const head: Json = { ...(obj(env.head) ?? {}) };
  delete head.dig;
  const kept = Array.isArray(head.stamps) ? head.stamps.filter((s) => !(obj(s) && typeof obj(s)!.prv === 'string' && (obj(s)!.prv as string) in stamps)) : [];
  head.stamps = [...kept, ...Object.entries(stamps).map(([prv, val]) => ({ prv, val }))];
  const ignore = Array.isArray(head.ignore) ? head.ignore.filter((x) => typeof x === 'string') : [];
  if (!ignore.includes(UNSIGNED_STAMPS_FAULT)) ignore.push(UNSIGNED_STAMPS_FAULT);
  head.ignore = ignore;
  const out: Json = { $schema: ENVELOPE_SCHEMA, head, doc: env.doc };
  return out;
}

/** `2026-11-23T16:04:43.009Z` → local `23/11/2026 17:04:43`. */
export function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
