/**
 * bill/delivery and bill/order: bill documents that share the invoice's lines, discounts, charges
 * and totals (all calculated like an invoice's), each with its own header and party fields.
 * Fields in GOBL's order (schemas/bill/delivery.json, schemas/bill/order.json).
 */
import { z } from 'zod';
import { code, date, list, obj, stringMap, text } from './primitives.ts';
import { attachment, exchangeRate, identity, note, party, period } from './org.ts';
import { documentRef } from './tax.ts';
import { billTax, charge, deliveryDetails, discount, docHead, line, migrateTags, ordering, paymentDetails, totals, tracking } from './bill.ts';

const o = <T extends z.ZodType>(t: T) => t.nullish();
const items = <T extends z.ZodType>(t: T) => z.array(t.nullable()).nullish().transform((v) => v ?? undefined);
const refs = list(documentRef);

export const delivery = z.preprocess(
  migrateTags,
  obj({
    $schema: o(text),
    ...docHead,
    value_date: o(date),
    currency: o(code),
    exchange_rates: list(exchangeRate),
    ordering: o(ordering),
    preceding: refs,
    tracking: o(tracking),
    despatch_date: o(date),
    receive_date: o(date),
    tax: o(billTax),
    supplier: o(party),
    customer: o(party),
    despatcher: o(party),
    receiver: o(party),
    courier: o(party),
    lines: items(line),
    discounts: items(discount),
    charges: items(charge),
    totals: o(totals),
    notes: list(note),
    complements: list(z.record(z.string(), z.unknown())),
    meta: o(stringMap),
    attachments: list(attachment),
  }),
);

export const order = z.preprocess(
  migrateTags,
  obj({
    $schema: o(text),
    ...docHead,
    op_date: o(date),
    value_date: o(date),
    currency: o(code),
    exchange_rates: list(exchangeRate),
    contracts: refs,
    preceding: refs,
    identities: list(identity),
    period: o(period),
    tax: o(billTax),
    supplier: o(party),
    customer: o(party),
    buyer: o(party),
    seller: o(party),
    lines: items(line),
    discounts: items(discount),
    charges: items(charge),
    payment: o(paymentDetails),
    delivery: o(deliveryDetails),
    totals: o(totals),
    notes: list(note),
    complements: list(z.record(z.string(), z.unknown())),
    meta: o(stringMap),
    attachments: list(attachment),
  }),
);

export type Delivery = z.infer<typeof delivery>;
export type Order = z.infer<typeof order>;
