import { describe, expect, it } from 'vitest';
import type { Invoice, Line } from '../../model/bill.ts';
import type { Combo } from '../../model/tax.ts';
import { normalizeInvoice, normalizeLine, normalizeTaxCombo, regionCodeFor } from './normalize.ts';

type ComboCase = readonly [name: string, input: Combo, expected: Combo];

/** Combos as they reach the addon, i.e. after the intrinsic migration (spec §5). */
const comboCases: readonly ComboCase[] = [
  ['standard: no exemption, general regime', { cat: 'VAT', key: 'standard', rate: 'general' }, { cat: 'VAT', key: 'standard', rate: 'general', ext: { 'es-tbai-regime': '01' } }],
  ['no key defaults to standard', { cat: 'VAT', rate: 'general' }, { cat: 'VAT', key: 'standard', rate: 'general', ext: { 'es-tbai-regime': '01' } }],
  ['combo country ES is not foreign', { cat: 'VAT', country: 'ES', rate: 'super-reduced' }, { cat: 'VAT', country: 'ES', key: 'standard', rate: 'super-reduced', ext: { 'es-tbai-regime': '01' } }],
  ['zero drops a stale exemption', { cat: 'VAT', key: 'zero', percent: '0%', ext: { 'es-tbai-exemption': 'E1' } }, { cat: 'VAT', key: 'zero', percent: '0%', ext: { 'es-tbai-regime': '01' } }],
  ['exempt defaults to E1', { cat: 'VAT', key: 'exempt' }, { cat: 'VAT', key: 'exempt', ext: { 'es-tbai-exemption': 'E1', 'es-tbai-regime': '01' } }],
  ['exempt keeps E6', { cat: 'VAT', key: 'exempt', ext: { 'es-tbai-exemption': 'E6' } }, { cat: 'VAT', key: 'exempt', ext: { 'es-tbai-exemption': 'E6', 'es-tbai-regime': '01' } }],
  ['exempt replaces an export code', { cat: 'VAT', key: 'exempt', ext: { 'es-tbai-exemption': 'E2' } }, { cat: 'VAT', key: 'exempt', ext: { 'es-tbai-exemption': 'E1', 'es-tbai-regime': '01' } }],
  ['export: E2 and regime 02', { cat: 'VAT', key: 'export' }, { cat: 'VAT', key: 'export', ext: { 'es-tbai-exemption': 'E2', 'es-tbai-regime': '02' } }],
  ['export keeps E4', { cat: 'VAT', key: 'export', ext: { 'es-tbai-exemption': 'E4' } }, { cat: 'VAT', key: 'export', ext: { 'es-tbai-exemption': 'E4', 'es-tbai-regime': '02' } }],
  ['export keeps an explicit regime', { cat: 'VAT', key: 'export', ext: { 'es-tbai-regime': '05' } }, { cat: 'VAT', key: 'export', ext: { 'es-tbai-exemption': 'E2', 'es-tbai-regime': '05' } }],
  ['intra-community is always E5', { cat: 'VAT', key: 'intra-community', ext: { 'es-tbai-exemption': 'E1' } }, { cat: 'VAT', key: 'intra-community', ext: { 'es-tbai-exemption': 'E5', 'es-tbai-regime': '01' } }],
  ['reverse charge is S2', { cat: 'VAT', key: 'reverse-charge' }, { cat: 'VAT', key: 'reverse-charge', ext: { 'es-tbai-exemption': 'S2', 'es-tbai-regime': '01' } }],
  ['outside scope defaults to RL', { cat: 'VAT', key: 'outside-scope' }, { cat: 'VAT', key: 'outside-scope', ext: { 'es-tbai-exemption': 'RL', 'es-tbai-regime': '01' } }],
  ['outside scope keeps OT', { cat: 'VAT', key: 'outside-scope', ext: { 'es-tbai-exemption': 'OT' } }, { cat: 'VAT', key: 'outside-scope', ext: { 'es-tbai-exemption': 'OT', 'es-tbai-regime': '01' } }],
  // Legacy documents: the key is inferred from the exemption code alone.
  ['legacy E6 -> exempt', { cat: 'VAT', ext: { 'es-tbai-exemption': 'E6' } }, { cat: 'VAT', key: 'exempt', ext: { 'es-tbai-exemption': 'E6', 'es-tbai-regime': '01' } }],
  ['legacy E3 -> export', { cat: 'VAT', ext: { 'es-tbai-exemption': 'E3' } }, { cat: 'VAT', key: 'export', ext: { 'es-tbai-exemption': 'E3', 'es-tbai-regime': '02' } }],
  ['legacy E5 -> intra-community', { cat: 'VAT', ext: { 'es-tbai-exemption': 'E5' } }, { cat: 'VAT', key: 'intra-community', ext: { 'es-tbai-exemption': 'E5', 'es-tbai-regime': '01' } }],
  ['legacy S2 -> reverse-charge', { cat: 'VAT', ext: { 'es-tbai-exemption': 'S2' } }, { cat: 'VAT', key: 'reverse-charge', ext: { 'es-tbai-exemption': 'S2', 'es-tbai-regime': '01' } }],
  ['legacy VT -> outside-scope', { cat: 'VAT', ext: { 'es-tbai-exemption': 'VT' } }, { cat: 'VAT', key: 'outside-scope', ext: { 'es-tbai-exemption': 'VT', 'es-tbai-regime': '01' } }],
  ['legacy unknown S1 -> standard', { cat: 'VAT', ext: { 'es-tbai-exemption': 'S1' } }, { cat: 'VAT', key: 'standard', ext: { 'es-tbai-regime': '01' } }],
  // Equivalence surcharge: by rate key (before calculation fills the surcharge) or explicit surcharge.
  ['eqs rate -> regime 51', { cat: 'VAT', rate: 'general+eqs' }, { cat: 'VAT', key: 'standard', rate: 'general+eqs', ext: { 'es-tbai-regime': '51' } }],
  ['explicit surcharge -> regime 51', { cat: 'VAT', percent: '21%', surcharge: '5.2%' }, { cat: 'VAT', key: 'standard', percent: '21%', surcharge: '5.2%', ext: { 'es-tbai-regime': '51' } }],
  ['simplified regime 52 is kept', { cat: 'VAT', rate: 'general', ext: { 'es-tbai-regime': '52' } }, { cat: 'VAT', key: 'standard', rate: 'general', ext: { 'es-tbai-regime': '52' } }],
  // Foreign VAT passed on: IE inside the EU, RL elsewhere; the key is left to calculation.
  ['foreign EU VAT -> IE', { cat: 'VAT', country: 'FR', percent: '20%' }, { cat: 'VAT', country: 'FR', percent: '20%', ext: { 'es-tbai-exemption': 'IE', 'es-tbai-regime': '01' } }],
  ['Greek EL is EU', { cat: 'VAT', country: 'EL', percent: '24%' }, { cat: 'VAT', country: 'EL', percent: '24%', ext: { 'es-tbai-exemption': 'IE', 'es-tbai-regime': '01' } }],
  ['foreign non-EU VAT -> RL', { cat: 'VAT', country: 'JP', percent: '10%' }, { cat: 'VAT', country: 'JP', percent: '10%', ext: { 'es-tbai-exemption': 'RL', 'es-tbai-regime': '01' } }],
  ['foreign overrides OT', { cat: 'VAT', country: 'FR', ext: { 'es-tbai-exemption': 'OT' } }, { cat: 'VAT', country: 'FR', ext: { 'es-tbai-exemption': 'IE', 'es-tbai-regime': '01' } }],
  ['foreign keeps explicit regime 17 (OSS)', { cat: 'VAT', country: 'DE', ext: { 'es-tbai-regime': '17' } }, { cat: 'VAT', country: 'DE', ext: { 'es-tbai-exemption': 'IE', 'es-tbai-regime': '17' } }],
  // IGIC (Canary Islands) is always IE with regime 08.
  ['IGIC -> IE + 08', { cat: 'IGIC', key: 'standard', rate: 'general' }, { cat: 'IGIC', key: 'standard', rate: 'general', ext: { 'es-tbai-exemption': 'IE', 'es-tbai-regime': '08' } }],
  ['IGIC exempt still IE', { cat: 'IGIC', key: 'exempt', ext: { 'es-tbai-exemption': 'E1' } }, { cat: 'IGIC', key: 'exempt', ext: { 'es-tbai-exemption': 'IE', 'es-tbai-regime': '08' } }],
  ['IRPF untouched', { cat: 'IRPF', rate: 'pro' }, { cat: 'IRPF', rate: 'pro' }],
];

