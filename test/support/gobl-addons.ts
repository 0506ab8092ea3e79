/**
 * Test-only bridge from GOBL's addon JSON (`../shared/reference/gobl-data/data/addons/*.json`)
 * to our `AddonDef`, so conformance examples of other countries can run with the addons they
 * name without the engine shipping them. Never imported by the engine.
 *
 * The JSON holds the addon's data (extensions, tags, scenarios, corrections). GOBL's normalizers
 * are Go code and are not in the JSON: for the five foreign addons the conformance set uses
 * (`FOREIGN_ADDON_KEYS`) small hand-written normalizers below reproduce what the GOBL goldens
 * show, written from reading GOBL's behaviour, not copied. Their rules are not ported: only the
 * core and Spanish rule sets validate.
 */
import { readFileSync } from 'node:fs';
import type { AddonDef, Normalizers } from '../../engine/tax/addon-def.ts';
import type { CodeDef, ExtensionDef, I18n, RegimeDef } from '../../engine/tax/regime-def.ts';
import type { Combo } from '../../engine/model/tax.ts';
import type { Invoice, Line, SubLine } from '../../engine/model/bill.ts';
import type { Item, Party } from '../../engine/model/org.ts';
import { loadGoblRegime, sharedPath } from './gobl-regime.ts';

/** The addons GENERIC-CALC conformance rows use besides the Spanish ones. */
export const FOREIGN_ADDON_KEYS = ['ar-arca-v4', 'co-dian-v2', 'eu-en16931-v2017', 'gr-mydata-v1', 'it-sdi-v1'] as const;

/** Parses one of GOBL's addon files, e.g. `readGoblAddonJson('gr-mydata-v1')`. */
export function readGoblAddonJson(key: string): any {
  return JSON.parse(readFileSync(sharedPath('reference/gobl-data/data/addons', `${key}.json`), 'utf8'));
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Ext = Record<string, string>;

function i18n(v: any): I18n {
  return v && typeof v === 'object' ? { ...v } : {};
}

function codeDef(v: any): CodeDef {
  const out: Mutable<CodeDef> = { code: v.code, name: i18n(v.name) };
  if (v.desc) out.desc = i18n(v.desc);
  return out;
}

function extension(e: any): ExtensionDef {
  const out: Mutable<ExtensionDef> = { key: e.key, name: i18n(e.name) };
  if (e.desc) out.desc = i18n(e.desc);
  if (Array.isArray(e.values) && e.values.length > 0) out.values = e.values.map(codeDef);
  if (e.pattern) out.pattern = e.pattern;
  if (Array.isArray(e.sources) && e.sources.length > 0) {
    out.sources = e.sources.map((s: any) => ({ title: typeof s.title === 'string' ? s.title : i18n(s.title), url: String(s.url ?? '') }));
  }
  return out;
}

export interface LoadAddonOptions {
  /** Attach the hand-written normalizers of the foreign addons (default true). */
  readonly normalizers?: boolean;
}

/**
 * Converts a parsed GOBL addon JSON document into our `AddonDef`. Tags, scenarios, corrections,
 * identities and sources share the regime file format, so they go through the regime adapter.
 */
export function loadGoblAddon(json: any, opts: LoadAddonOptions = {}): AddonDef {
  const shared: RegimeDef = loadGoblRegime({
    country: '',
    tags: json.tags,
    scenarios: json.scenarios,
    corrections: json.corrections,
    identities: json.identities,
    sources: json.sources,
  });
  const out: Mutable<AddonDef> = {
    key: json.key,
    name: i18n(json.name),
    extensions: (json.extensions ?? []).map(extension),
  };
  if (json.description) out.description = i18n(json.description);
  if (Array.isArray(json.requires) && json.requires.length > 0) out.requires = [...json.requires];
  if (shared.sources.length > 0) out.sources = shared.sources;
  if (shared.tags.length > 0) out.tags = shared.tags;
  if (shared.identityKeys) out.identityKeys = shared.identityKeys;
  if (shared.scenarios.length > 0) out.scenarios = shared.scenarios;
  if (shared.corrections.length > 0) out.corrections = shared.corrections;
  const norm = opts.normalizers === false ? undefined : FOREIGN_NORMALIZERS[out.key];
  if (norm) out.normalizers = norm;
  return out;
}

/** The foreign addons with their normalizers, ready for `extendRegistry`. */
export function loadForeignAddons(): AddonDef[] {
  return FOREIGN_ADDON_KEYS.map((k) => loadGoblAddon(readGoblAddonJson(k)));
}

// ---------------------------------------------------------------------------------------------
// Small helpers on extension maps, with GOBL's semantics.

/** Sets (or, with an empty code, removes) one extension and returns the map. */
function setExt(ext: Ext | null | undefined, key: string, code: string): Ext {
  const out: Ext = ext ?? {};
  if (code === '') delete out[key];
  else out[key] = code;
  return out;
}

/** Keeps the current value when it is one of `codes`, otherwise writes `codes[0]`. */
function setOneOf(ext: Ext | null | undefined, key: string, codes: readonly string[]): Ext {
  const out: Ext = ext ?? {};
  if (!codes.includes(out[key])) out[key] = codes[0];
  return out;
}

/** Member states (with Greece's tax code EL as well as GR). */
const EU = new Set(
  'AT BE BG CY CZ DE DK EE EL ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '),
);

