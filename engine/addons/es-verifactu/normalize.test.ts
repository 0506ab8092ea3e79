/** Table-driven tests of the VERI*FACTU normalizers (spec gobl-core §4.4), called directly. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../model/bill.ts';
import type { Combo } from '../../model/tax.ts';
import { normalizeVerifactuCombo, normalizeVerifactuInvoice } from './normalize.ts';

const OP = 'es-verifactu-op-class';
const EX = 'es-verifactu-exempt';
const RG = 'es-verifactu-regime';

describe('normalizeVerifactuCombo', () => {
  const cases: { name: string; in: Combo; out: Combo }[] = [
    {
      name: 'foreign country: N2, exemption dropped, key untouched',
      in: { cat: 'VAT', country: 'US', key: 'standard', ext: { [EX]: 'E1', [RG]: '02' } },
      out: { cat: 'VAT', country: 'US', key: 'standard', ext: { [OP]: 'N2', [RG]: '01' } },
    },
    {
      name: 'foreign country keeps the OSS regime 17 and overrides N1',
      in: { cat: 'VAT', country: 'FR', ext: { [RG]: '17', [OP]: 'N1' } },
      out: { cat: 'VAT', country: 'FR', ext: { [OP]: 'N2', [RG]: '17' } },
    },
    { name: 'standard: S1 and regime 01', in: { cat: 'VAT', key: 'standard', rate: 'general' }, out: { cat: 'VAT', key: 'standard', rate: 'general', ext: { [OP]: 'S1', [RG]: '01' } } },
    { name: 'no key: standard', in: { cat: 'VAT', rate: 'general' }, out: { cat: 'VAT', key: 'standard', rate: 'general', ext: { [OP]: 'S1', [RG]: '01' } } },
    { name: 'zero: S1', in: { cat: 'VAT', key: 'zero', percent: '0%' }, out: { cat: 'VAT', key: 'zero', percent: '0%', ext: { [OP]: 'S1', [RG]: '01' } } },
    {
      name: 'an explicit surcharge gives regime 18',
      in: { cat: 'VAT', key: 'standard', rate: 'general+eqs', surcharge: '5.2%' },
      out: { cat: 'VAT', key: 'standard', rate: 'general+eqs', surcharge: '5.2%', ext: { [OP]: 'S1', [RG]: '18' } },
    },
    {
      name: 'the eqs rate alone does not (the calculator fills the surcharge later)',
      in: { cat: 'VAT', key: 'standard', rate: 'general+eqs' },
      out: { cat: 'VAT', key: 'standard', rate: 'general+eqs', ext: { [OP]: 'S1', [RG]: '01' } },
    },
    {
      name: 'a chosen regime is kept',
      in: { cat: 'VAT', key: 'standard', surcharge: '5.2%', ext: { [RG]: '03' } },
      out: { cat: 'VAT', key: 'standard', surcharge: '5.2%', ext: { [OP]: 'S1', [RG]: '03' } },
    },
    { name: 'reverse-charge: S2', in: { cat: 'VAT', key: 'reverse-charge', ext: { [EX]: 'E1' } }, out: { cat: 'VAT', key: 'reverse-charge', ext: { [OP]: 'S2', [RG]: '01' } } },
    { name: 'key from S2', in: { cat: 'VAT', ext: { [OP]: 'S2' } }, out: { cat: 'VAT', key: 'reverse-charge', ext: { [OP]: 'S2', [RG]: '01' } } },
    { name: 'key from N1, which is kept', in: { cat: 'VAT', ext: { [OP]: 'N1' } }, out: { cat: 'VAT', key: 'outside-scope', ext: { [OP]: 'N1', [RG]: '01' } } },
    { name: 'outside-scope defaults to N2', in: { cat: 'VAT', key: 'outside-scope', ext: { [OP]: 'S1' } }, out: { cat: 'VAT', key: 'outside-scope', ext: { [OP]: 'N2', [RG]: '01' } } },
    { name: 'key from E6', in: { cat: 'VAT', ext: { [EX]: 'E6' } }, out: { cat: 'VAT', key: 'exempt', ext: { [EX]: 'E6', [RG]: '01' } } },
    { name: 'op class wins over exemption when inferring', in: { cat: 'VAT', ext: { [EX]: 'E1', [OP]: 'S2' } }, out: { cat: 'VAT', key: 'reverse-charge', ext: { [OP]: 'S2', [RG]: '01' } } },
    { name: 'exempt: E1 and no op class', in: { cat: 'VAT', key: 'exempt', ext: { [OP]: 'S1' } }, out: { cat: 'VAT', key: 'exempt', ext: { [EX]: 'E1', [RG]: '01' } } },
    { name: 'export: E2 and regime 02', in: { cat: 'VAT', key: 'export' }, out: { cat: 'VAT', key: 'export', ext: { [EX]: 'E2', [RG]: '02' } } },
    { name: 'key from E4: export', in: { cat: 'VAT', ext: { [EX]: 'E4' } }, out: { cat: 'VAT', key: 'export', ext: { [EX]: 'E4', [RG]: '02' } } },
    { name: 'intra-community: E5', in: { cat: 'VAT', key: 'intra-community', ext: { [OP]: 'S1' } }, out: { cat: 'VAT', key: 'intra-community', ext: { [EX]: 'E5', [RG]: '01' } } },
    { name: 'IGIC like VAT', in: { cat: 'IGIC', rate: 'general' }, out: { cat: 'IGIC', key: 'standard', rate: 'general', ext: { [OP]: 'S1', [RG]: '01' } } },
    { name: 'IRPF untouched', in: { cat: 'IRPF', rate: 'pro' }, out: { cat: 'IRPF', rate: 'pro' } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const combo = structuredClone(c.in);
      normalizeVerifactuCombo(combo);
      expect(combo).toEqual(c.out);
    });
  }
});

describe('normalizeVerifactuCombo properties', () => {
  const combo = fc.record(
    {
      cat: fc.constantFrom('VAT', 'IGIC'),
      country: fc.constantFrom('ES', 'FR', 'US'),
      key: fc.constantFrom('standard', 'zero', 'reverse-charge', 'outside-scope', 'exempt', 'export', 'intra-community'),
      surcharge: fc.constant('5.2%'),
      ext: fc.record(
        {
          'es-verifactu-exempt': fc.constantFrom('E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'X'),
          'es-verifactu-op-class': fc.constantFrom('S1', 'S2', 'N1', 'N2', 'X'),
          'es-verifactu-regime': fc.constantFrom('01', '02', '17'),
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
        normalizeVerifactuCombo(once);
        const twice = structuredClone(once);
        normalizeVerifactuCombo(twice);
        expect(twice).toEqual(once);
      }),
    );
  });

  it('never leaves an exemption next to an operation class (rule TAX-COMBO-03)', () => {
    fc.assert(
      fc.property(combo, (c) => {
        normalizeVerifactuCombo(c);
        expect(c.ext?.['es-verifactu-exempt'] !== undefined && c.ext?.['es-verifactu-op-class'] !== undefined).toBe(false);
        expect(c.ext?.['es-verifactu-regime']).toBeDefined();
      }),
    );
  });
});

describe('normalizeVerifactuInvoice', () => {
  // Partial documents, as the normalizer sees them: typed loosely on purpose.
  const inv = (extra: Record<string, unknown>): Invoice => ({ type: 'standard', ...extra }) as unknown as Invoice;
  const DT = 'es-verifactu-doc-type';
  const CT = 'es-verifactu-correction-type';
  const IT = 'es-verifactu-issuer-type';
  const cases: { name: string; in: Invoice; tax: unknown }[] = [
    { name: 'standard: no tax object created', in: inv({}), tax: undefined },
    { name: 'credit note: I and R1', in: inv({ type: 'credit-note' }), tax: { ext: { [CT]: 'I', [DT]: 'R1' } } },
    { name: 'debit note: I and R1', in: inv({ type: 'debit-note' }), tax: { ext: { [CT]: 'I', [DT]: 'R1' } } },
    { name: 'corrective: S and R1', in: inv({ type: 'corrective' }), tax: { ext: { [CT]: 'S', [DT]: 'R1' } } },
    { name: 'a chosen R5 is kept', in: inv({ type: 'credit-note', tax: { ext: { [DT]: 'R5' } } }), tax: { ext: { [CT]: 'I', [DT]: 'R5' } } },
    {
      name: 'doc type on the preceding reference moves to tax.ext',
      in: inv({ type: 'corrective', preceding: [{ code: '1', ext: { [DT]: 'R2' } }] }),
      tax: { ext: { [CT]: 'S', [DT]: 'R2' } },
    },
    { name: 'self-billed: issued by the customer (D)', in: inv({ $tags: ['self-billed'] }), tax: { ext: { [IT]: 'D' } } },
    { name: 'ordering issuer: third party (T)', in: inv({ ordering: { issuer: { name: 'Agent' } } }), tax: { ext: { [IT]: 'T' } } },
    { name: 'both: T wins', in: inv({ $tags: ['self-billed'], ordering: { issuer: { name: 'Agent' } } }), tax: { ext: { [IT]: 'T' } } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const doc = structuredClone(c.in);
      normalizeVerifactuInvoice(doc);
      expect(doc.tax).toEqual(c.tax);
    });
  }

  const customers: { name: string; customer: unknown; ext: unknown }[] = [
    { name: 'passport', customer: { identities: [{ key: 'passport', code: 'X1' }] }, ext: { 'es-verifactu-identity-type': '03' } },
    { name: 'foreign', customer: { identities: [{ key: 'foreign', code: 'X1' }] }, ext: { 'es-verifactu-identity-type': '04' } },
    { name: 'resident', customer: { identities: [{ key: 'resident' }] }, ext: { 'es-verifactu-identity-type': '05' } },
    { name: 'other', customer: { identities: [{ key: 'other' }] }, ext: { 'es-verifactu-identity-type': '06' } },
    { name: 'Spanish NIF: nothing', customer: { tax_id: { country: 'ES', code: '54387763P' }, identities: [{ key: 'passport' }] }, ext: undefined },
  ];
  for (const c of customers) {
    it(`customer identity type: ${c.name}`, () => {
      const doc = inv({ customer: structuredClone(c.customer) });
      normalizeVerifactuInvoice(doc);
      expect(doc.customer?.identities?.[0]?.ext).toEqual(c.ext);
    });
  }
});