describe('tbai combo normalizer', () => {
  it.each(comboCases)('%s', (_name, input, expected) => {
    const c = structuredClone(input);
    normalizeTaxCombo(c);
    expect(c).toEqual(expected);
    // Idempotent: a rebuild gives the same combo.
    normalizeTaxCombo(c);
    expect(c).toEqual(expected);
  });
});

type LineCase = readonly [name: string, itemKey: string | undefined, ext: Record<string, string> | undefined, expected: string | undefined];

const lineCases: readonly LineCase[] = [
  ['no item key -> services', undefined, undefined, 'services'],
  ['services key -> services', 'services', undefined, 'services'],
  ['services key overrides goods', 'services', { 'es-tbai-product': 'goods' }, 'services'],
  ['goods key -> goods', 'goods', undefined, 'goods'],
  ['goods keeps resale', 'goods', { 'es-tbai-product': 'resale' }, 'resale'],
  ['goods replaces services', 'goods', { 'es-tbai-product': 'services' }, 'goods'],
  ['other item keys leave it alone', 'digital', undefined, undefined],
];

describe('tbai line normalizer', () => {
  it.each(lineCases)('%s', (_name, key, ext, expected) => {
    const line = { item: { name: 'x', key }, taxes: [{ cat: 'IRPF', rate: 'pro' }, { cat: 'VAT', key: 'standard', ext }] } as Line;
    normalizeLine(line);
    expect(line.taxes?.[1]?.ext?.['es-tbai-product']).toBe(expected);
    expect(line.taxes?.[0]?.ext).toBeUndefined();
  });

  it('does nothing without a VAT combo or an item', () => {
    const noVat = { item: { name: 'x' }, taxes: [{ cat: 'IGIC', key: 'standard' }] } as Line;
    normalizeLine(noVat);
    expect(noVat.taxes?.[0]?.ext).toBeUndefined();
    const noItem = { taxes: [{ cat: 'VAT', key: 'standard' }] } as Line;
    normalizeLine(noItem);
    expect(noItem.taxes?.[0]?.ext).toBeUndefined();
  });
});