function lineItems(l: Line): Item[] {
  const items: Item[] = [];
  if (l.item) items.push(l.item);
  for (const sl of [...(l.breakdown ?? []), ...(l.substituted ?? [])] as (SubLine | null)[]) if (sl?.item) items.push(sl.item);
  return items;
}

// ---------------------------------------------------------------------------------------------
// eu-en16931-v2017: UNTDID codes on combos, notes, discounts/charges and payment means, a
// default item unit, and Peppol endpoints derived from Peppol inboxes.

const UNTDID_VAT: Readonly<Record<string, string>> = {
  standard: 'S',
  zero: 'Z',
  exempt: 'E',
  'reverse-charge': 'AE',
  'intra-community': 'K',
  export: 'G',
  'outside-scope': 'O',
};

/** org note keys to UNTDID 4451 text subject codes. */
const UNTDID_TEXT_SUBJECT: Readonly<Record<string, string>> = {
  goods: 'AAA',
  payment: 'PMT',
  legal: 'ABY',
  'dangerous-goods': 'AAC',
  ack: 'AAE',
  rate: 'AAF',
  reason: 'ACD',
  dispute: 'ACE',
  customer: 'CUR',
  glossary: 'ACZ',
  customs: 'CUS',
  general: 'AAI',
  handling: 'HAN',
  packaging: 'PKG',
  loading: 'LOI',
  price: 'AAK',
  priority: 'PRI',
  regulatory: 'REG',
  safety: 'SAF',
  'ship-line': 'SLR',
  supplier: 'SUR',
  transport: 'TRA',
  delivery: 'DEL',
  quarantine: 'QIN',
  tax: 'TXD',
  other: 'ZZZ',
};

/** Discount keys to UNTDID 5189 allowance codes. */
const UNTDID_ALLOWANCE: Readonly<Record<string, string>> = {
  'early-completion': '41',
  military: '62',
  'work-accident': '63',
  'special-agreement': '64',
  'production-error': '65',
  'new-outlet': '66',
  sample: '67',
  'end-of-range': '68',
  incoterm: '70',
  'pos-threshold': '71',
  'special-rebate': '100',
  temporary: '103',
  standard: '104',
  'yearly-turnover': '105',
};

