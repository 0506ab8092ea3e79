/**
 * bill/payment: a payment request, advice or receipt for one or more documents
 * (schemas/bill/payment.json). Fields in GOBL's order.
 */
import { z } from 'zod';
import { amount, code, date, integer, key, list, obj, stringMap, text, uuid } from './primitives.ts';
import { exchangeRate, note, party } from './org.ts';
import { documentRef, migrate, payRecord, taxTotal } from './tax.ts';
import { ordering } from './bill.ts';

const o = <T extends z.ZodType>(t: T) => t.nullish();
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export const paymentLine = obj({
  uuid: o(uuid),
  i: o(integer),
  refund: o(z.boolean()),
  document: o(documentRef),
  installment: o(integer),
  description: o(text),
  payable: o(amount),
  advances: o(amount),
  amount: o(amount),
  due: o(amount),
  tax: o(taxTotal),
  notes: list(note),
});

/**
 * Before `methods` (a list of pay/record), a payment had a single `method` holding payment
 * instructions: it becomes the only method, keeping what a record can hold.
 */
function methodToRecord(m: Record<string, unknown>): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  if (m.uuid !== undefined) r.uuid = m.uuid;
  if (m.key !== undefined) r.key = m.key;
  if (m.ref !== undefined) r.ref = m.ref;
  const description = m.detail ?? m.notes;
  if (description !== undefined) r.description = description;
  if (m.amount !== undefined) r.amount = m.amount;
  if (m.card !== undefined) r.card = m.card;
  const ct = m.credit_transfer;
  if (ct !== undefined) r.credit_transfer = Array.isArray(ct) ? ct[0] : ct;
  if (m.direct_debit !== undefined) r.direct_debit = m.direct_debit;
  if (m.online !== undefined) r.online = m.online;
  if (m.ext !== undefined) r.ext = m.ext;
  if (m.meta !== undefined) r.meta = m.meta;
  return r;
}

export const migratePayment = migrate((d) => {
  if (d.method !== undefined && d.method !== null) {
    const current = Array.isArray(d.methods) ? d.methods : [];
    if (current.length === 0) d.methods = isObject(d.method) ? [methodToRecord(d.method)] : [d.method];
  }
  delete d.method;
});

export const payment = z.preprocess(
  migratePayment,
  obj({
    $schema: o(text),
    $regime: o(code),
    $addons: list(key),
    $tags: list(key),
    uuid: o(uuid),
    type: o(key),
    series: o(code),
    code: o(code),
    issue_date: o(date),
    issue_time: o(text),
    value_date: o(date),
    currency: o(code),
    exchange_rates: list(exchangeRate),
    ext: o(stringMap),
    preceding: list(documentRef),
    supplier: o(party),
    customer: o(party),
    payee: o(party),
    ordering: o(ordering),
    lines: z.array(paymentLine.nullable()).nullish().transform((v) => v ?? undefined),
    methods: z.array(payRecord.nullable()).nullish().transform((v) => v ?? undefined),
    total: o(amount),
    notes: list(note),
    complements: list(z.record(z.string(), z.unknown())),
    meta: o(stringMap),
  }),
);

export type Payment = z.infer<typeof payment>;
export type PaymentLine = z.infer<typeof paymentLine>;