describe('tbai region from the supplier address', () => {
  it.each([
    ['Álava', 'VI'],
    ['alava', 'VI'],
    ['ARABA', 'VI'],
    ['vi', 'VI'],
    ['Bizkaia', 'BI'],
    ['Vizcaya', 'BI'],
    ['BI', 'BI'],
    ['Gipuzkoa', 'SS'],
    ['Guipuzcoa', 'SS'],
    ['GUIPÚZCOA', 'SS'],
    ['ss', 'SS'],
    ['Madrid', undefined],
    ['', undefined],
  ])('%s -> %s', (name, code) => {
    expect(regionCodeFor(name)).toBe(code);
  });
});

/** A partial invoice as JSON: the normalizer only reads supplier, customer, tax and tags. */
function invoice(extra: Record<string, unknown>): Invoice {
  return { supplier: { name: 'S', addresses: [{ region: 'Gipuzkoa' }] }, ...extra } as unknown as Invoice;
}

describe('tbai invoice normalizer', () => {
  it('creates tax.ext with the region', () => {
    const inv = invoice({});
    normalizeInvoice(inv);
    expect(inv.tax).toEqual({ ext: { 'es-tbai-region': 'SS' } });
  });

  it('keeps an explicit region', () => {
    const inv = invoice({ tax: { ext: { 'es-tbai-region': 'BI' } } });
    normalizeInvoice(inv);
    expect(inv.tax?.ext).toEqual({ 'es-tbai-region': 'BI' });
  });

  it('creates no tax object when the region is unknown', () => {
    const inv = invoice({ supplier: { name: 'S', addresses: [{ region: 'Madrid' }] } });
    normalizeInvoice(inv);
    expect(inv.tax).toBeUndefined();
  });

  it('flags simplified invoices', () => {
    const inv = invoice({ $tags: ['simplified'] });
    normalizeInvoice(inv);
    expect(inv.tax?.ext).toEqual({ 'es-tbai-region': 'SS', 'es-tbai-simplified': 'S' });
  });

  it.each([
    ['passport', '03'],
    ['foreign', '04'],
    ['resident', '05'],
    ['other', '06'],
    ['unknown', undefined],
  ])('customer identity %s -> %s', (key, code) => {
    const inv = invoice({ customer: { name: 'C', identities: [{ key, code: '1' }, { key: 'passport', code: '2' }] } });
    normalizeInvoice(inv);
    expect(inv.customer?.identities?.[0]?.ext?.['es-tbai-identity-type']).toBe(code);
    expect(inv.customer?.identities?.[1]?.ext).toBeUndefined();
  });

  it('leaves identities alone when the customer has a Spanish NIF', () => {
    const inv = invoice({ customer: { name: 'C', tax_id: { country: 'ES', code: '54387763P' }, identities: [{ key: 'passport', code: '1' }] } });
    normalizeInvoice(inv);
    expect(inv.customer?.identities?.[0]?.ext).toBeUndefined();
  });

  it('maps identities of customers with a foreign or code-less tax ID', () => {
    const inv = invoice({ customer: { name: 'C', tax_id: { country: 'ES' }, identities: [{ key: 'resident', code: '1' }] } });
    normalizeInvoice(inv);
    expect(inv.customer?.identities?.[0]?.ext).toEqual({ 'es-tbai-identity-type': '05' });
  });
});