/** Charge keys to UNTDID 7161 charge codes. */
const UNTDID_CHARGE: Readonly<Record<string, string>> = {
  'stamp-duty': 'ST',
  outlay: 'AAE',
  tax: 'TX',
  customs: 'ABW',
  delivery: 'DL',
  packing: 'PC',
  handling: 'HD',
  insurance: 'IN',
  storage: 'ABA',
  admin: 'AEM',
  cleaning: 'CG',
};

/** Payment means keys to UNTDID 4461 codes. */
const UNTDID_PAYMENT_MEANS: Readonly<Record<string, string>> = {
  any: '1',
  card: '48',
  'credit-transfer': '30',
  'debit-transfer': '31',
  cash: '10',
  cheque: '20',
  'bank-draft': '21',
  'direct-debit': '49',
  online: '68',
  'promissory-note': '60',
  netting: '97',
  'credit-transfer+sepa': '58',
  'direct-debit+sepa': '59',
};

const PEPPOL_ACTOR_SCHEME = 'iso6523-actorid-upis';

function en16931Combo(c: Combo): void {
  switch (c.cat) {
    case 'VAT': {
      if (!c.key) {
        const code = c.ext?.['untdid-tax-category'];
        c.key = Object.keys(UNTDID_VAT).find((k) => code !== undefined && UNTDID_VAT[k] === code) ?? 'standard';
      }
      c.ext = setExt(c.ext, 'untdid-tax-category', UNTDID_VAT[c.key] ?? '');
      break;
    }
    case 'IGIC':
      c.ext = setExt(c.ext, 'untdid-tax-category', 'L');
      break;
    case 'IPSI':
      c.ext = setExt(c.ext, 'untdid-tax-category', 'M');
      break;
    default:
      c.ext = setExt(c.ext, 'untdid-tax-category', 'O');
  }
}

function withMappedExt<T extends { key?: string | null; ext?: Ext | null }>(x: T | null | undefined, map: Readonly<Record<string, string>>, extKey: string): void {
  if (!x?.key) return;
  const code = map[x.key];
  if (code) x.ext = { ...(x.ext ?? {}), [extKey]: code };
}

function en16931Notes(notes: readonly ({ key?: string | null; ext?: Ext | null } | null)[] | null | undefined): void {
  for (const n of notes ?? []) withMappedExt(n, UNTDID_TEXT_SUBJECT, 'untdid-text-subject');
}

function en16931Line(l: Line): void {
  for (const item of lineItems(l)) if (!item.unit) item.unit = 'one';
  for (const d of l.discounts ?? []) withMappedExt(d, UNTDID_ALLOWANCE, 'untdid-allowance');
  for (const c of l.charges ?? []) withMappedExt(c, UNTDID_CHARGE, 'untdid-charge');
  en16931Notes(l.notes);
}

function en16931Party(p: Party): void {
  // Peppol participant IDs written as "0208:0735585741" carry their scheme in the code.
  for (const ib of p.inboxes ?? []) {
    if (!ib || ib.key !== 'peppol' || ib.scheme || !ib.code) continue;
    if (ib.code.length >= 5 && ib.code[4] === ':') {
      ib.scheme = ib.code.slice(0, 4);
      ib.code = ib.code.slice(5);
    }
  }
  // The first complete Peppol inbox becomes the party's participant endpoint.
  if ((p.endpoints ?? []).some((e) => e?.uri?.startsWith(`${PEPPOL_ACTOR_SCHEME}:`))) return;
  const ib = (p.inboxes ?? []).find((i) => i?.key === 'peppol' && i.scheme && i.code);
  if (!ib) return;
  const ep: { label?: string; uri: string } = { uri: `${PEPPOL_ACTOR_SCHEME}::${ib.scheme}:${ib.code}` };
  if (ib.label) ep.label = ib.label;
  p.endpoints = [...(p.endpoints ?? []), ep];
}

