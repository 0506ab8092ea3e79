/** bill/* models: invoice and its parts, in GOBL's field order. */
import { z } from 'zod';
import { sparseList, amount, code, date, integer, key, list, obj, percentage, stringMap, text, uuid } from './primitives.ts';
import { attachment, exchangeRate, identity, item, note, party, period, website } from './org.ts';
import { documentRef, instructions, migrate, payRecord, taxNote, taxSet, taxTotal, terms } from './tax.ts';

const o = <T extends z.ZodType>(t: T) => t.nullish();

export const lineDiscount = obj({
  key: o(key),
  code: o(code),
  reason: o(text),
  base: o(amount),
  percent: o(percentage),
  amount: o(amount),
  ext: o(stringMap),
});

export const lineCharge = obj({
  key: o(key),
  code: o(code),
  reason: o(text),
  base: o(amount),
  percent: o(percentage),
  quantity: o(amount),
  unit: o(code),
  rate: o(amount),
  amount: o(amount),
  ext: o(stringMap),
});

const lineDiscounts = sparseList(lineDiscount);
const lineCharges = sparseList(lineCharge);

export const subLine = obj({
  uuid: o(uuid),
  i: o(integer),
  quantity: o(amount),
  identifier: o(identity),
  period: o(period),
  order: o(code),
  cost: o(code),
  item: o(item),
  sum: o(amount),
  discounts: lineDiscounts,
  charges: lineCharges,
  total: o(amount),
  notes: list(note),
});

export const line = obj({
  uuid: o(uuid),
  i: o(integer),
  quantity: o(amount),
  identifier: o(identity),
  period: o(period),
  order: o(code),
  cost: o(code),
  item: o(item),
  breakdown: sparseList(subLine),
  sum: o(amount),
  discounts: lineDiscounts,
  charges: lineCharges,
  taxes: taxSet,
  total: o(amount),
  substituted: sparseList(subLine),
  seller: o(party),
  notes: list(note),
  ext: o(stringMap),
});

const docAdjustment = {
  uuid: o(uuid),
  i: o(integer),
  key: o(key),
  code: o(code),
  reason: o(text),
  base: o(amount),
  percent: o(percentage),
  amount: o(amount),
  taxes: taxSet,
  ext: o(stringMap),
  meta: o(stringMap),
};
export const discount = obj(docAdjustment);
export const charge = obj(docAdjustment);

export const billTax = z.preprocess(
  migrate((t) => delete t.tags),
  obj({
    prices_include: o(code),
    rounding: o(key),
    point: o(key),
    ext: o(stringMap),
    notes: list(taxNote),
    meta: o(stringMap),
  }),
);

export const totals = obj({
  sum: o(amount),
  discount: o(amount),
  charge: o(amount),
  tax_included: o(amount),
  total: o(amount),
  taxes: o(taxTotal),
  tax: o(amount),
  total_with_tax: o(amount),
  retained_tax: o(amount),
  rounding: o(amount),
  payable: o(amount),
  advance: o(amount),
  due: o(amount),
});

const refs = list(documentRef);
export const ordering = obj({
  code: o(code),
  identities: list(identity),
  cost: o(code),
  period: o(period),
  buyer: o(party),
  seller: o(party),
  issuer: o(party),
  projects: refs,
  contracts: refs,
  purchases: refs,
  sales: refs,
  receiving: refs,
  despatch: refs,
  tender: refs,
});

export const paymentDetails = obj({
  payee: o(party),
  payer: o(party),
  terms: o(terms),
  advances: sparseList(payRecord),
  instructions: o(instructions),
});

export const deliveryDetails = obj({
  receiver: o(party),
  identities: list(identity),
  date: o(date),
  period: o(period),
  meta: o(stringMap),
});

/** Header fields shared by invoices, orders and deliveries. */
export const docHead = {
  $regime: o(code),
  $addons: list(key),
  $tags: list(key),
  uuid: o(uuid),
  type: o(key),
  series: o(code),
  code: o(code),
  issue_date: o(date),
  issue_time: o(text),
};

/** Legacy tags: `tax.tags` and a root `tags` list became `$tags`. */
export const migrateTags = migrate((d) => {
  const tax = d.tax as Record<string, unknown> | undefined;
  const legacy = [
    ...(Array.isArray(d.tags) ? d.tags : []),
    ...(tax && typeof tax === 'object' && Array.isArray(tax.tags) ? tax.tags : []),
  ];
  if (legacy.length > 0) {
    const current = Array.isArray(d.$tags) ? d.$tags : [];
    d.$tags = [...current, ...legacy.filter((t) => !current.includes(t))];
  }
  delete d.tags;
});

export const invoice = z.preprocess(
  migrateTags,
  obj({
    $schema: o(text),
    ...docHead,
    op_date: o(date),
    value_date: o(date),
    currency: o(code),
    exchange_rates: list(exchangeRate),
    preceding: refs,
    tax: o(billTax),
    supplier: o(party),
    customer: o(party),
    lines: sparseList(line),
    discounts: sparseList(discount),
    charges: sparseList(charge),
    ordering: o(ordering),
    payment: o(paymentDetails),
    delivery: o(deliveryDetails),
    totals: o(totals),
    notes: list(note),
    complements: list(z.record(z.string(), z.unknown())),
    meta: o(stringMap),
    attachments: list(attachment),
  }),
);

export const tracking = obj({ code: o(code), website: o(website) });

export type Invoice = z.infer<typeof invoice>;
export type Line = z.infer<typeof line>;
export type SubLine = z.infer<typeof subLine>;
export type LineDiscount = z.infer<typeof lineDiscount>;
export type LineCharge = z.infer<typeof lineCharge>;
export type Discount = z.infer<typeof discount>;
export type Charge = z.infer<typeof charge>;
export type Totals = z.infer<typeof totals>;
export type BillTax = z.infer<typeof billTax>;
