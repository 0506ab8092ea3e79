/**
 * VERI*FACTU normalizers (spec gobl-core §4.4). Like SII, but a combo carries an operation class
 * (S1/S2/N1/N2) where SII has an outside-scope code, and there is no product extension. The
 * invoice part is SII's with VERI*FACTU keys and the L6 issuer type.
 */
import type { Invoice } from '../../model/bill.ts';
import type { Combo } from '../../model/tax.ts';
import { CORRECTION_TYPES, moveDocType, setCustomerIdentityType, setOneOf, taxExt } from '../es-sii/normalize.ts';
import {
  VERIFACTU_CORRECTION_TYPE,
  VERIFACTU_DOC_TYPE,
  VERIFACTU_EXEMPT,
  VERIFACTU_IDENTITY_TYPE,
  VERIFACTU_ISSUER_TYPE,
  VERIFACTU_OP_CLASS,
  VERIFACTU_REGIME,
} from './extensions.ts';

type Ext = Record<string, string>;

/** Older documents only carried the codes; the combo key is read back from them. */
function inferKey(ext: Ext): string {
  let key: string | undefined;
  const exempt = ext[VERIFACTU_EXEMPT];
  if (exempt === 'E1' || exempt === 'E6') key = 'exempt';
  else if (exempt === 'E2' || exempt === 'E3' || exempt === 'E4') key = 'export';
  else if (exempt === 'E5') key = 'intra-community';
  const opClass = ext[VERIFACTU_OP_CLASS];
  if (opClass === 'S2') key = 'reverse-charge';
  else if (opClass === 'N1' || opClass === 'N2') key = 'outside-scope';
  return key ?? 'standard';
}

/**
 * The regime default is 18 (equivalence surcharge) only when the input states a `surcharge`:
 * with `rate: general+eqs` alone the calculator fills the surcharge after normalization, so GOBL
 * writes 01 and keeps it on a rebuild. We do the same rather than look at the rate key.
 */
function defaultRegime(c: Combo): string {
  if (c.key === 'export') return '02';
  return c.surcharge ? '18' : '01';
}

export function normalizeVerifactuCombo(c: Combo): void {
  if (c.cat !== 'VAT' && c.cat !== 'IGIC') return;
  const ext: Ext = { ...(c.ext ?? {}) };
  c.ext = ext;
  // A combo taxed in another country is not subject to Spanish VAT by location rules.
  if (c.country && c.country !== 'ES') {
    ext[VERIFACTU_OP_CLASS] = 'N2';
    setOneOf(ext, VERIFACTU_REGIME, '01', '17');
    delete ext[VERIFACTU_EXEMPT];
    return;
  }
  if (!c.key) c.key = inferKey(ext);
  if (!ext[VERIFACTU_REGIME]) ext[VERIFACTU_REGIME] = defaultRegime(c);
  switch (c.key) {
    case 'standard':
    case 'zero':
      ext[VERIFACTU_OP_CLASS] = 'S1';
      delete ext[VERIFACTU_EXEMPT];
      break;
    case 'reverse-charge':
      ext[VERIFACTU_OP_CLASS] = 'S2';
      delete ext[VERIFACTU_EXEMPT];
      break;
    case 'outside-scope':
      setOneOf(ext, VERIFACTU_OP_CLASS, 'N2', 'N1');
      delete ext[VERIFACTU_EXEMPT];
      break;
    case 'exempt':
      setOneOf(ext, VERIFACTU_EXEMPT, 'E1', 'E6');
      delete ext[VERIFACTU_OP_CLASS];
      break;
    case 'export':
      setOneOf(ext, VERIFACTU_EXEMPT, 'E2', 'E3', 'E4');
      delete ext[VERIFACTU_OP_CLASS];
      break;
    case 'intra-community':
      ext[VERIFACTU_EXEMPT] = 'E5';
      delete ext[VERIFACTU_OP_CLASS];
      break;
  }
}

export const moveVerifactuDocType = (inv: Invoice): void => moveDocType(inv, VERIFACTU_DOC_TYPE);

export function normalizeVerifactuInvoice(inv: Invoice): void {
  moveVerifactuDocType(inv);
  const type = inv.type ?? 'standard';
  if (type === 'credit-note' || type === 'debit-note') taxExt(inv)[VERIFACTU_CORRECTION_TYPE] = 'I';
  else if (type === 'corrective') taxExt(inv)[VERIFACTU_CORRECTION_TYPE] = 'S';
  // R1 is only a default: R2-R4 are chosen by the user and R5 may come back from a rebuild.
  if (CORRECTION_TYPES.includes(type)) setOneOf(taxExt(inv), VERIFACTU_DOC_TYPE, 'R1', 'R2', 'R3', 'R4', 'R5');
  // Self-billed means issued by the customer (D); a separate issuer is a third party (T) and,
  // being applied second, wins when both are present.
  if (inv.$tags?.includes('self-billed')) taxExt(inv)[VERIFACTU_ISSUER_TYPE] = 'D';
  if (inv.ordering?.issuer) taxExt(inv)[VERIFACTU_ISSUER_TYPE] = 'T';
  setCustomerIdentityType(inv.customer, VERIFACTU_IDENTITY_TYPE);
}