function en16931Invoice(inv: Invoice): void {
  en16931Notes(inv.notes);
  for (const n of inv.tax?.notes ?? []) {
    if (!n || n.cat !== 'VAT') continue;
    if (!n.key) {
      const code = n.ext?.['untdid-tax-category'];
      const k = Object.keys(UNTDID_VAT).find((x) => code !== undefined && UNTDID_VAT[x] === code);
      if (k) n.key = k;
    }
    const code = n.key ? UNTDID_VAT[n.key] : undefined;
    if (code) n.ext = { ...(n.ext ?? {}), 'untdid-tax-category': code };
  }
  for (const d of inv.discounts ?? []) withMappedExt(d, UNTDID_ALLOWANCE, 'untdid-allowance');
  for (const c of inv.charges ?? []) withMappedExt(c, UNTDID_CHARGE, 'untdid-charge');
  withMappedExt(inv.payment?.instructions, UNTDID_PAYMENT_MEANS, 'untdid-payment-means');
}

// ---------------------------------------------------------------------------------------------
// gr-mydata-v1: VAT rate and exemption codes on combos, tax type on charges, payment means.

const GR_VAT_RATE: Readonly<Record<string, string>> = {
  general: '1',
  reduced: '2',
  'super-reduced': '3',
  'general+island': '4',
  'reduced+island': '5',
  'super-reduced+island': '6',
};
const GR_VAT_EXEMPT = '7';
const GR_EXEMPTION_BY_KEY: Readonly<Record<string, readonly string[]>> = {
  'outside-scope': ['1', '2', '4', '24', '29', '30', '31'],
  exempt: ['3', '5', '6', '7', '11', '12', '13', '15', '17', '18', '19', '20', '21', '22', '23', '25', '26', '27'],
  export: ['8', '9', '10', '28'],
  'intra-community': ['14'],
  'reverse-charge': ['16'],
};
const GR_PAYMENT_MEANS: Readonly<Record<string, string>> = {
  'credit-transfer': '1',
  'credit-transfer+foreign': '2',
  cash: '3',
  cheque: '4',
  'promissory-note': '5',
  online: '6',
  card: '7',
};

function grCombo(c: Combo): void {
  if (c.cat !== 'VAT') return;
  if (c.country && c.country !== 'EL') {
    // B2C sales taxed in another country.
    c.ext = setExt(c.ext, 'gr-mydata-exemption', EU.has(c.country) ? '30' : '29');
    c.ext = setExt(c.ext, 'gr-mydata-vat-rate', GR_VAT_EXEMPT);
  }
  if (!c.key) {
    const ex = c.ext?.['gr-mydata-exemption'];
    c.key = Object.keys(GR_EXEMPTION_BY_KEY).find((k) => ex !== undefined && GR_EXEMPTION_BY_KEY[k].includes(ex)) ?? 'standard';
  }
  if (c.key === 'standard' || c.key === 'zero') {
    const code = c.rate ? GR_VAT_RATE[c.rate] : undefined;
    if (code) c.ext = setExt(c.ext, 'gr-mydata-vat-rate', code);
    return;
  }
  const codes = GR_EXEMPTION_BY_KEY[c.key];
  if (!codes) return;
  c.ext = setOneOf(c.ext, 'gr-mydata-exemption', codes);
  c.ext = setExt(c.ext, 'gr-mydata-vat-rate', GR_VAT_EXEMPT);
}

function grInvoice(inv: Invoice): void {
  for (const c of inv.charges ?? []) {
    // GOBL writes into the charge's existing ext map only: a charge without ext stays without.
    if (!c?.ext || Object.keys(c.ext).length === 0) continue;
    if (c.key === 'stamp-duty') c.ext['gr-mydata-tax-type'] = '4';
    else if (c.key === 'tax') c.ext['gr-mydata-tax-type'] = '3';
    if (c.ext['gr-mydata-tax-type']) continue;
    if (c.ext['gr-mydata-fee']) c.ext['gr-mydata-tax-type'] = '2';
    else if (c.ext['gr-mydata-other-tax']) c.ext['gr-mydata-tax-type'] = '3';
    else if (c.ext['gr-mydata-stamp-duty']) c.ext['gr-mydata-tax-type'] = '4';
  }
  withMappedExt(inv.payment?.instructions, GR_PAYMENT_MEANS, 'gr-mydata-payment-means');
  for (const a of inv.payment?.advances ?? []) withMappedExt(a, GR_PAYMENT_MEANS, 'gr-mydata-payment-means');
}

