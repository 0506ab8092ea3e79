/** The rule catalogue: every code is well formed, unique and means one thing. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../test/support/gobl-regime.ts';
import { esRuleSets } from '../regimes/es/rules.ts';
import { codeUses, conflictingCodes, ruleCatalogue } from './catalogue.ts';
import { coreRuleSets } from './sets/index.ts';

const sets = [...coreRuleSets, ...esRuleSets];

/**
 * Rules GOBL binds to scalar types (or to parts that are not object kinds of their own): the
 * same assertion is repeated on every field holding the type, so these codes appear in several
 * assertions. Every other code must appear exactly once.
 */
const TYPE_RULES = new Set([
  'GOBL-CBC-KEY-01',
  'GOBL-CBC-KEY-02',
  'GOBL-CBC-CODE-01',
  'GOBL-CBC-CODE-02',
  'GOBL-UUID-UUID-01',
  'GOBL-SCHEMA-ID-01',
  'GOBL-CAL-DATE-01',
  'GOBL-CAL-DATETIME-01',
  'GOBL-CURRENCY-CODE-01',
  'GOBL-DSIG-DIGEST-01',
  'GOBL-DSIG-DIGEST-02',
  'GOBL-ORG-UNIT-01',
  'GOBL-TAX-SET-01',
  'GOBL-TAX-ADDONS-01',
]);

describe('rule catalogue', () => {
  const catalogue = ruleCatalogue(sets);

  it('lists every code once', () => {
    const codes = catalogue.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThan(150);
  });

  it('uses GOBL-style codes', () => {
    for (const r of catalogue) expect(r.code).toMatch(/^GOBL(-[A-Z0-9]+)+-\d{2}$/);
  });

  it('gives each code a single description', () => {
    expect(conflictingCodes(sets)).toEqual([]);
    for (const r of catalogue) expect(r.desc.length).toBeGreaterThan(0);
  });

  it('never reuses a code outside the type rules', () => {
    const reused = [...codeUses(sets)].filter(([code, n]) => n > 1 && !TYPE_RULES.has(code)).map(([code]) => code);
    expect(reused).toEqual([]);
  });

  it('describes objects, fields and guards', () => {
    const row = (code: string) => catalogue.find((r) => r.code === code);
    expect(row('GOBL-BILL-INVOICE-07')).toEqual({
      code: 'GOBL-BILL-INVOICE-07',
      object: 'bill/invoice',
      field: 'customer.name',
      guard: 'condition',
      desc: 'invoice customer name required when tax ID is set',
    });
    expect(row('GOBL-ES-BILL-INVOICE-01')?.guard).toBe('regime ES');
    expect(row('GOBL-CBC-KEY-02')?.object).toContain('tax/combo');
    expect(row('GOBL-TAX-ADDONS-01')?.field).toBe('$addons[*]');
  });

  it('matches GOBL’s rule table: same codes, same descriptions, skips accounted for', () => {
    const table = readGoblRuleTable();
    expect(table.size).toBe(277);
    expect(table.get('GOBL-ORG-UNIT-01')).toBe('unit must be a valid value or UN/ECE code');
    const ours = new Map(catalogue.map((r) => [r.code, r.desc]));
    // Every implemented code exists in GOBL with the same description.
    for (const [code, desc] of ours) expect(table.get(code) ?? NOTE_RULES.get(code), code).toBe(desc);
    // Every GOBL code of the packages we implement is implemented or knowingly skipped.
    const missing = [...table.keys()].filter((c) => PACKAGES.test(c) && !ours.has(c) && !SKIPPED.has(c));
    expect(missing).toEqual([]);
    for (const c of SKIPPED) expect(ours.has(c), c).toBe(false);
  });
});

/** Core packages and the ES regime (not the ES addons, which other modules implement). */
const PACKAGES = /^GOBL-(ENVELOPE|HEAD|DSIG|SCHEMA|UUID|CBC|CAL|CURRENCY|I18N|ORG|PAY|TAX|BILL|ES-BILL|ES-TAX)-/;

/** From GOBL's data/rules/note.json (not in the flattened table). */
const NOTE_RULES = new Map([['GOBL-NOTE-MESSAGE-01', 'message content is required']]);

/** Codes not implemented, each explained in the rule set file of its package. */
const SKIPPED = new Set([
  'GOBL-ENVELOPE-11', // digest: checked where the envelope is built (head.ts)
  'GOBL-CBC-CODEMAP-01', // no cbc.CodeMap field in our documents (cbc.ts)
  'GOBL-CBC-DEFINITION-01', // definitions, not documents (cbc.ts)
  'GOBL-CBC-DEFINITION-02',
  'GOBL-CBC-DEFINITION-03',
  'GOBL-CBC-SOURCE-01',
  'GOBL-CBC-URI-01', // cbc.URI only in org.Endpoint (cbc.ts)
  'GOBL-CBC-URI-02',
  'GOBL-CAL-TIMESTAMP-01', // no cal.Timestamp field (cal.ts)
  'GOBL-I18N-LANG-01', // no i18n.Lang field (cbc.ts)
  'GOBL-TAX-ADDONDEF-01', // definitions, not documents (tax.ts)
  'GOBL-TAX-ADDONDEF-02',
  'GOBL-TAX-CATEGORYDEF-01',
  'GOBL-TAX-CATEGORYDEF-02',
  'GOBL-TAX-CATEGORYDEF-03',
  'GOBL-TAX-CATEGORYDEF-04',
  'GOBL-TAX-CORRECTIONDEFINITION-01',
  'GOBL-TAX-RATEDEF-01',
  'GOBL-TAX-RATEDEF-02',
  'GOBL-TAX-RATEDEF-03',
  'GOBL-TAX-RATEDEF-04',
  'GOBL-TAX-REGIMEDEF-01',
  'GOBL-TAX-REGIMEDEF-02',
  'GOBL-TAX-REGIMEDEF-03',
  'GOBL-TAX-REGIMEDEF-04',
  'GOBL-TAX-REGIMEDEF-05',
  'GOBL-TAX-SCENARIOSET-01',
  'GOBL-TAX-SCENARIOSET-02',
]);

/** Code -> description from spec/gobl-rules.md (fails clearly when ../shared is absent). */
function readGoblRuleTable(): Map<string, string> {
  const text = readFileSync(sharedPath('spec/gobl-rules.md'), 'utf8');
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('| GOBL-')) continue;
    // Columns: code | object | path | guards | description | tests (tests may contain `\|`).
    const cols = line.split(/(?<!\\)\|/).map((c) => c.trim());
    out.set(cols[1], cols[5]);
  }
  return out;
}
