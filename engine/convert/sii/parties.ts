/**
 * Parties: the titular (owner of the books), issuer IDs and the counterpart (`Contraparte`).
 * Spanish tax IDs become `NIF`; everything else `IDOtro{CodigoPais, IDType, ID}` (list L4):
 * an EU VAT number is `02` (NIF-IVA, written with its VIES prefix), another foreign tax ID `04`,
 * and parties without a tax ID are identified by the document the `es-sii-identity-type`
 * extension marks (passport 03, foreign 04, residence certificate 05, other 06, not censused 07).
 */
import type { Party } from '../../model/org.ts';
import { SII_IDENTITY_TYPE } from '../../addons/es-sii/extensions.ts';
import { Ctx, FAULT } from './context.ts';
import type { SiiTitular } from './options.ts';
import { el, node, opt, type XNode } from './xml.ts';

/** EU member states by VAT prefix (`EL` is Greece, `XI` Northern Ireland for goods). */
const EU_VAT = new Set('AT BE BG CY CZ DE DK EE EL ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK XI'.split(' '));
/** VAT prefixes that are not ISO 3166 codes, for `CodigoPais`. */
const ISO_OF_PREFIX: Readonly<Record<string, string>> = { EL: 'GR', XI: 'GB' };
/** `NIFType`: nine characters, letters only at the ends. */
const NIF_RE = /^(?:[A-Z]\d{7}[A-Z]|\d{8}[A-Z]|[A-Z]\d{8})$/;
const IDENTITY_TYPES = new Set(['02', '03', '04', '05', '06', '07']);

export interface IdOtro {
  readonly country?: string;
  readonly type: string;
  readonly id: string;
}

/** A party as SII identifies it: `NIF` or `IDOtro`. */
export type PartyId = { readonly nif: string } | { readonly other: IdOtro };

export function isNif(code: string): boolean {
  return NIF_RE.test(code);
}

/** The Spanish NIF of a party, when its tax ID is Spanish and has a code. */
export function spanishNif(p: Party | null | undefined): string | undefined {
  return p?.tax_id?.country === 'ES' && p.tax_id.code ? p.tax_id.code : undefined;
}

/** Names are `TextMax120`; long legal names are cut rather than refused (AEAT matches loosely). */
export function partyName(ctx: Ctx, p: Party, rel: string): string {
  const name = p.name ?? p.alias ?? '';
  if (!name) ctx.fault(FAULT.missing, `${rel}.name`, 'a name is required');
  return [...name].slice(0, 120).join('');
}

/**
 * How SII identifies a party, or undefined when it carries nothing SII can use. A Spanish tax ID
 * with a malformed code is a fault.
 */
export function partyId(ctx: Ctx, p: Party, rel: string): PartyId | undefined {
  const tid = p.tax_id;
  if (tid?.code && tid.country) {
    if (tid.country === 'ES') {
      if (!isNif(tid.code)) ctx.fault(FAULT.unsupported, `${rel}.tax_id.code`, `"${tid.code}" is not a 9-character Spanish NIF`);
      return { nif: tid.code };
    }
    const eu = EU_VAT.has(tid.country);
    const id = eu && !tid.code.startsWith(tid.country) ? `${tid.country}${tid.code}` : tid.code;
    ctx.text(id, 20, `${rel}.tax_id.code`);
    return { other: { country: ISO_OF_PREFIX[tid.country] ?? tid.country, type: eu ? '02' : '04', id } };
  }
  const idx = (p.identities ?? []).findIndex((i) => i?.ext?.[SII_IDENTITY_TYPE] !== undefined);
  if (idx < 0) return undefined;
  const identity = p.identities![idx]!;
  const irel = `${rel}.identities[${idx}]`;
  const type = identity.ext![SII_IDENTITY_TYPE];
  if (!IDENTITY_TYPES.has(type)) ctx.fault(FAULT.unsupported, `${irel}.ext`, `identity type "${type}" is not one of SII list L4 (02-07)`);
  if (!identity.code) ctx.fault(FAULT.missing, `${irel}.code`, 'the identity document needs a code');
  const country = identity.country ?? tid?.country ?? undefined;
  // Only a VIES VAT number carries its country inside the ID.
  if (!country && type !== '02') ctx.fault(FAULT.missing, `${irel}.country`, 'the identity document needs a country');
  ctx.text(identity.code ?? '', 20, `${irel}.code`);
  return { other: { country: country ? (ISO_OF_PREFIX[country] ?? country) : undefined, type, id: identity.code ?? '' } };
}

/**
 * Foreign counterparts (`IDOtro`, or a Spanish NIF of a non-resident entity, which starts with N)
 * make AEAT require the breakdown by type of operation (`DesgloseTipoOperacion`).
 */
export function isForeign(id: PartyId | undefined): boolean {
  if (!id) return false;
  return 'other' in id || id.nif.startsWith('N');
}

/** `Titular`: the option when given, else the party that owns the books (the one named by `rel`). */
export function titularOf(ctx: Ctx, given: SiiTitular | undefined, owner: Party | null | undefined, rel: string): SiiTitular | undefined {
  if (given) return given;
  const nif = spanishNif(owner);
  if (!owner || !nif) {
    ctx.fault(FAULT.missing, owner ? `${rel}.tax_id` : rel, 'the owner of the SII books needs a Spanish tax ID (NIF)');
    return undefined;
  }
  return { name: partyName(ctx, owner, rel), nif };
}

/** `PersonaFisicaJuridicaESType`: the titular in `Cabecera`. */
export function titularNode(t: SiiTitular): XNode {
  return node('sii:Titular', el('sii:NombreRazon', t.name), opt('sii:NIFRepresentante', t.representative), el('sii:NIF', t.nif));
}

/** `NIF` or `IDOtro` children of a party element. */
export function idNodes(id: PartyId): XNode[] {
  if ('nif' in id) return [el('sii:NIF', id.nif)];
  const o = id.other;
  return [node('sii:IDOtro', opt('sii:CodigoPais', o.country), el('sii:IDType', o.type), el('sii:ID', o.id))];
}

/** `PersonaFisicaJuridicaType`: `Contraparte`. */
export function personNode(name: string, id: PartyId): XNode {
  return node('sii:Contraparte', el('sii:NombreRazon', name), ...idNodes(id));
}