// ---------------------------------------------------------------------------------------------
// it-sdi-v1: VAT nature (exempt) codes, default fiscal regime, payment means. The IT regime's own
// migration of legacy extension keys is folded in here, as the regime is loaded from JSON.

/** Natura codes a key accepts, the default first (GOBL follows the CIUS-IT mapping guide). */
const IT_EXEMPT_BY_KEY: Readonly<Record<string, readonly string[]>> = {
  zero: ['N1'],
  'outside-scope': ['N2.1', 'N2.2', 'N7'],
  export: ['N3.1', 'N3.3', 'N3.4', 'N3.5'],
  'intra-community': ['N3.2', 'N3.6'],
  exempt: ['N4', 'N5'],
  'reverse-charge': ['N6.9', 'N6.1', 'N6.2', 'N6.3', 'N6.4', 'N6.5', 'N6.6', 'N6.7', 'N6.8'],
};
const IT_PAYMENT_MEANS: Readonly<Record<string, string>> = {
  cash: 'MP01',
  cheque: 'MP02',
  'bank-draft': 'MP03',
  'cash+treasury': 'MP04',
  'credit-transfer': 'MP05',
  'promissory-note': 'MP06',
  'other+payment-slip': 'MP07',
  card: 'MP08',
  'direct-debit+rid': 'MP09',
  'direct-debit+rid-utility': 'MP10',
  'direct-debit+rid-fast': 'MP11',
  'direct-debit+riba': 'MP12',
  'debit-transfer': 'MP13',
  'other+tax-receipt': 'MP14',
  'other+special-account': 'MP15',
  'direct-debit': 'MP16',
  'direct-debit+post-office': 'MP17',
  'cheque+post-office': 'MP18',
  'direct-debit+sepa': 'MP19',
  'direct-debit+sepa-core': 'MP20',
  'direct-debit+sepa-b2b': 'MP21',
  netting: 'MP22',
  'online+pagopa': 'MP23',
  online: 'MP08',
  other: 'MP01',
};

function renameExt(c: Combo, from: string, to: string): void {
  if (!c.ext || c.ext[from] === undefined) return;
  c.ext[to] = c.ext[from];
  delete c.ext[from];
}

function itCombo(c: Combo): void {
  renameExt(c, 'it-sdi-retained-tax', 'it-sdi-retained');
  renameExt(c, 'it-sdi-nature', 'it-sdi-exempt');
  if (c.cat !== 'VAT') return;
  if (c.country && c.country !== 'IT') {
    c.ext = setExt(c.ext, 'it-sdi-exempt', EU.has(c.country) ? 'N7' : 'N2.1');
    return;
  }
  // Without a key, or with the generic `exempt` one, the natura code tells the key.
  if (!c.key || c.key === 'exempt') {
    const ex = c.ext?.['it-sdi-exempt'];
    if (!ex) {
      if (!c.key) c.key = 'standard';
    } else {
      const k = Object.keys(IT_EXEMPT_BY_KEY).find((x) => IT_EXEMPT_BY_KEY[x].includes(ex));
      if (k) c.key = k;
      if (k === 'zero') c.percent = '0%';
    }
  }
  if (c.key === 'standard') {
    if (c.ext) delete c.ext['it-sdi-exempt'];
    return;
  }
  const codes = c.key ? IT_EXEMPT_BY_KEY[c.key] : undefined;
  if (codes) c.ext = setOneOf(c.ext, 'it-sdi-exempt', codes);
}

