/** The document types the engine knows, by their GOBL schema URL: an explicit list. */
import type { z } from 'zod';
import { z as zod } from 'zod';
import type { Fault } from '../core/fault.ts';
import { prepareBill } from '../prepare-bill.ts';
import { prepareMessage, prepareParty, preparePayment, prepareStatus, prepareTaxIdentity } from '../prepare-docs.ts';
import type { Registry } from '../tax/context.ts';
import { invoice } from './bill.ts';
import { delivery, order } from './delivery-order.ts';
import { message } from './message.ts';
import { party, taxIdentity } from './org.ts';
import { payment } from './payment.ts';
import { text } from './primitives.ts';
import { status } from './status.ts';

export const SCHEMA_BASE = 'https://gobl.org/draft-0/';
export const ENVELOPE_SCHEMA = `${SCHEMA_BASE}envelope`;
export const INVOICE_SCHEMA = `${SCHEMA_BASE}bill/invoice`;

/**
 * Whether an input object is an envelope: its `$schema` says so, or it has none and holds a `doc`
 * object (GOBL names envelope files `.env.`, and builds them the same way).
 */
export function isEnvelopeInput(input: Record<string, unknown>): boolean {
  const doc = input.doc;
  return input.$schema === ENVELOPE_SCHEMA || (input.$schema === undefined && doc !== null && typeof doc === 'object' && !Array.isArray(doc));
}

export interface PrepareEnv {
  readonly registry: Registry;
  /** Milliseconds since the epoch: the only clock the engine sees. */
  readonly now: () => number;
  /** JSON path of the document: `$` or `$.doc` inside an envelope. */
  readonly base: string;
  /** Schema short name, e.g. `bill/invoice`. */
  readonly schema: string;
}

export interface DocumentType {
  /** Short name, e.g. `bill/invoice`. */
  readonly name: string;
  readonly schema: z.ZodType;
  /** Normalizes and calculates the parsed document in place; returns faults if it cannot. */
  readonly prepare: (doc: Record<string, unknown>, env: PrepareEnv) => Fault[] | undefined;
}

/** A party or tax identity as a document of its own: the object plus its `$schema`. */
const partyDocument = zod.object({ $schema: text.nullish(), ...party.shape });
const taxIdentityDocument = zod.object({ $schema: text.nullish(), ...taxIdentity.shape });

export const documentTypes: readonly DocumentType[] = [
  { name: 'bill/invoice', schema: invoice, prepare: prepareBill },
  { name: 'bill/order', schema: order, prepare: prepareBill },
  { name: 'bill/delivery', schema: delivery, prepare: prepareBill },
  { name: 'bill/payment', schema: payment, prepare: preparePayment },
  { name: 'bill/status', schema: status, prepare: prepareStatus },
  { name: 'org/party', schema: partyDocument, prepare: prepareParty },
  { name: 'tax/identity', schema: taxIdentityDocument, prepare: prepareTaxIdentity },
  { name: 'note/message', schema: message, prepare: prepareMessage },
];

export function documentTypeFor(schemaUrl: unknown): DocumentType | undefined {
  if (typeof schemaUrl !== 'string' || !schemaUrl.startsWith(SCHEMA_BASE)) return undefined;
  const name = schemaUrl.slice(SCHEMA_BASE.length);
  return documentTypes.find((t) => t.name === name);
}
