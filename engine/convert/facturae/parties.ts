/**
 * Parties: TaxIdentification, LegalEntity or Individual, Spanish or overseas addresses,
 * contact details, and the FACe administrative centres (DIR3 units) of a public buyer.
 */
import type { Invoice } from '../../model/bill.ts';
import type { Address, Party } from '../../model/org.ts';
import { isEuMember } from '../../l10n/eu.ts';
import { FAULT, type Ctx } from './context.ts';
import { alpha3 } from './countries.ts';
import { el, group, opt, type XNode } from './xml.ts';

/** Natural persons: NIF/DNI start with a digit, NIE with X/Y/Z, special NIFs with K/L/M. */
export function personTypeCode(code: string): 'F' | 'J' {
  return /^[0-9KLMXYZ]/i.test(code) ? 'F' : 'J';
}

/**
 * The Spanish NIF rule decides; a foreign tax ID only says "person" when the party also names
 * one (people[0] with given name and surname), since many foreign company numbers are digits.
 */
function partyPersonType(party: Party): 'F' | 'J' {
  const code = party.tax_id?.code ?? '';
  if (!code || personTypeCode(code) === 'J') return 'J';
  if ((party.tax_id?.country ?? 'ES').toUpperCase() === 'ES') return 'F';
  const n = party.people?.[0]?.name;
  return n?.given && n.surname ? 'F' : 'J';
}

/** R resident in Spain, U resident elsewhere in the EU, E resident outside the EU. */
export function residenceTypeCode(country: string): 'R' | 'U' | 'E' {
  const c = country.toUpperCase();
  if (c === 'ES') return 'R';
  return isEuMember(c) ? 'U' : 'E';
}

export function taxIdentification(ctx: Ctx, party: Party, path: string): XNode {
  const code = (party.tax_id?.code ?? '').replaceAll('-', '');
  const country = party.tax_id?.country ?? '';
  if (!code) ctx.fault(FAULT.missing, `${path}.tax_id.code`, 'FacturaE needs the tax ID code of every party');
  if (!country) ctx.fault(FAULT.missing, `${path}.tax_id.country`, 'FacturaE needs the tax ID country of every party');
  return group(
    'TaxIdentification',
    el('PersonTypeCode', partyPersonType(party)),
    el('ResidenceTypeCode', residenceTypeCode(country)),
    el('TaxIdentificationNumber', ctx.text(code, 30, `${path}.tax_id.code`, 3)),
  )!;
}

function addressLine(a: Address): string {
  if (a.po_box) return a.po_box;
  // Unlike the reference converter, no dangling ", " when there is no street number.
  return [a.street, a.num, a.block, a.floor, a.door].filter((p) => !!p).join(', ');
}

/** `AddressInSpain` for Spain, `OverseasAddress` elsewhere; the party's tax country fills a missing country. */
export function address(ctx: Ctx, a: Address, path: string, fallbackCountry?: string | null): XNode {
  const country = a.country || fallbackCountry || '';
  const code3 = alpha3(country);
  if (!country) ctx.fault(FAULT.missing, `${path}.country`, 'FacturaE needs the country of every address');
  else if (!code3) ctx.fault(FAULT.unsupported, `${path}.country`, `country ${JSON.stringify(country)} is not in FacturaE's country list`);
  const line = ctx.text(addressLine(a), 80, path);
  const province = ctx.text(a.region ?? '', 20, `${path}.region`);
  if (code3 === 'ESP') {
    const postCode = a.code ?? '';
    if (!/^[0-9]{5}$/.test(postCode)) ctx.fault(FAULT.unsupported, `${path}.code`, 'a Spanish address needs a 5-digit post code');
    return group(
      'AddressInSpain',
      el('Address', line),
      el('PostCode', postCode),
      el('Town', ctx.text(a.locality ?? '', 50, `${path}.locality`)),
      el('Province', province),
      el('CountryCode', 'ESP'),
    )!;
  }
  const town = [a.code, a.locality].filter((p) => !!p).join(' ');
  return group(
    'OverseasAddress',
    el('Address', line),
    el('PostCodeAndTown', ctx.text(town, 50, `${path}.locality`)),
    el('Province', province),
    el('CountryCode', code3 ?? ''),
  )!;
}

