/** FacturaE parties → GOBL parties (tax ID, name, people, address, contact details, DIR3 centres). */
import { amountToString, negate, parseAmount } from '../../core/amount.ts';
import { alpha2, alpha3 } from './countries.ts';
import { IMPORT_FAULT, type XEl } from './import-read.ts';

type Json = Record<string, unknown>;

/** Changes the sign of a decimal text (credit notes are imported with positive amounts). */
export function neg(s: string | undefined): string | undefined {
  if (s === undefined) return s;
  const r = parseAmount(s);
  return r.ok ? amountToString(negate(r.value)) : s;
}

/** Drops undefined and empty-string values, and objects/lists left empty. */
export function compact<T extends Json>(o: T): T {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out as T;
}

interface AddressResult {
  readonly address?: Json;
  readonly country?: string;
}

/** AddressInSpain or OverseasAddress of an element (LegalEntity, Individual, centre). */
export function addressOf(el: XEl): AddressResult {
  const es = el.child('AddressInSpain');
  if (es) {
    return {
      country: 'ES',
      address: compact({ street: es.text('Address'), code: es.text('PostCode'), locality: es.text('Town'), region: es.text('Province'), country: 'ES' }),
    };
  }
  const os = el.child('OverseasAddress');
  if (!os) return {};
  const code3 = os.text('CountryCode');
  const country = alpha2(code3);
  if (!country) el.reader.fault(IMPORT_FAULT.invalid, `${os.path}/CountryCode`, `unknown FacturaE country code ${JSON.stringify(code3 ?? '')}`);
  const town = os.text('PostCodeAndTown') ?? '';
  // "75002 Paris": a leading token with a digit is the post code.
  const m = /^(\S*\d\S*)\s+(.+)$/.exec(town);
  return {
    country,
    address: compact({
      street: os.text('Address'),
      code: m ? m[1] : undefined,
      locality: m ? m[2] : town,
      region: os.text('Province'),
      country,
    }),
  };
}

function taxIdOf(el: XEl, addressCountry: string | undefined): Json {
  const t = el.req('TaxIdentification');
  const residence = t.reqText('ResidenceTypeCode');
  let code = t.reqText('TaxIdentificationNumber').replaceAll(/[\s-]/g, '');
  if (residence && !['R', 'U', 'E'].includes(residence)) {
    t.reader.fault(IMPORT_FAULT.invalid, `${t.path}/ResidenceTypeCode`, `ResidenceTypeCode must be R, U or E, got ${JSON.stringify(residence)}`);
  }
  const prefix = /^[A-Z]{2}/.test(code) ? code.slice(0, 2) : undefined;
  const fromPrefix = prefix && (alpha3(prefix) || prefix === 'EL') ? (prefix === 'EL' ? 'GR' : prefix) : undefined;
  const country = residence === 'R' ? 'ES' : (addressCountry ?? fromPrefix);
  if (!country) t.reader.fault(IMPORT_FAULT.missing, t.path, 'cannot tell the country of a non-resident tax ID without an address');
  // VAT-style numbers repeat the country ("ESB23103039", "EL123456789").
  const own = country === 'GR' ? 'EL' : country;
  if (own && code.length > 4 && (code.startsWith(own) || code.startsWith(country!))) code = code.slice(2);
  return compact({ country: country === 'GR' ? 'EL' : country, code });
}

function contactOf(body: XEl): { emails?: Json[]; telephones?: Json[]; contact?: string } {
  const c = body.child('ContactDetails');
  if (!c) return {};
  const email = c.text('ElectronicMail');
  const phone = c.text('Telephone');
  return { emails: email ? [{ addr: email }] : undefined, telephones: phone ? [{ num: phone }] : undefined, contact: c.text('ContactPersons') };
}

/** A BusinessType (SellerParty, BuyerParty) or ThirdParty element as a GOBL party. */
export function partyOf(el: XEl): Json {
  const le = el.child('LegalEntity');
  const ind = el.child('Individual');
  const body = le ?? ind;
  if (!body) {
    el.reader.fault(IMPORT_FAULT.missing, `${el.path}/LegalEntity`, 'missing LegalEntity or Individual');
    return { tax_id: taxIdOf(el, undefined) };
  }
  const { address, country } = addressOf(body);
  const contact = contactOf(body);
  let name: string | undefined;
  let people: Json[] | undefined;
  if (le) {
    name = le.reqText('CorporateName');
    if (contact.contact) people = [{ name: { given: contact.contact } }];
  } else {
    const given = body.reqText('Name');
    const surname = body.text('FirstSurname');
    const surname2 = body.text('SecondSurname');
    name = [given, surname, surname2].filter((p) => !!p).join(' ');
    people = [{ name: compact({ given, surname, surname2 }) }];
  }
  return compact({
    name,
    tax_id: taxIdOf(el, country),
    people,
    addresses: address ? [address] : undefined,
    emails: contact.emails,
    telephones: contact.telephones,
  });
}

/** FACe centres: 01 → customer identity (scope `tax`), 02 → delivery receiver, 03 → ordering buyer. */
export function centresOf(buyer: XEl): { identities: Json[]; receiver?: Json; orderer?: Json } {
  const out: { identities: Json[]; receiver?: Json; orderer?: Json } = { identities: [] };
  for (const c of buyer.child('AdministrativeCentres')?.children('AdministrativeCentre') ?? []) {
    const code = c.text('CentreCode');
    const role = c.text('RoleTypeCode');
    if (!code) continue;
    const unit = () =>
      compact({
        name: c.text('CentreDescription') ?? c.text('Name'),
        identities: [{ code }],
        addresses: addressOf(c).address ? [addressOf(c).address] : undefined,
      });
    if (role === '01') out.identities.push({ scope: 'tax', code });
    else if (role === '02' && !out.receiver) out.receiver = unit();
    else if (role === '03' && !out.orderer) out.orderer = unit();
  }
  return out;
}
