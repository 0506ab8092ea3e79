/**
 * TicketBAI normalizers (spec gobl-core §4.2; GOBL `addons/es/tbai/tax_combo.go`, `bill.go`).
 * They fill the codes the TicketBAI XML needs (exemption cause, VAT regime key, product type,
 * region, identity type) from what the document already says, and never override a valid
 * explicit choice except where TicketBAI allows a single code.
 */
import { isEuMember } from '../../l10n/eu.ts';
import type { BillTax, Invoice, Line } from '../../model/bill.ts';
import type { Party } from '../../model/org.ts';
import type { Combo } from '../../model/tax.ts';
import { EXT_EXEMPTION, EXT_IDENTITY_TYPE, EXT_PRODUCT, EXT_REGIME, EXT_REGION, EXT_SIMPLIFIED } from './extensions.ts';

type ExtHolder = { ext?: Record<string, string> | null };

function getExt(o: ExtHolder, key: string): string | undefined {
  return o.ext?.[key] || undefined;
}

function setExt(o: ExtHolder, key: string, value: string): void {
  o.ext = { ...(o.ext ?? {}), [key]: value };
}

function setExtIfEmpty(o: ExtHolder, key: string, value: string): void {
  if (!getExt(o, key)) setExt(o, key, value);
}

/** Keeps the current code when it is one of `allowed`, else sets the first (the default). */
function setExtOneOf(o: ExtHolder, key: string, allowed: readonly string[]): void {
  const current = getExt(o, key);
  if (!current || !allowed.includes(current)) setExt(o, key, allowed[0]);
}

function deleteExt(o: ExtHolder, key: string): void {
  if (!o.ext || !(key in o.ext)) return;
  const { [key]: _, ...rest } = o.ext;
  o.ext = Object.keys(rest).length > 0 ? rest : undefined;
}

/**
 * Documents written before combo keys existed carry only the exemption code; map it back to
 * the key it implies so the rest of the pipeline sees the same situation (spec §5).
 */
const KEY_FROM_EXEMPTION: Readonly<Record<string, string>> = {
  E1: 'exempt',
  E6: 'exempt',
  E2: 'export',
  E3: 'export',
  E4: 'export',
  E5: 'intra-community',
  S2: 'reverse-charge',
  OT: 'outside-scope',
  RL: 'outside-scope',
  VT: 'outside-scope',
  IE: 'outside-scope',
};

/**
 * Exemption codes allowed per combo key, default first. Exempt: arts. 20 (E1) or "other" (E6);
 * export: arts. 21–24 (E2–E4); intra-community: art. 25 (E5); reverse charge: S2 ("sujeta y no
 * exenta con inversión"); not subject: localization rules (RL) by default.
 */
const EXEMPTIONS_BY_KEY: Readonly<Record<string, readonly string[]>> = {
  'reverse-charge': ['S2'],
  'outside-scope': ['RL', 'IE', 'OT', 'VT'],
  exempt: ['E1', 'E6'],
  export: ['E2', 'E3', 'E4'],
  'intra-community': ['E5'],
};

/** `general+eqs`, `reduced+eqs`…: the equivalence surcharge rates (recargo de equivalencia). */
function isEquivalenceRate(rate: string | null | undefined): boolean {
  return !!rate && rate.split('+').includes('eqs');
}

export function normalizeTaxCombo(c: Combo): void {
  if (c.cat === 'VAT') {
    if (c.country && c.country.toUpperCase() !== 'ES') {
      // Another country's VAT is charged (e.g. OSS distance sales): not subject to Basque VAT
      // by localization rules; IE when the foreign tax is an EU member state's VAT.
      setExt(c, EXT_EXEMPTION, isEuMember(c.country) ? 'IE' : 'RL');
      setExtIfEmpty(c, EXT_REGIME, '01');
      return;
    }
    if (!c.key) c.key = KEY_FROM_EXEMPTION[getExt(c, EXT_EXEMPTION) ?? ''] ?? 'standard';
    if (!getExt(c, EXT_REGIME)) {
      // 02 exports, 51 equivalence surcharge regime, 01 general regime.
      const regime = c.key === 'export' ? '02' : c.surcharge || isEquivalenceRate(c.rate) ? '51' : '01';
      setExt(c, EXT_REGIME, regime);
    }
    const allowed = EXEMPTIONS_BY_KEY[c.key];
    if (allowed) setExtOneOf(c, EXT_EXEMPTION, allowed);
    else if (c.key === 'standard' || c.key === 'zero') deleteExt(c, EXT_EXEMPTION);
    return;
  }
  if (c.cat === 'IGIC') {
    // Canary Islands IGIC is outside the Basque VAT territory: always IE, regime 08 (IPSI/IGIC).
    setExt(c, EXT_EXEMPTION, 'IE');
    setExtIfEmpty(c, EXT_REGIME, '08');
  }
}

/** The product type of the line's VAT combo comes from the item key; no key means services. */
export function normalizeLine(line: Line): void {
  if (!line.item) return;
  const vat = (line.taxes ?? []).find((c) => c?.cat === 'VAT');
  if (!vat) return;
  const key = line.item.key;
  if (key === 'goods') setExtOneOf(vat, EXT_PRODUCT, ['goods', 'resale']);
  else if (key === 'services' || !key) setExt(vat, EXT_PRODUCT, 'services');
}

/** Every spelling of the three Basque provinces seen in addresses (Basque, Spanish, code). */
const REGION_BY_NAME: Readonly<Record<string, string>> = {
  alava: 'VI',
  álava: 'VI',
  araba: 'VI',
  vi: 'VI',
  bizkaia: 'BI',
  vizcaya: 'BI',
  bi: 'BI',
  gipuzkoa: 'SS',
  guipuzcoa: 'SS',
  guipúzcoa: 'SS',
  ss: 'SS',
};

export function regionCodeFor(region: string | null | undefined): string | undefined {
  return region ? REGION_BY_NAME[region.toLowerCase()] : undefined;
}

/** IDOtro IDType for identity keys of the ES regime (spec §3.7). */
const IDENTITY_TYPE_BY_KEY: Readonly<Record<string, string>> = {
  passport: '03',
  foreign: '04',
  resident: '05',
  other: '06',
};

/** Customers without a Spanish NIF are identified by their first identity document. */
function normalizeCustomerIdentity(customer: Party | null | undefined): void {
  if (!customer) return;
  const tid = customer.tax_id;
  if (tid && tid.country === 'ES' && tid.code) return;
  const first = customer.identities?.[0];
  if (!first) return;
  const code = IDENTITY_TYPE_BY_KEY[first.key ?? ''];
  if (code) setExt(first, EXT_IDENTITY_TYPE, code);
}

export function normalizeInvoice(inv: Invoice): void {
  if (!inv.tax?.ext?.[EXT_REGION]) {
    const region = regionCodeFor(inv.supplier?.addresses?.[0]?.region);
    if (region) setExt((inv.tax ??= {} as BillTax), EXT_REGION, region);
  }
  if (inv.$tags?.includes('simplified')) setExt((inv.tax ??= {} as BillTax), EXT_SIMPLIFIED, 'S');
  normalizeCustomerIdentity(inv.customer);
}
