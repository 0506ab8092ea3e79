/**
 * Currency codes the engine accepts and their number of decimals ("subunits"), which drive
 * all rounding (GOBL `currency/def.go`, data in `data/currency/*.json`). Stored as compact
 * "CODE+digits" strings parsed once, because a JSON table of ~180 objects would be several
 * kilobytes in the browser bundle for two numbers per entry.
 *
 * The base list is ISO 4217 (list one, active codes with minor units). GOBL's table (which
 * comes from Ruby's money gem) is the one whose totals we must reproduce, so where it differs
 * from ISO we follow GOBL and say so below; the test compares every entry with GOBL's files.
 */

/**
 * ISO 4217 minor units. Left out on purpose because GOBL v0.502.1 does not know them (an
 * invoice using one would be rejected by GOBL, so accepting it would diverge): the fund codes
 * BOV CHE CHW COU MXV USN UYI UYW, and the recent VED (2021), ZWG (2024), XCG (2025).
 */
const ISO =
  'AED2 AFN2 ALL2 AMD2 ANG2 AOA2 ARS2 AUD2 AWG2 AZN2 BAM2 BBD2 BDT2 BGN2 BHD3 BIF0 BMD2 BND2 ' +
  'BOB2 BRL2 BSD2 BTN2 BWP2 BYN2 BZD2 CAD2 CDF2 CHF2 CLF4 CLP0 CNY2 COP2 CRC2 CUC2 CUP2 CVE2 CZK2 ' +
  'DJF0 DKK2 DOP2 DZD2 EGP2 ERN2 ETB2 EUR2 FJD2 FKP2 GBP2 GEL2 GHS2 GIP2 GMD2 GNF0 GTQ2 GYD2 ' +
  'HKD2 HNL2 HTG2 HUF2 IDR2 ILS2 INR2 IQD3 IRR2 ISK0 JMD2 JOD3 JPY0 KES2 KGS2 KHR2 KMF0 KPW2 ' +
  'KRW0 KWD3 KYD2 KZT2 LAK2 LBP2 LKR2 LRD2 LSL2 LYD3 MAD2 MDL2 MGA2 MKD2 MMK2 MNT2 MOP2 MRU2 ' +
  'MUR2 MVR2 MWK2 MXN2 MYR2 MZN2 NAD2 NGN2 NIO2 NOK2 NPR2 NZD2 OMR3 PAB2 PEN2 PGK2 PHP2 PKR2 ' +
  'PLN2 PYG0 QAR2 RON2 RSD2 RUB2 RWF0 SAR2 SBD2 SCR2 SDG2 SEK2 SGD2 SHP2 SLE2 SLL2 SOS2 SRD2 ' +
  'SSP2 STN2 SVC2 SYP2 SZL2 THB2 TJS2 TMT2 TND3 TOP2 TRY2 TTD2 TWD2 TZS2 UAH2 UGX0 USD2 UYU2 ' +
  'UZS2 VES2 VND0 VUV0 WST2 XAF0 XCD2 XOF0 XPF0 YER2 ZAR2 ZMW2';

/**
 * Where GOBL's data disagrees with ISO and wins: HUF has no decimals in GOBL (the smallest
 * coin is 5 forint, so fillér are never used), and MGA/MRU get 5 because one ariary/ouguiya
 * divides into five subunits and GOBL's table records that ratio in its decimals field.
 */
const GOBL_DEVIATIONS = 'HUF0 MGA5 MRU5';

/**
 * Codes GOBL still accepts although ISO has withdrawn them (BYR, SKK, STD, ZMK) or gives no
 * minor unit (precious metals, SDR, bond units, test code): GOBL uses 0 decimals for those.
 */
const GOBL_LEGACY = 'BYR0 SKK2 STD2 ZMK2 XAG0 XAU0 XBA0 XBB0 XBC0 XBD0 XDR0 XPD0 XPT0 XTS0';

/** GOBL's non-ISO currencies: crypto, offshore yuan, pence sterling, Crown Dependency pounds. */
const GOBL_NON_ISO = 'BCH8 BTC8 CNH2 GBX1 GGP2 IMP2 JEP2 USDC2 XFU2';

let table: Map<string, number> | undefined;

function load(): Map<string, number> {
  if (table) return table;
  const t = new Map<string, number>();
  // Later lists override earlier ones, so deviations replace the ISO values.
  for (const list of [ISO, GOBL_LEGACY, GOBL_NON_ISO, GOBL_DEVIATIONS]) {
    for (const entry of list.split(' ')) {
      const m = /^([A-Z]+)(\d)$/.exec(entry);
      if (m) t.set(m[1], Number(m[2]));
    }
  }
  table = t;
  return t;
}

/** Decimals used when rounding amounts in this currency, or undefined for unknown codes. */
export function currencySubunits(code: string): number | undefined {
  return load().get(code);
}

/** Whether GOBL knows this currency code (case-sensitive, as codes are always uppercase). */
export function isKnownCurrency(code: string): boolean {
  return load().has(code);
}

/** Every known code, sorted; for UIs and tests. */
export function knownCurrencyCodes(): string[] {
  return [...load().keys()].sort();
}
