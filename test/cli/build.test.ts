/**
 * `gobl-studio build` and `version`, as users run them (the bundled CLI, see test/support/cli.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, bundleCli, expectError, noStack, type BundledCli, type Run } from '../support/cli.ts';

const FIXTURES = join(ROOT, 'test/fixtures');
const INVOICE_JSON = join(FIXTURES, 'invoice-es-minimal.json');
const INVOICE_YAML = join(FIXTURES, 'invoice-es-minimal.yaml');
const FREELANCE = resolve(ROOT, '../shared/conformance/gobl/examples/es/invoice-es-es-freelance.yaml');
const invoice = (): Record<string, unknown> => JSON.parse(readFileSync(INVOICE_JSON, 'utf8'));

let cliBundle: BundledCli;
let dir: string;
let bin: string;

beforeAll(() => {
  cliBundle = bundleCli();
  ({ dir, bin } = cliBundle);
}, 60_000);

afterAll(() => cliBundle?.cleanup());

const cli = (args: string[], input?: string): Run => cliBundle.run(args, input);

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('gobl-studio build', () => {
  it('bundles into an executable ES module with a node shebang', () => {
    const text = readFileSync(bin, 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(spawnSync(bin, ['version'], { encoding: 'utf8' }).stdout).toMatch(/^gobl-studio \d+\.\d+\.\d+ \(GOBL v0\.502\.1\)\n$/);
  });

  it('builds a valid invoice file into an indented envelope', () => {
    const r = cli(['build', INVOICE_JSON]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('{\n  "$schema": "https://gobl.org/draft-0/envelope",\n  "head": {\n')).toBe(true);
    expect(r.stdout.endsWith('}\n')).toBe(true);
    const env = JSON.parse(r.stdout);
    expect(r.stdout).toBe(`${JSON.stringify(env, null, 2)}\n`);
    expect(env.head.uuid).toMatch(UUID_V7);
    expect(env.head.dig).toEqual({ alg: 'sha256', val: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(env.doc.uuid).toMatch(UUID_V7);
    expect(env.doc.$regime).toBe('ES');
    expect(env.doc.totals.payable).toBe('1972.30');
    // Real clock: the ids carry the current time.
    const ms = parseInt(env.head.uuid.replace(/-/g, '').slice(0, 12), 16);
    expect(Math.abs(ms - Date.now())).toBeLessThan(60_000);
  });

  it('reads standard input when FILE is - or missing', () => {
    const text = readFileSync(INVOICE_JSON, 'utf8');
    for (const args of [['build'], ['build', '-']]) {
      const r = cli(args, text);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).doc.totals.payable).toBe('1972.30');
    }
  });

  it('accepts a byte-order mark and CRLF line endings', () => {
    const r = cli(['build'], `\uFEFF${readFileSync(INVOICE_JSON, 'utf8').replace(/\n/g, '\r\n')}`);
    expect(r.code).toBe(0);
  });

  it('reads YAML files (core schema) to the same document as JSON', () => {
    const fromYaml = cli(['build', '--doc', INVOICE_YAML]);
    const fromJson = cli(['build', '--doc', INVOICE_JSON]);
    expect(fromYaml.code).toBe(0);
    const a = JSON.parse(fromYaml.stdout);
    const b = JSON.parse(fromJson.stdout);
    delete a.uuid;
    delete b.uuid;
    expect(a).toEqual(b);
    expect(a.issue_date).toBe('2024-01-15');
    // YAML on standard input with --yaml.
    expect(cli(['build', '--yaml'], readFileSync(INVOICE_YAML, 'utf8')).code).toBe(0);
  });

  it("builds GOBL's freelance example", () => {
    if (!existsSync(FREELANCE)) throw new Error(`../shared not found: GOBL's example is expected at ${FREELANCE}`);
    const r = cli(['build', '--uuid', '8a51fd30-2a27-11ee-be56-0242ac120002', FREELANCE]);
    expect(r.code).toBe(0);
    const env = JSON.parse(r.stdout);
    expect(env.head.uuid).toBe('8a51fd30-2a27-11ee-be56-0242ac120002');
    expect(env.doc.uuid).toBe('3aea7b56-59d8-4beb-90bd-f8f280d852a0');
    expect(env.doc.totals.payable).toBe('1717.20');
  });

  it('--uuid fixes the head uuid', () => {
    const uuid = '0190c8e0-1234-7abc-8def-0123456789ab';
    const r = cli(['build', INVOICE_JSON, '--uuid', uuid]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).head.uuid).toBe(uuid);
    expect(JSON.parse(cli(['build', `--uuid=${uuid.toUpperCase()}`, INVOICE_JSON]).stdout).head.uuid).toBe(uuid);
  });

  it('--doc prints only the document', () => {
    const r = cli(['build', '--doc', INVOICE_JSON]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.$schema).toBe('https://gobl.org/draft-0/bill/invoice');
    expect(doc.head).toBeUndefined();
    expect(doc.uuid).toMatch(UUID_V7);
    expect(r.stdout).toBe(`${JSON.stringify(doc, null, 2)}\n`);
  });

  it('--type supplies a missing $schema', () => {
    const doc = invoice();
    delete doc.$schema;
    const without = cli(['build'], JSON.stringify(doc));
    expect(without.code).toBe(1);
    expect(expectError(without, 'input').message).toContain('missing $schema');
    const r = cli(['build', '--type', 'bill/invoice'], JSON.stringify(doc));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).doc.$schema).toBe('https://gobl.org/draft-0/bill/invoice');
  });

  it('builds an envelope input, keeping its head uuid', () => {
    const env = { $schema: 'https://gobl.org/draft-0/envelope', head: { uuid: '0190c8e0-0000-7000-8000-000000000001' }, doc: invoice() };
    const r = cli(['build'], JSON.stringify(env));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).head.uuid).toBe('0190c8e0-0000-7000-8000-000000000001');
  });

  it('prints faults as a JSON error and exits 1', () => {
    const bad = invoice();
    (bad.lines as { quantity: string }[])[0].quantity = 'twenty';
    const r = cli(['build'], JSON.stringify(bad));
    expect(r.code).toBe(1);
    const e = expectError(r, 'input');
    expect(e.faults.some((f) => f.paths.includes('$.lines[0].quantity'))).toBe(true);
    expect(r.stdout).toBe(`${JSON.stringify({ error: e }, null, 2)}\n`);

    const unknownTax = invoice();
    (unknownTax.lines as { taxes: { cat: string }[] }[])[1].taxes[0].cat = 'NOPE';
    const c = cli(['build'], JSON.stringify(unknownTax));
    expect(c.code).toBe(1);
    expect(expectError(c, 'calculation').faults[0].paths).toEqual(['$.lines[1].taxes[0].cat']);

    const unknown = cli(['build'], JSON.stringify({ ...invoice(), $schema: 'https://gobl.org/draft-0/bill/nope' }));
    expect(unknown.code).toBe(1);
    expect(expectError(unknown, 'input').faults[0].paths).toEqual(['$.$schema']);

    const notObject = cli(['build'], '[1, 2, 3]');
    expect(notObject.code).toBe(1);
    expectError(notObject, 'input');
  });

  it('reports broken JSON with its line and column', () => {
    const r = cli(['build'], '{\n  "$schema": "https://gobl.org/draft-0/bill/invoice",\n  "currency": "EUR"\n  "code": "X"\n}\n');
    expect(r.code).toBe(1);
    const e = expectError(r, 'input');
    expect(e.message).toBe("line 4, column 3: expected ',' or '}' after property value, found '\"'");
    expect(e.faults).toEqual([{ code: 'JSON-SYNTAX', paths: ['$'], message: e.message }]);

    const truncated = readFileSync(INVOICE_JSON, 'utf8').slice(0, 200);
    const t = cli(['build'], truncated);
    expect(t.code).toBe(1);
    expect(expectError(t, 'input').message).toMatch(/^line \d+, column \d+: /);

    const empty = cli(['build'], '');
    expect(empty.code).toBe(1);
    expect(expectError(empty, 'input').message).toBe('line 1, column 1: the input is empty: expected a JSON value');

    const deep = cli(['build'], `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(deep.code).toBe(1);
    expect(expectError(deep, 'input').message).toBe('line 1, column 513: nesting is deeper than 512 levels');
  });

  it('reports broken YAML with its line and column', () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'currency: EUR\nlines:\n  - item: [unclosed\n');
    const r = cli(['build', file]);
    expect(r.code).toBe(1);
    expect(expectError(r, 'input').message).toMatch(/^line \d+, column \d+: /);
  });

  it('reports an unreadable file as an input error', () => {
    const r = cli(['build', join(dir, 'missing.json')]);
    expect(r.code).toBe(1);
    expect(expectError(r, 'input').message).toBe(`cannot read ${join(dir, 'missing.json')}: no such file`);
  });

  it.each([
    [['build', '--bogus'], 'unknown option --bogus'],
    [['build', '--uuid'], 'option --uuid needs a value'],
    [['build', '--uuid', 'not-a-uuid', INVOICE_JSON], '--uuid: "not-a-uuid" is not a UUID'],
    [['build', '--type', 'bill invoice', INVOICE_JSON], '--type'],
    [['build', '--doc=maybe', INVOICE_JSON], 'option --doc takes no value'],
    [['build', 'a.json', 'b.json'], 'too many arguments: b.json'],
    [['build', '--ndjson', INVOICE_YAML], '--ndjson reads JSON lines'],
    [['bulid'], 'unknown command "bulid"'],
    [[], 'missing command'],
    [['--bogus'], 'unknown option --bogus'],
    [['version', 'extra'], 'version takes no arguments'],
    [['help', 'nope'], 'unknown command "nope"'],
  ])('usage error %j exits 2', (args, message) => {
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const [first, ...rest] = r.stderr.split('\n');
    expect(first).toContain(`gobl-studio: ${message}`);
    expect(rest.join('\n')).toContain('Usage: gobl-studio');
    noStack(r);
  });

  it('prints help and the version', () => {
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('build');
    expect(help.stdout).toContain('version');
    for (const args of [['build', '--help'], ['help', 'build'], ['build', '-h']]) {
      const r = cli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Usage: gobl-studio build [options] [FILE|-]');
      expect(r.stdout).toContain('--ndjson');
      expect(r.stdout).toContain('The exit status is 0 even when some lines fail');
    }
    for (const args of [['version'], ['--version']]) {
      const r = cli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^gobl-studio 0\.\d+\.\d+ \(GOBL v0\.502\.1\)\n$/);
    }
  });
});

describe('gobl-studio build --ndjson', () => {
  it('streams 1,000 documents through one process, in order, errors in place', () => {
    const base = invoice();
    const inputs: string[] = [];
    const expected: Array<{ code: string } | { error: string }> = [];
    for (let i = 0; i < 1000; i++) {
      const code = `N-${String(i).padStart(4, '0')}`;
      if (i === 400) {
        inputs.push('{"$schema": "https://gobl.org/draft-0/bill/invoice", "code": ');
        expected.push({ error: 'input' });
      } else if (i === 500) {
        inputs.push(JSON.stringify({ ...base, code, $schema: 'https://gobl.org/draft-0/bill/not-a-type' }));
        expected.push({ error: 'input' });
      } else if (i === 501) {
        inputs.push(JSON.stringify({ ...base, code, lines: 'many' }));
        expected.push({ error: 'input' });
      } else if (i === 502) {
        inputs.push(JSON.stringify({ ...base, code, lines: [{ quantity: '1', item: { name: 'x', price: '1.00' }, taxes: [{ cat: 'NOPE' }] }] }));
        expected.push({ error: 'calculation' });
      } else {
        inputs.push(JSON.stringify({ ...base, code }));
        expected.push({ code });
      }
      if (i % 97 === 0) inputs.push(i % 2 ? '' : '   \t');
    }
    const r = cli(['build', '--ndjson'], `${inputs.join('\n')}\n`);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout.split('\n');
    expect(out.pop()).toBe('');
    expect(out).toHaveLength(1000);
    const heads = new Set<string>();
    out.forEach((line, i) => {
      expect(line).not.toContain('\n');
      const v = JSON.parse(line);
      const want = expected[i];
      if ('code' in want) {
        expect(v.doc.code, `line ${i + 1}`).toBe(want.code);
        expect(v.doc.totals.payable).toBe('1972.30');
        heads.add(v.head.uuid);
      } else {
        expect(v.error?.key, `line ${i + 1}`).toBe(want.error);
        expect(Object.keys(v.error)).toEqual(['key', 'message', 'faults']);
      }
    });
    expect(out[400]).toMatch(/^\{"error":\{"key":"input","message":"line 1, column \d+: unexpected end of input/);
    expect(heads.size).toBe(996);
  });

  it('handles CRLF, a missing final newline, a BOM and --doc', () => {
    const a = JSON.stringify({ ...invoice(), code: 'A' });
    const b = JSON.stringify({ ...invoice(), code: 'B' });
    const r = cli(['build', '--ndjson', '--doc'], `\uFEFF${a}\r\n\r\n${b}`);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((d) => d.code)).toEqual(['A', 'B']);
    expect(lines[0].$schema).toBe('https://gobl.org/draft-0/bill/invoice');
  });

  it('reads NDJSON from a file and applies --uuid to every envelope', () => {
    const file = join(dir, 'docs.ndjson');
    writeFileSync(file, `${JSON.stringify(invoice())}\n${JSON.stringify(invoice())}\n`);
    const uuid = '0190c8e0-1234-7abc-8def-0123456789ab';
    const r = cli(['build', '--ndjson', '--uuid', uuid, file]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((e) => e.head.uuid)).toEqual([uuid, uuid]);
    const missing = cli(['build', '--ndjson', join(dir, 'nope.ndjson')]);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error.key).toBe('input');
  });

  it('empty input gives empty output', () => {
    const r = cli(['build', '--ndjson'], '\n\n  \n');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('stops quietly when the reader goes away', async () => {
    const line = `${JSON.stringify(invoice())}\n`;
    const child = spawn(process.execPath, [bin, 'build', '--ndjson'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.on('error', () => {});
    // More input than any pipe buffer holds, so the CLI must still be writing when we hang up.
    child.stdin.end(line.repeat(3000));
    const first = await new Promise<string>((res) => {
      let buf = '';
      child.stdout.on('data', (d) => {
        buf += d;
        if (buf.includes('\n')) res(buf.slice(0, buf.indexOf('\n')));
      });
    });
    expect(JSON.parse(first).doc.totals.payable).toBe('1972.30');
    child.stdout.destroy();
    const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});
