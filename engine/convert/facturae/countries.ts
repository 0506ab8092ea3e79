/**
 * ISO 3166-1 alpha-2 → alpha-3 for exactly the countries FacturaE 3.2.2's `CountryType` lists
 * (235 codes, frozen in 2009: it still has AN/ANT and ZR/ZAR, and lacks e.g. South Sudan).
 * `EL` (Greece in EU VAT numbers) is accepted as an alias of `GR`.
 */
const PAIRS =
  'AF AFG AL ALB DZ DZA AS ASM AD AND AO AGO AI AIA AG ATG AR ARG AM ARM AW ABW AU AUS AT AUT AZ AZE ' +
  'BS BHS BH BHR BD BGD BB BRB BY BLR BE BEL BZ BLZ BJ BEN BM BMU BT BTN BO BOL BA BIH BW BWA BR BRA ' +
  'BN BRN BG BGR BF BFA BI BDI KH KHM CM CMR CA CAN CV CPV KY CYM CF CAF TD TCD CL CHL CN CHN CD COD ' +
  'CO COL KM COM CG COG CK COK CR CRI CI CIV HR HRV CU CUB CY CYP CZ CZE DK DNK DJ DJI DM DMA DO DOM ' +
  'EC ECU EG EGY SV SLV GQ GNQ ER ERI EE EST ET ETH FK FLK FO FRO FJ FJI FI FIN FR FRA GF GUF PF PYF ' +
  'GA GAB GM GMB GE GEO GG GGY DE DEU GH GHA GI GIB GR GRC GL GRL GD GRD GP GLP GU GUM GT GTM GN GIN ' +
  'GW GNB GY GUY HT HTI HN HND HK HKG HU HUN IS ISL IN IND ID IDN IM IMN IR IRN IQ IRQ IE IRL IL ISR ' +
  'IT ITA JM JAM JE JEY JP JPN JO JOR KZ KAZ KE KEN KI KIR KP PRK KR KOR KW KWT KG KGZ LA LAO LV LVA ' +
  'LB LBN LS LSO LR LBR LY LBY LI LIE LT LTU LU LUX MO MAC MK MKD MG MDG MW MWI MY MYS MV MDV ML MLI ' +
  'MT MLT MH MHL MQ MTQ MR MRT MU MUS YT MYT MX MEX FM FSM MD MDA MC MCO ME MNE MN MNG MS MSR MA MAR ' +
  'MZ MOZ MM MMR NA NAM NR NRU NP NPL NL NLD AN ANT NC NCL NZ NZL NI NIC NE NER NG NGA NU NIU NF NFK ' +
  'MP MNP NO NOR OM OMN PK PAK PW PLW PA PAN PG PNG PY PRY PS PSE PE PER PH PHL PN PCN PL POL PT PRT ' +
  'PR PRI QA QAT RE REU RO ROU RU RUS RW RWA KN KNA LC LCA VC VCT WS WSM SM SMR ST STP SA SAU SN SEN ' +
  'RS SRB SC SYC SL SLE SG SGP SK SVK SI SVN SB SLB SO SOM ZA ZAF ES ESP LK LKA SH SHN PM SPM SD SDN ' +
  'SR SUR SJ SJM SZ SWZ SE SWE CH CHE SY SYR TW TWN TJ TJK TZ TZA TH THA TG TGO TK TKL TO TON TT TTO ' +
  'TN TUN TR TUR TM TKM TL TLS TC TCA TV TUV UG UGA UA UKR AE ARE GB GBR US USA UY URY UZ UZB VU VUT ' +
  'VA VAT VE VEN VN VNM VG VGB VI VIR WF WLF EH ESH YE YEM ZR ZAR ZM ZMB ZW ZWE';

const TO_ALPHA3 = new Map<string, string>();
const TO_ALPHA2 = new Map<string, string>();
{
  const parts = PAIRS.split(' ');
  for (let i = 0; i < parts.length; i += 2) {
    TO_ALPHA3.set(parts[i], parts[i + 1]);
    TO_ALPHA2.set(parts[i + 1], parts[i]);
  }
  TO_ALPHA3.set('EL', 'GRC');
}

/** FacturaE country code for a GOBL (alpha-2) country, or undefined when FacturaE lacks it. */
export function alpha3(country: string | null | undefined): string | undefined {
  return country ? TO_ALPHA3.get(country.toUpperCase()) : undefined;
}

/** GOBL (alpha-2) country for a FacturaE code. */
export function alpha2(code: string | null | undefined): string | undefined {
  return code ? TO_ALPHA2.get(code.toUpperCase()) : undefined;
}

/** Every alpha-3 code known here (for tests against the XSD enumeration). */
export function allAlpha3(): string[] {
  return [...TO_ALPHA2.keys()];
}
