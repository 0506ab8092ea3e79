/**
 * The checks the sandbox runs on a TicketBAI document (what the real authorities check, §1.3,
 * §1.8, §1.9, §2.1): well-formed XML, schema, signature and policy, NIF check digits, dates,
 * duplicates and chain continuity per issuer. Findings are neutral "issues"; each authority maps
 * them to its own codes.
 */
import { isValidNif } from '../domain/nif.ts';
import { TBAI_POLICIES } from '../signing/profiles.ts';
import { verifySignatureElement } from '../signing/verify.ts';
import { readTbai, TBAI_CANCEL_NS, TBAI_NS, type TbaiInvoiceFacts } from '../ticketbai/document.ts';
import { child, parseXml, type Document } from '../xml/dom.ts';
import type { SchemaValidator } from './schema.ts';
import type { SandboxState } from './state.ts';

export type IssueKind =
  | 'malformed'
  | 'schema'
  | 'signature'
  | 'policy'
  | 'issuer_nif'
  | 'recipient_nif'
  | 'date'
  | 'duplicate'
  | 'chain'
  | 'not_found'
  | 'already_cancelled'
  /** Bizkaia: FechaExpedicionFactura outside the request's Ejercicio. */
  | 'year';

export interface Issue {
  readonly kind: IssueKind;
  readonly detail: string;
}

export type Zone = 'BI' | 'SS' | 'VI';

export interface Judgement {
  readonly facts?: TbaiInvoiceFacts;
  readonly issues: readonly Issue[];
  /** The document (alta) or the cancellation was registered. */
  readonly registered: boolean;
}

/** Whether the authority takes a document with these issues (decided by each province). */
export type Acceptance = (issues: readonly Issue[], facts: TbaiInvoiceFacts) => boolean;

/** Which issues make the province reject the document (the others are warnings). */
export function isBlocking(zone: Zone, kind: IssueKind): boolean {
  if (kind === 'policy' || kind === 'chain') return zone === 'BI';
  return true;
}

/** dd-mm-yyyy → Date (UTC midnight), undefined when not a real date. */
export function parseDmy(s: string): Date | undefined {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(s);
  if (!m) return undefined;
  const d = new Date(Date.UTC(+m[3], +m[2] - 1, +m[1]));
  return d.getUTCDate() === +m[1] && d.getUTCMonth() === +m[2] - 1 ? d : undefined;
}

const DAY = 86_400_000;

export function checkDate(s: string, now: Date): string | undefined {
  const d = parseDmy(s);
  if (!d) return `"${s}" is not a dd-mm-yyyy date`;
  if (d.getTime() > now.getTime() + DAY) return `${s} is in the future`;
  if (d.getUTCFullYear() < 2000) return `${s} is too old`;
  return undefined;
}

function signatureIssues(doc: Document, zone: Zone): Issue[] {
  const sig = child(doc.documentElement!, 'Signature');
  if (!sig) return [{ kind: 'signature', detail: 'the document is not signed (ds:Signature missing)' }];
  const r = verifySignatureElement(doc, sig);
  if (!r.valid) return [{ kind: 'signature', detail: r.errors.join('; ') }];
  const p = r.xades?.policy;
  if (!p) return [{ kind: 'policy', detail: 'no xades:SignaturePolicyIdentifier (XAdES-EPES required)' }];
  const accepted = TBAI_POLICIES[zone].some((a) => a.identifier === p.identifier && a.hashValue === p.hashValue);
  return accepted ? [] : [{ kind: 'policy', detail: `signature policy ${p.identifier} (${p.hashValue}) is not the ${zone} TicketBAI policy` }];
}

