/**
 * SII normalizers (spec gobl-core §4.3). Combos get their regime key and exemption or
 * outside-scope code from the combo key; lines say whether they sell goods or services;
 * the invoice gets its correction type, a default corrective doc type, the third-party flag and
 * the customer's identity type. Codes the user already chose are kept whenever they fit.
 */
import type { BillTax, Invoice, Line } from '../../model/bill.ts';
import type { Party } from '../../model/org.ts';
import type { Combo } from '../../model/tax.ts';
import {
  SII_CORRECTION_TYPE,
  SII_DOC_TYPE,
  SII_EXEMPT,
  SII_IDENTITY_TYPE,
  SII_OUTSIDE_SCOPE,
  SII_PRODUCT,
  SII_REGIME,
  SII_THIRD_PARTY_ISSUER,
} from './extensions.ts';

type Ext = Record<string, string>;

// setOneOf, taxExt, moveDocType and setCustomerIdentityType are shared with VERI*FACTU, which
// the AEAT modelled on SII: same correction codes, same identity types.

/** Keeps the current code when it is one of `allowed`, else writes the first one. */
export function setOneOf(ext: Ext, key: string, ...allowed: string[]): void {
  if (!allowed.includes(ext[key])) ext[key] = allowed[0];
}

/** Corrective types: each needs an R-code doc type and a correction type. */
export const CORRECTION_TYPES: readonly string[] = ['credit-note', 'corrective', 'debit-note'];

/**
 * Older documents only carried the exemption or outside-scope code; the combo key is read back
 * from them so the rest of the engine sees the same situation GOBL does.
 */
function inferKey(ext: Ext): string {
  let key: string | undefined;
  const exempt = ext[SII_EXEMPT];
  if (exempt === 'E1' || exempt === 'E6') key = 'exempt';
  else if (exempt === 'E2' || exempt === 'E3' || exempt === 'E4') key = 'export';
  else if (exempt === 'E5') key = 'intra-community';
  if (ext[SII_OUTSIDE_SCOPE]) key = 'outside-scope';
  return key ?? 'standard';
}

export function normalizeSiiCombo(c: Combo): void {
  if (c.cat !== 'VAT' && c.cat !== 'IGIC') return;
  const ext: Ext = { ...(c.ext ?? {}) };
  c.ext = ext;
  // A combo taxed in another country is not subject to Spanish VAT by location rules.
  if (c.country && c.country !== 'ES') {
    ext[SII_OUTSIDE_SCOPE] = 'location';
    setOneOf(ext, SII_REGIME, '01', '17');
    delete ext[SII_EXEMPT];
    return;
  }
  if (!c.key) c.key = inferKey(ext);
  if (!ext[SII_REGIME]) ext[SII_REGIME] = c.key === 'export' ? '02' : '01';
  switch (c.key) {
    case 'standard':
    case 'zero':
    case 'reverse-charge':
      delete ext[SII_EXEMPT];
      break;
    case 'outside-scope':
      setOneOf(ext, SII_OUTSIDE_SCOPE, 'location', 'other');
      delete ext[SII_EXEMPT];
      break;
    case 'exempt':
      setOneOf(ext, SII_EXEMPT, 'E1', 'E6');
      delete ext[SII_OUTSIDE_SCOPE];
      break;
    case 'export':
      setOneOf(ext, SII_EXEMPT, 'E2', 'E3', 'E4');
      delete ext[SII_OUTSIDE_SCOPE];
      break;
    case 'intra-community':
      ext[SII_EXEMPT] = 'E5';
      delete ext[SII_OUTSIDE_SCOPE];
      break;
  }
}

/** Only the first VAT combo says goods or services, and only when the item key says so. */
export function normalizeSiiLine(l: Line): void {
  if (!l.item) return;
  const vat = l.taxes?.find((c) => c?.cat === 'VAT');
  if (!vat) return;
  const key = l.item.key;
  if (key === 'goods' || key === 'services') vat.ext = { ...(vat.ext ?? {}), [SII_PRODUCT]: key };
}

/** `tax.ext`, creating `tax` and its map only when something is written (GOBL's MergeExtensions). */
export function taxExt(inv: Invoice): Ext {
  const tax: BillTax = (inv.tax ??= {} as BillTax);
  return (tax.ext ??= {});
}

/**
 * A correction made with GOBL's `correct` puts the chosen doc type on the preceding reference;
 * it belongs to the new invoice. The last reference carrying one wins, as in GOBL.
 */
export function moveDocType(inv: Invoice, key: string): void {
  for (const ref of inv.preceding ?? []) {
    const code = ref?.ext?.[key];
    if (code === undefined) continue;
    taxExt(inv)[key] = code;
    delete ref!.ext![key];
  }
}

export const moveSiiDocType = (inv: Invoice): void => moveDocType(inv, SII_DOC_TYPE);

const IDENTITY_TYPES: Readonly<Record<string, string>> = { passport: '03', foreign: '04', resident: '05', other: '06' };

/** Customers without a Spanish NIF are reported by their first identity document. */
export function setCustomerIdentityType(customer: Party | null | undefined, extKey: string): void {
  if (!customer) return;
  if (customer.tax_id?.country === 'ES' && customer.tax_id.code) return;
  const id = customer.identities?.[0];
  const code = id?.key ? IDENTITY_TYPES[id.key] : undefined;
  if (id && code) id.ext = { ...(id.ext ?? {}), [extKey]: code };
}

export function normalizeSiiInvoice(inv: Invoice): void {
  moveSiiDocType(inv);
  const type = inv.type ?? 'standard';
  if (type === 'credit-note' || type === 'debit-note') taxExt(inv)[SII_CORRECTION_TYPE] = 'I';
  else if (type === 'corrective') taxExt(inv)[SII_CORRECTION_TYPE] = 'S';
  // R1 is only a default: R2-R4 are chosen by the user and R5 may come back from a rebuild.
  if (CORRECTION_TYPES.includes(type)) setOneOf(taxExt(inv), SII_DOC_TYPE, 'R1', 'R2', 'R3', 'R4', 'R5');
  if (inv.$tags?.includes('self-billed') || inv.ordering?.issuer) taxExt(inv)[SII_THIRD_PARTY_ISSUER] = 'S';
  setCustomerIdentityType(inv.customer, SII_IDENTITY_TYPE);
}
