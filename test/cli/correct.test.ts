/**
 * `gobl-studio correct` and `replicate`, as users run them (the bundled CLI, see test/support/cli.ts):
 * the engine's `correct` and `replicate` (engine/*.test.ts) with GOBL's command-line shape.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, bundleCli, expectError, noStack, type BundledCli } from '../support/cli.ts';

type Json = Record<string, any>;
let cli: BundledCli;
let issued: string;

beforeAll(() => {
  cli = bundleCli();
  const doc = JSON.parse(readFileSync(join(ROOT, 'samples/tbai-b2b.json'), 'utf8')) as Json;
  doc.code = '0042';
  issued = join(cli.dir, 'issued.json');
  writeFileSync(issued, JSON.stringify(doc));
}, 60_000);
afterAll(() => cli?.cleanup());

describe('gobl-studio correct', () => {
  it('--credit with a reason and the TicketBAI correction code prints the built credit note', () => {
    const r = cli.run(['correct', '--credit', '--reason', 'Devolución', '--ext', 'es-tbai-correction=R1', '--date', '2025-12-01', issued]);
    noStack(r);
    expect(r.code).toBe(0);
    const env = JSON.parse(r.stdout) as Json;
    expect(env.$schema).toBe('https://gobl.org/draft-0/envelope');
    expect(env.doc).toMatchObject({ type: 'credit-note', series: 'F1', issue_date: '2025-12-01' });
    expect(env.doc.code).toBeUndefined();
    expect(env.doc.preceding).toEqual([
      { uuid: '019a6d00-2f5a-73c6-aef3-3c6e00013c6e', type: 'standard', issue_date: '2025-11-10', series: 'F1', code: '0042', reason: 'Devolución', ext: { 'es-tbai-correction': 'R1' } },
    ]);
  });

  it('--options JSON gives the same document as the shortcuts', () => {
    const viaFlags = cli.run(['correct', '--draft', '--credit', '--ext', 'es-tbai-correction=R1', issued]);
    const viaJson = cli.run(['correct', '--draft', '--options', '{"type":"credit-note","ext":{"es-tbai-correction":"R1"}}', issued]);
    expect([viaFlags.code, viaJson.code]).toEqual([0, 0]);
    expect(viaJson.stdout).toBe(viaFlags.stdout);
    expect(JSON.parse(viaFlags.stdout).totals).toBeUndefined();
  });

  it('a correction the addon cannot accept fails with its GOBL fault and path', () => {
    const r = cli.run(['correct', '--credit', issued]);
    expect(r.code).toBe(1);
    const error = expectError(r, 'validation');
    expect(error.faults).toEqual([{ code: 'GOBL-ES-TBAI-BILL-INVOICE-06', paths: ['$.preceding[0].ext'], message: "invoice preceding ext 'es-tbai-correction' is required" }]);
  });

  it('faults of the options and of the original come back as data', () => {
    const bad = cli.run(['correct', '--options', '{"type":"standard"}', issued]);
    expect(bad.code).toBe(1);
    expect(expectError(bad, 'input').faults.map((f) => [f.code, f.paths])).toEqual([['CORRECT-04', ['$options.type']]]);
    const unissued = cli.run(['correct', '--credit', join(ROOT, 'samples/tbai-b2b.json')]);
    expect(expectError(unissued, 'input').faults.map((f) => [f.code, f.paths])).toEqual([['CORRECT-03', ['$.code']]]);
  });

  it('--schema prints the options the regime and addons allow', () => {
    const r = cli.run(['correct', '--schema', issued]);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as Json;
    expect(schema.properties.type.oneOf.map((o: Json) => o.const)).toEqual(['credit-note', 'corrective', 'debit-note']);
    expect(Object.keys(schema.properties.ext.properties)).toEqual(['es-tbai-correction']);
    expect(schema.properties.series.default).toBe('F1');
  });

  it('replicate: the same invoice as a new one, dated today, without the number', () => {
    const r = cli.run(['replicate', issued]);
    noStack(r);
    expect(r.code).toBe(0);
    const env = JSON.parse(r.stdout) as Json;
    const original = JSON.parse(readFileSync(issued, 'utf8')) as Json;
    expect(env.doc.code).toBeUndefined();
    expect(env.doc.uuid).not.toBe(original.uuid);
    expect(env.doc.issue_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(env.doc.issue_date).not.toBe(original.issue_date);
    expect(env.doc.lines.map((l: Json) => l.item.name)).toEqual(original.lines.map((l: Json) => l.item.name));
    const draft = cli.run(['replicate', '--draft', issued]);
    expect(JSON.parse(draft.stdout)).not.toHaveProperty('issue_date');
    const notInvoice = cli.run(['replicate'], '{"$schema":"https://gobl.org/draft-0/note/message","content":"x"}');
    expect(expectError(notInvoice, 'input').faults[0]!.code).toBe('REPLICATE-01');
  });

  it('usage errors exit 2', () => {
    for (const [args, message] of [
      [['correct', '--credit', '--debit', issued], /choose one of --credit, --debit/],
      [['correct', '--options', '{nope', issued], /--options must be JSON/],
      [['correct', '--options', '[1]', issued], /--options must be a JSON object/],
      [['correct', '--ext', 'es-tbai-correction', issued], /--ext: "es-tbai-correction" is not key=code/],
    ] as const) {
      const r = cli.run([...args]);
      noStack(r);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});