/** Judges a TicketBAI alta for a province, against what the sandbox already registered. */
export async function judgeAlta(xml: string, zone: Zone, state: SandboxState, schema: SchemaValidator, now: Date, accept: Acceptance): Promise<Judgement> {
  const none = { issues: [] as Issue[], registered: false };
  let doc: Document;
  try {
    doc = parseXml(xml);
  } catch (e) {
    return { ...none, issues: [{ kind: 'malformed', detail: e instanceof Error ? e.message : String(e) }] };
  }
  const root = doc.documentElement!;
  if (root.localName !== 'TicketBai' || root.namespaceURI !== TBAI_NS) {
    return { ...none, issues: [{ kind: 'schema', detail: `expected T:TicketBai in ${TBAI_NS}, got <${root.tagName}>` }] };
  }
  const sch = await schema.validate(xml, 'tbai-alta');
  if (sch.errors.length) return { ...none, issues: [{ kind: 'schema', detail: sch.errors.slice(0, 3).join(' | ') }] };
  const issues: Issue[] = [...signatureIssues(doc, zone)];
  const f = readTbai(doc);
  if (!isValidNif(f.issuerNif)) issues.push({ kind: 'issuer_nif', detail: `issuer NIF ${f.issuerNif} has a wrong check character` });
  for (const n of f.recipientNifs) if (!isValidNif(n)) issues.push({ kind: 'recipient_nif', detail: `recipient NIF ${n} has a wrong check character` });
  const dateProblem = checkDate(f.issueDate, now);
  if (dateProblem) issues.push({ kind: 'date', detail: `FechaExpedicionFactura ${dateProblem}` });
  // From here on everything is synchronous: the register reads, the decision and the write.
  const series = f.series ?? '';
  const existing = state.tbaiInvoice(zone, f.issuerNif, series, f.number);
  if (existing) issues.push({ kind: 'duplicate', detail: `invoice ${series}${series ? '/' : ''}${f.number} is already registered${existing.cancelled ? ' (cancelled)' : ''}` });
  const head = state.tbaiHead(zone, f.issuerNif);
  if (head && !existing) {
    const p = f.previous;
    if (!p) issues.push({ kind: 'chain', detail: `no EncadenamientoFacturaAnterior, but ${head.series}${head.series ? '/' : ''}${head.number} was registered before` });
    else if ((p.series ?? '') !== head.series || p.number !== head.number || p.issueDate !== head.issueDate || p.signature !== head.signature) {
      issues.push({ kind: 'chain', detail: `the chain points to ${p.series ?? ''}/${p.number} (${p.issueDate}) but the last registered invoice is ${head.series}/${head.number} (${head.issueDate})` });
    }
  }
  // Decided and registered in the same synchronous step as the reads above: no other request
  // can register in between, so two documents can't both claim the same chain position.
  const registered = accept(issues, f);
  if (registered) {
    state.registerTbai(
      zone,
      f.issuerNif,
      { series, number: f.number, issueDate: f.issueDate, signature: f.signatureValue ?? '', csv: `TBAI${crypto.randomUUID()}`, prevSignature: f.previous?.signature },
      now.toISOString(),
    );
  }
  return { facts: f, issues, registered };
}

/** Judges a TicketBAI cancellation (AnulaTicketBai). */
export async function judgeCancel(xml: string, zone: Zone, state: SandboxState, schema: SchemaValidator, accept: Acceptance): Promise<Judgement> {
  const none = { issues: [] as Issue[], registered: false };
  let doc: Document;
  try {
    doc = parseXml(xml);
  } catch (e) {
    return { ...none, issues: [{ kind: 'malformed', detail: e instanceof Error ? e.message : String(e) }] };
  }
  const root = doc.documentElement!;
  if (root.localName !== 'AnulaTicketBai' || root.namespaceURI !== TBAI_CANCEL_NS) {
    return { ...none, issues: [{ kind: 'schema', detail: `expected T:AnulaTicketBai in ${TBAI_CANCEL_NS}, got <${root.tagName}>` }] };
  }
  const sch = await schema.validate(xml, 'tbai-anula');
  if (sch.errors.length) return { ...none, issues: [{ kind: 'schema', detail: sch.errors.slice(0, 3).join(' | ') }] };
  const issues: Issue[] = [...signatureIssues(doc, zone)];
  const f = readTbai(doc);
  const series = f.series ?? '';
  const existing = state.tbaiInvoice(zone, f.issuerNif, series, f.number);
  if (!existing) issues.push({ kind: 'not_found', detail: `invoice ${series}/${f.number} of ${f.issuerNif} is not registered` });
  else if (existing.cancelled) issues.push({ kind: 'already_cancelled', detail: `invoice ${series}/${f.number} was already cancelled` });
  const registered = accept(issues, f);
  if (registered) state.cancelTbai(zone, f.issuerNif, series, f.number);
  return { facts: f, issues, registered };
}
