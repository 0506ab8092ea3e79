/** Table-driven tests of the SII normalizers (spec gobl-core §4.3), called directly. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Invoice, Line } from '../../model/bill.ts';
import type { Combo } from '../../model/tax.ts';
import { normalizeSiiCombo, normalizeSiiInvoice, normalizeSiiLine } from './normalize.ts';

describe('normalizeSiiCombo', () => {
  const cases: { name: string; in: Combo; out: Combo }[] = [
    {
      name: 'foreign country: outside scope by location, exemption dropped, key untouched',
      in: { cat: 'VAT', country: 'US', key: 'standard', ext: { 'es-sii-exempt': 'E1', 'es-sii-regime': '02' } },
      out: { cat: 'VAT', country: 'US', key: 'standard', ext: { 'es-sii-outside-scope': 'location', 'es-sii-regime': '01' } },
    },
    {
      name: 'foreign country keeps the OSS regime 17',
      in: { cat: 'VAT', country: 'FR', ext: { 'es-sii-regime': '17' } },
      out: { cat: 'VAT', country: 'FR', ext: { 'es-sii-outside-scope': 'location', 'es-sii-regime': '17' } },
    },
    {
      name: 'country ES is domestic',
      in: { cat: 'VAT', country: 'ES', rate: 'general' },
      out: { cat: 'VAT', country: 'ES', key: 'standard', rate: 'general', ext: { 'es-sii-regime': '01' } },
    },
    { name: 'no key, no ext: standard, regime 01', in: { cat: 'VAT', rate: 'general' }, out: { cat: 'VAT', key: 'standard', rate: 'general', ext: { 'es-sii-regime': '01' } } },
    {
      name: 'key from exemption E6',
      in: { cat: 'VAT', ext: { 'es-sii-exempt': 'E6' } },
      out: { cat: 'VAT', key: 'exempt', ext: { 'es-sii-exempt': 'E6', 'es-sii-regime': '01' } },
    },
    {
      name: 'key from exemption E3: export with regime 02',
      in: { cat: 'VAT', ext: { 'es-sii-exempt': 'E3' } },
      out: { cat: 'VAT', key: 'export', ext: { 'es-sii-exempt': 'E3', 'es-sii-regime': '02' } },
    },
    {
      name: 'key from exemption E5',
      in: { cat: 'VAT', ext: { 'es-sii-exempt': 'E5' } },
      out: { cat: 'VAT', key: 'intra-community', ext: { 'es-sii-exempt': 'E5', 'es-sii-regime': '01' } },
    },
    {
      name: 'outside-scope code wins over an exemption when inferring the key',
      in: { cat: 'VAT', ext: { 'es-sii-exempt': 'E1', 'es-sii-outside-scope': 'other' } },
      out: { cat: 'VAT', key: 'outside-scope', ext: { 'es-sii-outside-scope': 'other', 'es-sii-regime': '01' } },
    },
    {
      name: 'standard drops an exemption',
      in: { cat: 'VAT', key: 'standard', ext: { 'es-sii-exempt': 'E1' } },
      out: { cat: 'VAT', key: 'standard', ext: { 'es-sii-regime': '01' } },
    },
    {
      name: 'reverse-charge drops an exemption',
      in: { cat: 'VAT', key: 'reverse-charge', ext: { 'es-sii-exempt': 'E2' } },
      out: { cat: 'VAT', key: 'reverse-charge', ext: { 'es-sii-regime': '01' } },
    },
    {
      name: 'outside-scope defaults to location',
      in: { cat: 'VAT', key: 'outside-scope', ext: { 'es-sii-outside-scope': 'nope', 'es-sii-exempt': 'E1' } },
      out: { cat: 'VAT', key: 'outside-scope', ext: { 'es-sii-outside-scope': 'location', 'es-sii-regime': '01' } },
    },
    {
      name: 'exempt replaces a non-exempt code by E1 and drops outside scope',
      in: { cat: 'VAT', key: 'exempt', ext: { 'es-sii-exempt': 'E2', 'es-sii-outside-scope': 'other' } },
      out: { cat: 'VAT', key: 'exempt', ext: { 'es-sii-exempt': 'E1', 'es-sii-regime': '01' } },
    },
    { name: 'export defaults to E2 and regime 02', in: { cat: 'VAT', key: 'export' }, out: { cat: 'VAT', key: 'export', ext: { 'es-sii-exempt': 'E2', 'es-sii-regime': '02' } } },
    {
      name: 'export keeps a chosen regime and E4',
      in: { cat: 'VAT', key: 'export', ext: { 'es-sii-regime': '03', 'es-sii-exempt': 'E4' } },
      out: { cat: 'VAT', key: 'export', ext: { 'es-sii-exempt': 'E4', 'es-sii-regime': '03' } },
    },
    {
      name: 'intra-community forces E5',
      in: { cat: 'VAT', key: 'intra-community', ext: { 'es-sii-exempt': 'E1' } },
      out: { cat: 'VAT', key: 'intra-community', ext: { 'es-sii-exempt': 'E5', 'es-sii-regime': '01' } },
    },
    { name: 'IGIC is handled like VAT', in: { cat: 'IGIC', rate: 'general' }, out: { cat: 'IGIC', key: 'standard', rate: 'general', ext: { 'es-sii-regime': '01' } } },
    { name: 'IRPF is left alone', in: { cat: 'IRPF', rate: 'pro' }, out: { cat: 'IRPF', rate: 'pro' } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const combo = structuredClone(c.in);
      normalizeSiiCombo(combo);
      expect(combo).toEqual(c.out);
    });
  }
});

describe('normalizeSiiCombo properties', () => {
  const combo = fc.record(
    {
      cat: fc.constantFrom('VAT', 'IGIC'),
      country: fc.constantFrom('ES', 'FR', 'US'),
      key: fc.constantFrom('standard', 'zero', 'reverse-charge', 'outside-scope', 'exempt', 'export', 'intra-community'),
      surcharge: fc.constant('5.2%'),
      ext: fc.record(
        {
          'es-sii-exempt': fc.constantFrom('E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'X'),
          'es-sii-outside-scope': fc.constantFrom('other', 'location', 'X'),
          'es-sii-regime': fc.constantFrom('01', '02', '17'),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ['cat'] },
  ) as fc.Arbitrary<Combo>;

  it('is idempotent, so rebuilding a document changes nothing', () => {
    fc.assert(
      fc.property(combo, (c) => {
        const once = structuredClone(c);
        normalizeSiiCombo(once);
        const twice = structuredClone(once);
        normalizeSiiCombo(twice);
        expect(twice).toEqual(once);
      }),
    );
  });

  it('never leaves an exemption next to an outside-scope code (rule TAX-COMBO-03)', () => {
    fc.assert(
      fc.property(combo, (c) => {
        normalizeSiiCombo(c);
        expect(c.ext?.['es-sii-exempt'] !== undefined && c.ext?.['es-sii-outside-scope'] !== undefined).toBe(false);
        expect(c.ext?.['es-sii-regime']).toBeDefined();
      }),
    );
  });
});

describe('normalizeSiiLine', () => {
  const line = (key: string | undefined, taxes: Combo[]): Line => ({ item: { name: 'x', key }, taxes }) as Line;
  const cases: { name: string; in: Line; taxes: Combo[] }[] = [
    { name: 'goods', in: line('goods', [{ cat: 'VAT' }]), taxes: [{ cat: 'VAT', ext: { 'es-sii-product': 'goods' } }] },
    {
      name: 'services overrides a previous value, only on the first VAT combo',
      in: line('services', [{ cat: 'VAT', ext: { 'es-sii-product': 'goods' } }, { cat: 'VAT' }]),
      taxes: [{ cat: 'VAT', ext: { 'es-sii-product': 'services' } }, { cat: 'VAT' }],
    },
    { name: 'no item key: nothing (no default)', in: line(undefined, [{ cat: 'VAT' }]), taxes: [{ cat: 'VAT' }] },
    { name: 'other item keys: nothing', in: line('rental', [{ cat: 'VAT' }]), taxes: [{ cat: 'VAT' }] },
    { name: 'no VAT combo: nothing', in: line('goods', [{ cat: 'IGIC' }]), taxes: [{ cat: 'IGIC' }] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const l = structuredClone(c.in);
      normalizeSiiLine(l);
      expect(l.taxes).toEqual(c.taxes);
    });
  }
});

describe('normalizeSiiInvoice', () => {
  // Partial documents, as the normalizer sees them: typed loosely on purpose.
  const inv = (extra: Record<string, unknown>): Invoice => ({ type: 'standard', ...extra }) as unknown as Invoice;
  const cases: { name: string; in: Invoice; tax: unknown }[] = [
    { name: 'standard: nothing to add, no tax object created', in: inv({}), tax: undefined },
    { name: 'credit note: I and R1', in: inv({ type: 'credit-note' }), tax: { ext: { 'es-sii-correction-type': 'I', 'es-sii-doc-type': 'R1' } } },
    { name: 'debit note: I and R1', in: inv({ type: 'debit-note' }), tax: { ext: { 'es-sii-correction-type': 'I', 'es-sii-doc-type': 'R1' } } },
    {
      name: 'corrective: S is forced, a chosen R3 is kept',
      in: inv({ type: 'corrective', tax: { ext: { 'es-sii-correction-type': 'I', 'es-sii-doc-type': 'R3' } } }),
      tax: { ext: { 'es-sii-correction-type': 'S', 'es-sii-doc-type': 'R3' } },
    },
    {
      name: 'credit note with an F doc type gets R1',
      in: inv({ type: 'credit-note', tax: { ext: { 'es-sii-doc-type': 'F1' } } }),
      tax: { ext: { 'es-sii-correction-type': 'I', 'es-sii-doc-type': 'R1' } },
    },
    {
      name: 'doc type on the preceding reference moves to tax.ext',
      in: inv({ type: 'credit-note', preceding: [{ code: '1', ext: { 'es-sii-doc-type': 'R4' } }] }),
      tax: { ext: { 'es-sii-correction-type': 'I', 'es-sii-doc-type': 'R4' } },
    },
    { name: 'self-billed: issued by a third party or the recipient', in: inv({ $tags: ['self-billed'] }), tax: { ext: { 'es-sii-third-party-issuer': 'S' } } },
    { name: 'ordering issuer: same flag', in: inv({ ordering: { issuer: { name: 'Agent' } } }), tax: { ext: { 'es-sii-third-party-issuer': 'S' } } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const doc = structuredClone(c.in);
      normalizeSiiInvoice(doc);
      expect(doc.tax).toEqual(c.tax);
    });
  }

  it('removes the moved doc type from the reference', () => {
    const doc = inv({ type: 'corrective', preceding: [{ code: '1', ext: { 'es-sii-doc-type': 'R2', other: 'x' } }] });
    normalizeSiiInvoice(doc);
    expect(doc.preceding?.[0]?.ext).toEqual({ other: 'x' });
  });

  const customers: { name: string; customer: unknown; ext: unknown }[] = [
    { name: 'passport', customer: { identities: [{ key: 'passport', code: 'X1' }] }, ext: { 'es-sii-identity-type': '03' } },
    { name: 'foreign ID with a foreign tax ID', customer: { tax_id: { country: 'GB' }, identities: [{ key: 'foreign', code: 'X1' }] }, ext: { 'es-sii-identity-type': '04' } },
    { name: 'resident', customer: { identities: [{ key: 'resident', code: 'X1' }] }, ext: { 'es-sii-identity-type': '05' } },
    { name: 'other', customer: { identities: [{ key: 'other', code: 'X1' }] }, ext: { 'es-sii-identity-type': '06' } },
    { name: 'ES tax ID without code still maps', customer: { tax_id: { country: 'ES' }, identities: [{ key: 'passport' }] }, ext: { 'es-sii-identity-type': '03' } },
    { name: 'a Spanish NIF needs no identity type', customer: { tax_id: { country: 'ES', code: '54387763P' }, identities: [{ key: 'passport' }] }, ext: undefined },
    { name: 'unknown keys are left alone', customer: { identities: [{ key: 'membership' }] }, ext: undefined },
  ];
  for (const c of customers) {
    it(`customer identity type: ${c.name}`, () => {
      const doc = inv({ customer: structuredClone(c.customer) });
      normalizeSiiInvoice(doc);
      expect(doc.customer?.identities?.[0]?.ext).toEqual(c.ext);
    });
  }

  it('only the first identity is typed', () => {
    const doc = inv({ customer: { identities: [{ key: 'membership' }, { key: 'passport' }] } });
    normalizeSiiInvoice(doc);
    expect(doc.customer?.identities?.[1]?.ext).toBeUndefined();
  });
});