function itInvoice(inv: Invoice): void {
  const s = inv.supplier;
  if (s && !s.ext?.['it-sdi-fiscal-regime']) s.ext = { ...(s.ext ?? {}), 'it-sdi-fiscal-regime': 'RF01' };
  withMappedExt(inv.payment?.instructions, IT_PAYMENT_MEANS, 'it-sdi-payment-means');
  for (const a of inv.payment?.advances ?? []) withMappedExt(a, IT_PAYMENT_MEANS, 'it-sdi-payment-means');
}

function itParty(p: Party): void {
  // Italian post codes are five digits, zero padded.
  for (const a of p.addresses ?? []) {
    if (!a || a.country !== 'IT' || !a.code || a.code.length >= 5 || !/^\d+$/.test(a.code)) continue;
    a.code = a.code.padStart(5, '0');
  }
}

// ---------------------------------------------------------------------------------------------
// ar-arca-v4: customer VAT status, document type and concept on the invoice, VAT rate codes.

const AR_TYPE_A_STATUSES = ['1', '6', '13', '16'];

function arDocType(category: 'A' | 'B' | 'C', type: string | null | undefined): string {
  const base = { A: 1, B: 6, C: 11 }[category];
  switch (type) {
    case 'standard':
      return String(base);
    case 'debit-note':
      return String(base + 1);
    case 'credit-note':
      return String(base + 2);
    default:
      return '';
  }
}

function arCombo(c: Combo): void {
  if (c.key === 'zero') {
    c.ext = setExt(c.ext, 'ar-arca-vat-rate', '3');
    return;
  }
  const code = { reduced: '4', general: '5', increased: '6' }[c.rate ?? ''];
  if (code) c.ext = setExt(c.ext, 'ar-arca-vat-rate', code);
}

function arInvoice(inv: Invoice): void {
  const cus = inv.customer;
  if (cus) {
    if (!cus.tax_id) cus.ext = setOneOf(cus.ext, 'ar-arca-vat-status', ['5', '4', '7', '10', '15']);
    else if (cus.tax_id.country !== 'AR') cus.ext = setOneOf(cus.ext, 'ar-arca-vat-status', ['9', '8']);
    else cus.ext = setOneOf(cus.ext, 'ar-arca-vat-status', ['1', '6', '13', '16', '4', '7', '10', '15']);
  }
  const tax = (inv.tax ??= {} as NonNullable<Invoice['tax']>);
  if (!tax.ext?.['ar-arca-doc-type']) {
    let cat: 'A' | 'B' | 'C' = 'B';
    if ((inv.$tags ?? []).includes('monotax')) cat = 'C';
    else if (cus?.ext && Object.keys(cus.ext).length > 0) cat = AR_TYPE_A_STATUSES.includes(cus.ext['ar-arca-vat-status']) ? 'A' : 'B';
    const code = arDocType(cat, inv.type);
    if (code) tax.ext = { ...(tax.ext ?? {}), 'ar-arca-doc-type': code };
  }
  let goods = false;
  let services = false;
  for (const l of inv.lines ?? []) {
    if (l?.item?.key === 'goods') goods = true;
    else services = true;
  }
  const concept = goods && services ? '3' : goods ? '1' : services ? '2' : '';
  if (concept) tax.ext = { ...(tax.ext ?? {}), 'ar-arca-concept': concept };
}

// ---------------------------------------------------------------------------------------------

const FOREIGN_NORMALIZERS: Readonly<Record<string, Normalizers>> = {
  'eu-en16931-v2017': { combo: en16931Combo, line: en16931Line, party: en16931Party, invoice: en16931Invoice },
  'gr-mydata-v1': { combo: grCombo, invoice: grInvoice },
  'it-sdi-v1': { combo: itCombo, party: itParty, invoice: itInvoice },
  'ar-arca-v4': { combo: arCombo, invoice: arInvoice },
  // co-dian-v2: the conformance example needs no normalization from the addon.
};
