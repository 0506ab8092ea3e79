/**
 * Importer: Sujetos → GOBL supplier and customer. NIF → Spanish tax ID; IDOtro 02 (NIF-IVA) and
 * 04 with a country → foreign tax ID (the VAT prefix removed from the code); other IDOtro types →
 * an identity with `es-tbai-identity-type`. Direccion is split back into street and number.
 */
import { EXT_IDENTITY_TYPE } from './common.ts';
import { type Reader, child, children } from './import-xml.ts';

type Json = Record<string, unknown>;

const IDENTITY_KEY: Readonly<Record<string, string>> = { '03': 'passport', '04': 'foreign', '05': 'resident', '06': 'other' };

export interface ImportedParties {
  readonly supplier: Json;
  readonly customer?: Json;
  /** ISO country of the customer, when known. */
  readonly country?: string;
}

/** ISO → GOBL tax country (Greece's VAT prefix is EL). */
const taxCountry = (iso: string): string => (iso === 'GR' ? 'EL' : iso);

export function importParties(r: Reader, root: unknown): ImportedParties {
  const sujetos = child(root, 'Sujetos');
  const path = '/TicketBai/Sujetos';
  if (sujetos === undefined) r.required(root, 'Sujetos', '/TicketBai');
  const emisor = child(sujetos, 'Emisor');
  const supplier: Json = {
    name: r.required(emisor, 'ApellidosNombreRazonSocial', `${path}/Emisor`),
    tax_id: { country: 'ES', code: r.required(emisor, 'NIF', `${path}/Emisor`) },
  };
  const dests = children(child(sujetos, 'Destinatarios'), 'IDDestinatario');
  if (dests.length === 0) return { supplier };
  if (dests.length > 1) r.unsupported(`${path}/Destinatarios`, `a GOBL invoice has one customer, the document lists ${dests.length} recipients`);
  const d = dests[0];
  const dPath = `${path}/Destinatarios/IDDestinatario[1]`;
  const customer: Json = { name: r.required(d, 'ApellidosNombreRazonSocial', dPath) };
  let country: string | undefined;
  const nif = r.optional(d, 'NIF');
  const otro = child(d, 'IDOtro');
  if (nif) {
    customer.tax_id = { country: 'ES', code: nif };
    country = 'ES';
  } else if (otro !== undefined) {
    const oPath = `${dPath}/IDOtro`;
    const type = r.required(otro, 'IDType', oPath);
    const id = r.required(otro, 'ID', oPath);
    const iso = r.optional(otro, 'CodigoPais')?.toUpperCase() ?? (type === '02' && /^[A-Z]{2}/.test(id) ? (id.slice(0, 2) === 'EL' ? 'GR' : id.slice(0, 2)) : undefined);
    country = iso;
    if ((type === '02' || type === '04') && iso) {
      const prefix = taxCountry(iso);
      customer.tax_id = { country: prefix, code: type === '02' && id.toUpperCase().startsWith(prefix) ? id.slice(2) : id };
    } else if (IDENTITY_KEY[type]) {
      customer.identities = [{ ...(iso ? { country: iso } : {}), key: IDENTITY_KEY[type], code: id, ext: { [EXT_IDENTITY_TYPE]: type } }];
    } else {
      r.invalid(`${oPath}/IDType`, `unknown IDType ${JSON.stringify(type)}`);
    }
  } else {
    r.required(d, 'NIF', dPath);
  }
  const code = r.optional(d, 'CodigoPostal');
  const direccion = r.optional(d, 'Direccion');
  if (code || direccion) customer.addresses = [{ ...splitAddress(direccion ?? ''), ...(code ? { code } : {}), ...(country ? { country } : {}) }];
  return { supplier, customer, country };
}

/** Undoes `"{street}, {num}"` (gobl.ticketbai's format), keeping anything unusual as the street. */
function splitAddress(direccion: string): Json {
  const [first, ...extra] = direccion.split('\n');
  const m = /^(.*),\s*([^,]*)$/.exec(first);
  const out: Json = m ? { street: m[1], num: m[2] } : { street: first };
  for (const k of Object.keys(out)) if (out[k] === '') delete out[k];
  if (extra.length > 0) out.street_extra = extra.join('\n');
  return out;
}
