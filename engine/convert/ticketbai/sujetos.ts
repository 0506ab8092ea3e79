/**
 * `Sujetos`: the issuer (Emisor), the recipient (one IDDestinatario: GOBL has one customer) and
 * who issued the document (EmitidaPorTercerosODestinatario). Spec converters.md §1.2.
 */
import { isEuMember } from '../../l10n/eu.ts';
import type { Address, Identity, Party } from '../../model/org.ts';
import { type Ctx, EXT_IDENTITY_TYPE, isoCountry, text } from './common.ts';
import type { XObject } from './xml.ts';

/** Who issued the invoice: the supplier (N), the customer (D, self-billing) or a third party (T). */
export type IssuerRole = 'N' | 'D' | 'T';

export function buildSujetos(ctx: Ctx, role: IssuerRole): XObject {
  const dest = ctx.inv.customer ? destinatario(ctx, ctx.inv.customer) : undefined;
  return {
    Emisor: emisor(ctx),
    Destinatarios: dest ? { IDDestinatario: [dest] } : undefined,
    EmitidaPorTercerosODestinatario: role,
  };
}

/** The issuer, also used by the cancellation document (its NIF is checked by the validation). */
export function emisor(ctx: Ctx): XObject {
  const supplier = ctx.inv.supplier;
  return {
    NIF: supplier?.tax_id?.code ?? '',
    ApellidosNombreRazonSocial: text(ctx.faults, supplier?.name, `${ctx.base}.supplier.name`, 'supplier name', 120, true) ?? '',
  };
}

/**
 * The customer as IDDestinatario: a Spanish tax ID gives `NIF`; anything else `IDOtro`. A customer
 * with neither (a consumer known only by name) is left out, as for a B2C ticket.
 */
function destinatario(ctx: Ctx, party: Party): XObject | undefined {
  const path = `${ctx.base}.customer`;
  const tid = party.tax_id;
  const nif = tid && tid.country?.toUpperCase() === 'ES' && tid.code ? tid.code : undefined;
  const otro = nif ? undefined : idOtro(ctx, party);
  if (!nif && !otro) return undefined;
  const addr = party.addresses?.[0];
  const withAddress = addr && addr.code ? addr : undefined;
  return {
    NIF: nif,
    IDOtro: otro,
    ApellidosNombreRazonSocial: text(ctx.faults, party.name, `${path}.name`, 'customer name', 120, true) ?? '',
    CodigoPostal: withAddress ? text(ctx.faults, withAddress.code, `${path}.addresses[0].code`, 'customer postal code', 20) : undefined,
    Direccion: withAddress ? text(ctx.faults, formatAddress(withAddress), `${path}.addresses[0]`, 'customer address', 250) : undefined,
  };
}

/** IDOtro IDType of GOBL's ES identity keys (02 NIF-IVA and 04 foreign tax IDs come from tax_id). */
const IDENTITY_TYPE_BY_KEY: Readonly<Record<string, string>> = { passport: '03', foreign: '04', resident: '05', other: '06' };

/**
 * Foreign tax IDs: EU members as NIF-IVA (02, the ID carries the VAT prefix), others as a foreign
 * document (04, Batuz rejects non-EU IDs as 02 with B4_2000013). Without a tax code, the identity
 * carrying `es-tbai-identity-type`, or else the first identity with a known key (passport 03…).
 */
function idOtro(ctx: Ctx, party: Party): XObject | undefined {
  const path = `${ctx.base}.customer`;
  const tid = party.tax_id;
  if (tid && tid.code) {
    const country = (tid.country ?? '').toUpperCase();
    const eu = country !== '' && isEuMember(country);
    const id = eu && !tid.code.toUpperCase().startsWith(country) ? country + tid.code : tid.code;
    return {
      CodigoPais: country ? isoCountry(country) : undefined,
      IDType: eu ? '02' : '04',
      ID: text(ctx.faults, id, `${path}.tax_id.code`, 'customer tax ID', 20) ?? '',
    };
  }
  const ids = party.identities ?? [];
  let index = ids.findIndex((i) => !!i?.ext?.[EXT_IDENTITY_TYPE]);
  if (index < 0) index = ids.findIndex((i) => !!i && !!IDENTITY_TYPE_BY_KEY[i.key ?? '']);
  const ident: Identity | undefined = index >= 0 ? ids[index] : undefined;
  if (!ident || !ident.code) return undefined;
  const country = ident.country || tid?.country;
  return {
    CodigoPais: country ? isoCountry(country) : undefined,
    IDType: ident.ext?.[EXT_IDENTITY_TYPE] || IDENTITY_TYPE_BY_KEY[ident.key ?? ''],
    ID: text(ctx.faults, ident.code, `${path}.identities[${index}].code`, 'customer identity code', 20) ?? '',
  };
}

/**
 * `"{street}, {num}[, block][, floor][ door][\n street_extra]"` or `"PO Box / Apdo {po_box}"`, as
 * gobl.ticketbai writes it (including its `", "` when street or number are missing).
 */
export function formatAddress(a: Address): string {
  if (a.po_box) return `PO Box / Apdo ${a.po_box}`;
  let s = `${a.street ?? ''}, ${a.num ?? ''}`;
  if (a.block) s += `, ${a.block}`;
  if (a.floor) s += `, ${a.floor}`;
  if (a.door) s += ` ${a.door}`;
  if (a.street_extra) s += `\n${a.street_extra}`;
  return s;
}

/** The customer's country: its tax ID's, else the first identity's (empty when unknown). */
export function partyCountry(party: Party | null | undefined): string {
  if (!party) return '';
  if (party.tax_id?.country) return party.tax_id.country.toUpperCase();
  for (const id of party.identities ?? []) if (id?.country) return id.country.toUpperCase();
  return '';
}
