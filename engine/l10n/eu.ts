/**
 * European Union membership, used for intra-community rules (e.g. TicketBAI's `IE` exemption
 * code for foreign EU VAT). EU-27 as of 2026: the last accession was Croatia (2013-07-01) and
 * the last exit the United Kingdom (2020-01-31); Northern Ireland's `XI` VAT prefix is not a
 * member state. Source: https://european-union.europa.eu/principles-countries-history/eu-countries_en
 */

// Greece appears twice: ISO 3166 says `GR`, but EU VAT numbers (and GOBL tax IDs) use `EL`.
const EU_MEMBERS: ReadonlySet<string> = new Set(
  'AT BE BG CY CZ DE DK EE EL ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '),
);

/** Whether the country (ISO 3166-1 alpha-2, or `EL` for Greece) is an EU member state. */
export function isEuMember(countryCode: string): boolean {
  return EU_MEMBERS.has(countryCode.toUpperCase());
}