function partyAddress(ctx: Ctx, party: Party, path: string, fallback?: { party: Party; path: string }): XNode | undefined {
  const a = party.addresses?.[0];
  if (a) return address(ctx, a, `${path}.addresses[0]`, party.tax_id?.country);
  if (fallback) return partyAddress(ctx, fallback.party, fallback.path);
  ctx.fault(FAULT.missing, `${path}.addresses`, 'FacturaE needs an address for this party');
  return undefined;
}

function contactDetails(ctx: Ctx, party: Party, path: string): XNode | undefined {
  const n = party.people?.[0]?.name;
  const person = n ? [n.given, n.surname].filter((p) => !!p).join(' ') : '';
  return group(
    'ContactDetails',
    opt('Telephone', ctx.text(party.telephones?.[0]?.num, 15, `${path}.telephones[0].num`)),
    opt('ElectronicMail', ctx.text(party.emails?.[0]?.addr, 60, `${path}.emails[0].addr`)),
    opt('ContactPersons', ctx.text(person, 40, `${path}.people[0].name`)),
  );
}

function legalEntity(ctx: Ctx, party: Party, path: string): XNode {
  if (!party.name) ctx.fault(FAULT.missing, `${path}.name`, 'FacturaE needs the name of a legal entity');
  return group(
    'LegalEntity',
    el('CorporateName', ctx.text(party.name ?? '', 80, `${path}.name`)),
    partyAddress(ctx, party, path),
    contactDetails(ctx, party, path),
  )!;
}

function individual(ctx: Ctx, party: Party, path: string): XNode {
  const n = party.people?.[0]?.name;
  if (!n?.given || !n.surname) {
    ctx.fault(FAULT.missing, `${path}.people[0].name`, 'a natural person needs a given name and a surname (people[0].name) in FacturaE');
  }
  const np = `${path}.people[0].name`;
  return group(
    'Individual',
    el('Name', ctx.text(n?.given ?? '', 40, `${np}.given`)),
    el('FirstSurname', ctx.text(n?.surname ?? '', 40, `${np}.surname`)),
    opt('SecondSurname', ctx.text(n?.surname2, 40, `${np}.surname2`)),
    partyAddress(ctx, party, path),
    contactDetails(ctx, party, path),
  )!;
}

/** LegalEntity or Individual, chosen by the person type of the tax ID. */
export function entity(ctx: Ctx, party: Party, path: string): XNode {
  return partyPersonType(party) === 'F' ? individual(ctx, party, path) : legalEntity(ctx, party, path);
}

/** SellerParty/BuyerParty content (XSD BusinessType). */
export function business(ctx: Ctx, name: string, party: Party, path: string, centres?: XNode): XNode {
  return group(name, taxIdentification(ctx, party, path), centres, entity(ctx, party, path))!;
}

const ROLE_FISCAL = '01'; // Oficina contable
const ROLE_RECEIVER = '02'; // Órgano gestor
const ROLE_PAYER = '03'; // Unidad tramitadora

/**
 * FACe centres: customer identities with scope `tax` → 01, `delivery.receiver` → 02,
 * `ordering.buyer` → 03. A unit without its own address uses the customer's.
 */
export function administrativeCentres(ctx: Ctx, inv: Invoice): XNode | undefined {
  const customer = inv.customer!;
  const cPath = ctx.at('customer');
  const centres: (XNode | undefined)[] = [];
  const centre = (code: string | null | undefined, role: string, party: Party, path: string, idPath: string) => {
    if (!code) return;
    const fallback = party === customer ? undefined : { party: customer, path: cPath };
    centres.push(
      group(
        'AdministrativeCentre',
        el('CentreCode', ctx.text(code, 10, idPath)),
        el('RoleTypeCode', role),
        partyAddress(ctx, party, path, fallback),
      ),
    );
  };
  (customer.identities ?? []).forEach((id, i) => {
    if (id?.scope === 'tax') centre(id.code, ROLE_FISCAL, customer, cPath, `${cPath}.identities[${i}].code`);
  });
  const receiver = inv.delivery?.receiver;
  if (receiver) {
    const p = ctx.at('delivery.receiver');
    centre(receiver.identities?.[0]?.code, ROLE_RECEIVER, receiver, p, `${p}.identities[0].code`);
  }
  const buyer = inv.ordering?.buyer;
  if (buyer) {
    const p = ctx.at('ordering.buyer');
    centre(buyer.identities?.[0]?.code, ROLE_PAYER, buyer, p, `${p}.identities[0].code`);
  }
  return group('AdministrativeCentres', ...centres);
}
