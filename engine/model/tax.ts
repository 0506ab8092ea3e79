/** tax/* models: combos, totals, notes; pay/* models; org/document-ref (it carries tax totals). */
import { z } from 'zod';
import { sparseList, amount, code, date, integer, key, list, obj, percentage, stringMap, text, uuid } from './primitives.ts';
import { address, identity, period, stamp } from './org.ts';

const o = <T extends z.ZodType>(t: T) => t.nullish();

/** Moves legacy keys of a raw object before it is parsed (GOBL does this at JSON decode time). */
export function migrate(fn: (raw: Record<string, unknown>) => void) {
  return (raw: unknown) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
    const copy = { ...(raw as Record<string, unknown>) };
    fn(copy);
    return copy;
  };
}

export const combo = z.preprocess(
  // Very old documents gave the rate as `tags: [rate]`.
  migrate((c) => {
    if (Array.isArray(c.tags) && c.rate === undefined && typeof c.tags[0] === 'string') c.rate = c.tags[0];
    delete c.tags;
  }),
  obj({
    cat: o(code),
    country: o(code),
    key: o(key),
    rate: o(key),
    percent: o(percentage),
    surcharge: o(percentage),
    ext: o(stringMap),
  }),
);

export const taxSet = sparseList(combo);

export const rateTotal = obj({
  country: o(code),
  key: o(key),
  ext: o(stringMap),
  base: o(amount),
  percent: o(percentage),
  surcharge: o(obj({ percent: o(percentage), amount: o(amount) })),
  amount: o(amount),
});

export const categoryTotal = obj({
  code: o(code),
  retained: o(z.boolean()),
  informative: o(z.boolean()),
  rates: list(rateTotal),
  amount: o(amount),
  surcharge: o(amount),
});

export const taxTotal = obj({ categories: list(categoryTotal), sum: o(amount), retained: o(amount) });

export const taxNote = obj({ cat: o(code), key: o(key), text: o(text), ext: o(stringMap) });

export const documentRef = obj({
  uuid: o(uuid),
  schema: o(text),
  type: o(key),
  issue_date: o(date),
  series: o(code),
  code: o(code),
  currency: o(code),
  lines: list(integer),
  identities: list(identity),
  period: o(period),
  reason: o(text),
  description: o(text),
  stamps: list(stamp),
  url: o(text),
  tax: o(taxTotal),
  payable: o(amount),
  ext: o(stringMap),
  meta: o(stringMap),
});

export const card = obj({ first6: o(text), last4: o(text), holder: o(text) });
export const creditTransfer = obj({
  iban: o(text),
  bic: o(text),
  number: o(text),
  name: o(text),
  branch: o(address),
});
export const directDebit = obj({ ref: o(text), creditor: o(text), account: o(text) });
export const online = z.preprocess(
  migrate((v) => {
    if (v.label === undefined && v.name !== undefined) v.label = v.name;
    if (v.url === undefined && v.addr !== undefined) v.url = v.addr;
    delete v.name;
    delete v.addr;
  }),
  obj({ key: o(key), label: o(text), url: o(text) }),
);

export const instructions = obj({
  key: o(key),
  detail: o(text),
  ref: o(code),
  credit_transfer: list(creditTransfer),
  card: o(card),
  direct_debit: o(directDebit),
  online: list(online),
  notes: o(text),
  ext: o(stringMap),
  meta: o(stringMap),
});

/** pay/record (formerly pay.Advance): `desc` became `description`. */
export const payRecord = z.preprocess(
  migrate((v) => {
    if (v.description === undefined && v.desc !== undefined) v.description = v.desc;
    delete v.desc;
  }),
  obj({
    uuid: o(uuid),
    date: o(date),
    key: o(key),
    ref: o(text),
    description: o(text),
    percent: o(percentage),
    amount: o(amount),
    currency: o(code),
    card: o(card),
    credit_transfer: o(creditTransfer),
    direct_debit: o(directDebit),
    online: list(online),
    ext: o(stringMap),
    meta: o(stringMap),
  }),
);

export const dueDate = obj({
  date: o(date),
  notes: o(text),
  amount: o(amount),
  percent: o(percentage),
  currency: o(code),
});

/** pay/terms: `detail` was merged into `notes`. */
export const terms = z.preprocess(
  migrate((v) => {
    if (typeof v.detail === 'string' && v.detail !== '') {
      v.notes = typeof v.notes === 'string' && v.notes !== '' ? `${v.notes}. ${v.detail}` : v.detail;
    }
    delete v.detail;
  }),
  obj({ key: o(key), due_dates: list(dueDate), notes: o(text), ext: o(stringMap) }),
);

export type Combo = z.infer<typeof combo>;
export type RateTotal = z.infer<typeof rateTotal>;
export type CategoryTotal = z.infer<typeof categoryTotal>;
export type TaxTotal = z.infer<typeof taxTotal>;
export type TaxNote = z.infer<typeof taxNote>;
export type DocumentRef = z.infer<typeof documentRef>;
export type PayRecord = z.infer<typeof payRecord>;
export type Terms = z.infer<typeof terms>;
