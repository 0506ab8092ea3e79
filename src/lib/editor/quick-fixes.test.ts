import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeListFromSchema, MAX_CHOICES, quickFixes } from './quick-fixes.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const codes = codeListFromSchema(JSON.parse(readFileSync(join(ROOT, 'schemas/bill-invoice.json'), 'utf8')));

describe('quick fixes', () => {
  it('a missing extension on a reference: one fix per code, with its meaning', () => {
    const source = '{\n  "type": "credit-note",\n  "preceding": [{ "code": "1" }]\n}\n';
    const fixes = quickFixes(source, { message: "invoice preceding ext 'es-tbai-correction' is required", path: '$.preceding[0].ext' }, codes);
    expect(fixes.map((f) => f.title.slice(0, 36))).toEqual(['Set es-tbai-correction to R1 – Recti', 'Set es-tbai-correction to R2 – Recti', 'Set es-tbai-correction to R3 – Recti', 'Set es-tbai-correction to R4 – Recti', 'Set es-tbai-correction to R5 – Recti']);
    expect(JSON.parse(fixes[0]!.text).preceding[0]).toEqual({ code: '1', ext: { 'es-tbai-correction': 'R1' } });
  });

  it('an extension in a missing tax object is created there', () => {
    const fixes = quickFixes('{"lines": []}', { message: "invoice tax extension 'es-tbai-region' is required", path: '$.tax.ext' }, codes);
    expect(fixes.length).toBeGreaterThan(0);
    expect(fixes.length).toBeLessThanOrEqual(MAX_CHOICES);
    expect(JSON.parse(fixes[0]!.text)).toEqual({ lines: [], tax: { ext: { 'es-tbai-region': 'VI' } } });
  });

  it("a missing 'general' note is added to the notes", () => {
    const fixes = quickFixes('{"notes": [{"key": "legal", "text": "x"}]}', { message: "invoice must have a note with key 'general'", path: '$.notes' }, codes);
    expect(fixes).toHaveLength(1);
    expect(JSON.parse(fixes[0]!.text).notes).toEqual([{ key: 'legal', text: 'x' }, { key: 'general', text: '' }]);
  });

  it('the wording of other addons is understood; "must not be set" never sets the code', () => {
    const facturae = quickFixes('{"preceding": [{}]}', { message: "preceding document ext require 'es-facturae-correction' extension", path: '$.preceding[0].ext' }, codes);
    expect(facturae.length).toBeGreaterThan(5);
    expect(JSON.parse(facturae[0]!.text).preceding[0].ext).toEqual({ 'es-facturae-correction': '01' });
    const sii = quickFixes('{"lines": [{"taxes": [{}]}]}', { message: "extension 'es-sii-regime' is required", path: '$.lines[0].taxes[0].ext' }, codes);
    expect(sii.length).toBeGreaterThan(0);
    expect(quickFixes('{}', { message: "extension 'es-sii-exempt' must not be set when percent is set", path: '$.lines[0].taxes[0].ext' }, codes)).toEqual([]);
  });

  it('nothing for other faults, for unknown lists, for broken JSON or hostile paths', () => {
    expect(quickFixes('{}', { message: 'invalid tax ID', path: '$.supplier.tax_id.code' }, codes)).toEqual([]);
    expect(quickFixes('{}', { message: "ext 'x-unknown' is required", path: '$.tax.ext' }, codes)).toEqual([]);
    expect(quickFixes('{', { message: "invoice must have a note with key 'general'", path: '$.notes' }, codes)).toEqual([]);
    expect(quickFixes('{}', { message: "invoice tax extension 'es-tbai-region' is required", path: '$.__proto__.ext' }, codes)).toEqual([]);
    expect(({} as Record<string, unknown>).ext).toBeUndefined();
  });
});
