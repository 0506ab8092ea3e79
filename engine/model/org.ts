/** org/* and tax/identity models, fields in GOBL's order (the order they are printed in). */
import { z } from 'zod';
import { amount, code, date, integer, key, list, obj, stringMap, text, uuid } from './primitives.ts';

const o = <T extends z.ZodType>(t: T) => t.nullish();

export const digest = obj({ alg: text, val: text });

export const taxIdentity = obj({
  country: o(code),
  code: o(code),
  scheme: o(code),
  type: o(key),
});

export const identity = obj({
  uuid: o(uuid),
  label: o(text),
  scope: o(key),
  country: o(code),
  key: o(key),
  type: o(code),
  code: o(code),
  description: o(text),
  ext: o(stringMap),
});

export const coordinates = obj({ lat: o(z.number()), lon: o(z.number()), w3w: o(text), geohash: o(text) });

export const address = obj({
  uuid: o(uuid),
  label: o(text),
  po_box: o(text),
  num: o(text),
  floor: o(text),
  block: o(text),
  door: o(text),
  street: o(text),
  street_extra: o(text),
  locality: o(text),
  region: o(text),
  state: o(code),
  code: o(code),
  country: o(code),
  coords: o(coordinates),
  meta: o(stringMap),
});

export const email = obj({ uuid: o(uuid), label: o(text), addr: o(text), meta: o(stringMap) });
export const telephone = obj({ uuid: o(uuid), label: o(text), num: o(text) });
export const website = obj({ uuid: o(uuid), label: o(text), title: o(text), url: o(text) });
export const endpoint = obj({ uuid: o(uuid), label: o(text), uri: o(text) });
export const inbox = obj({
  uuid: o(uuid),
  label: o(text),
  key: o(key),
  scheme: o(code),
  code: o(code),
  url: o(text),
  email: o(text),
});

export const image = obj({
  uuid: o(uuid),
  label: o(text),
  url: o(text),
  data: o(text),
  mime: o(text),
  description: o(text),
  alt: o(text),
  height: o(integer),
  width: o(integer),
  digest: o(digest),
  meta: o(stringMap),
});

export const name = obj({
  uuid: o(uuid),
  alias: o(text),
  prefix: o(text),
  given: o(text),
  middle: o(text),
  surname: o(text),
  surname2: o(text),
  suffix: o(text),
  meta: o(stringMap),
});

export const person = obj({
  uuid: o(uuid),
  label: o(text),
  key: o(key),
  name: o(name),
  role: o(text),
  identities: list(identity),
  addresses: list(address),
  emails: list(email),
  telephones: list(telephone),
  avatars: list(image),
  meta: o(stringMap),
});

export const registration = obj({
  uuid: o(uuid),
  label: o(text),
  capital: o(amount),
  currency: o(code),
  office: o(text),
  book: o(text),
  volume: o(text),
  sheet: o(text),
  section: o(text),
  page: o(text),
  entry: o(text),
  other: o(text),
  ext: o(stringMap),
});

export const party = obj({
  $regime: o(code),
  uuid: o(uuid),
  label: o(text),
  name: o(text),
  alias: o(text),
  tax_id: o(taxIdentity),
  identities: list(identity),
  people: list(person),
  endpoints: list(endpoint),
  inboxes: list(inbox),
  addresses: list(address),
  emails: list(email),
  websites: list(website),
  telephones: list(telephone),
  registration: o(registration),
  logos: list(image),
  ext: o(stringMap),
  meta: o(stringMap),
});

export const unit = code;

export const currencyAmount = obj({ label: o(text), currency: o(code), value: o(amount) });

export const item = obj({
  uuid: o(uuid),
  ref: o(code),
  key: o(key),
  name: o(text),
  identities: list(identity),
  description: o(text),
  images: list(image),
  currency: o(code),
  price: o(amount),
  alt_prices: list(currencyAmount),
  unit: o(unit),
  origin: o(code),
  ext: o(stringMap),
  meta: o(stringMap),
});

export const note = obj({
  uuid: o(uuid),
  key: o(key),
  code: o(code),
  src: o(key),
  text: o(text),
  meta: o(stringMap),
  ext: o(stringMap),
});

export const period = obj({ label: o(text), start: o(date), end: o(date) });

export const stamp = obj({ prv: o(key), val: o(text) });

export const attachment = obj({
  uuid: o(uuid),
  key: o(key),
  code: o(code),
  name: o(text),
  description: o(text),
  url: o(text),
  digest: o(digest),
  mime: o(text),
});

export const exchangeRate = obj({ from: o(code), to: o(code), at: o(text), source: o(key), amount: o(amount) });

export type Party = z.infer<typeof party>;
export type Item = z.infer<typeof item>;
export type Identity = z.infer<typeof identity>;
export type TaxIdentity = z.infer<typeof taxIdentity>;
export type Note = z.infer<typeof note>;
export type Address = z.infer<typeof address>;
export type ExchangeRate = z.infer<typeof exchangeRate>;
