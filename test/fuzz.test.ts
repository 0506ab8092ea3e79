/**
 * Fuzzing `build()` with thousands of mutated documents. Whatever it is given, build must answer
 * with `{ok: true, value}` or `{ok: false, error}` (never throw, never report an internal error),
 * answer quickly, give JSON-serializable output, and leave Object.prototype alone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { build, type BuildOptions, type BuildResult } from '../engine/build.ts';
import { uuidV7 } from '../engine/core/uuid.ts';
import { defaultRegistry } from '../engine/registry.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = resolve(ROOT, '../shared/conformance/gobl/examples/es');
const TIME_LIMIT_MS = 2000;
const RUNS = Number(process.env.FUZZ_RUNS ?? 3200);

type Json = unknown;
type Container = Record<string, Json> | Json[];

function seeds(): Json[] {
  const out: Json[] = [JSON.parse(readFileSync(join(ROOT, 'test/fixtures/invoice-es-minimal.json'), 'utf8'))];
  const examples = [
    'invoice-es-es-freelance.yaml',
    'invoice-es-es.yaml',
    'invoice-es-simplified.yaml',
    'invoice-es-es.env.yaml',
    'invoice-es-usd.yaml',
    'invoice-es-rounding.yaml',
    'invoice-es-bypass.json',
    'invoice-es-es-verifactu.yaml',
    'credit-note-es-es-tbai.yaml',
  ];
  for (const f of examples) {
    const path = join(EXAMPLES, f);
    if (existsSync(path)) out.push(parseYaml(readFileSync(path, 'utf8'), { schema: 'core' }));
  }
  return out;
}

const SEEDS = seeds();

function options(): BuildOptions {
  let n = 0;
  const now = () => 1_700_000_000_000;
  return {
    now,
    uuid: () => uuidV7(now(), new Uint8Array(10).fill(++n % 256)),
    registry: defaultRegistry,
  };
}

const POLLUTION = () => JSON.parse('{"polluted": "yes", "toString": "not a function", "constructor": {"prototype": {"polluted": "yes"}}}');

function nest(depth: number, kind: 'object' | 'array' | 'mixed'): Json {
  let v: Json = 'bottom';
  for (let i = 0; i < depth; i++) {
    const asArray = kind === 'array' || (kind === 'mixed' && i % 2 === 0);
    v = asArray ? [v] : { lines: v };
  }
  return v;
}

const JUNK_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uDFFF\uD800',
  '\u202Eevil',
  'ES\u200B',
  '🇪🇸💶',
  'a\u0301\u0302\u0303',
  '\uFEFF',
  '<script>alert(1)</script>',
  '${7*7}',
  '../../etc/passwd',
  '%s%n%x',
  'x'.repeat(100_000),
  '€'.repeat(20_000),
];
const NUMERIC_STRINGS = ['1e400', '-1e400', 'NaN', 'Infinity', '-Infinity', '0x1F', '1_000', '1,5', '١٢٣', '12.', '.5', '+1', '--1', '1e5', '1.2.3', '  12  ', '-0', '-0.00', '9'.repeat(400), `0.${'0'.repeat(400)}1`, '12345678901234567890123', '99999999999999999999999999999999999.99', '100%', '%', '-%', '1e308%', '21.0%%', '0.5.5%'];
const DATE_STRINGS = ['2024-02-30', '2023-02-29', '2024-13-01', '0000-00-00', '0001-01-01', '+275760-09-13', '2024-1-1', '2024-01-01T25:61:61Z', '99999-12-31', '-2024-01-01', '2024-01-01 ', '2024/01/01', '20240101'];
const NUMBERS = [0, -0, -1, 1.5, 1e308, -1e308, 5e-324, 12345678901234567890123, Number.MAX_SAFE_INTEGER + 2, 2 ** 53, 1e21, 0.1 + 0.2];

const wrongValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, [], {}, [null], { '': '' }, [[]], [{}]),
  fc.constantFrom(...NUMBERS),
  fc.constantFrom(...NUMERIC_STRINGS),
  fc.constantFrom(...DATE_STRINGS),
  fc.constantFrom(...JUNK_STRINGS),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Fields a mutation may add anywhere: free-form ones (complements, meta, ext) and structural ones. */
const ADDABLE_KEYS = ['complements', 'meta', 'ext', 'notes', 'tax', '$addons', '$tags', 'tags', 'ordering', 'payment', 'delivery', 'preceding', 'discounts', 'charges', 'attachments', 'stamps', 'head', 'doc', 'identities', 'inboxes', 'addresses', 'rounding', 'exchange_rates', 'totals', 'percent', 'rate', 'key', 'uuid', '$regime', 'value_date', 'operation_date', 'type', 'series'];

const mutation = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: wrongValue }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('proto' as const), at: fc.nat(), key: fc.constantFrom('__proto__', 'constructor', 'prototype') }),
  fc.record({ op: fc.constant('deep' as const), at: fc.nat(), depth: fc.constantFrom(600, 5000), kind: fc.constantFrom('object' as const, 'array' as const, 'mixed' as const) }),
  fc.record({ op: fc.constant('wrap' as const), at: fc.nat(), inArray: fc.boolean() }),
  fc.record({ op: fc.constant('rename' as const), at: fc.nat(), key: fc.constantFrom('', ' ', 'ü', '$schema', '$regime', '__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', '0', 'length') }),
  fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), times: fc.constantFrom(2, 50, 500) }),
  fc.record({
    op: fc.constant('add' as const),
    at: fc.nat(),
    key: fc.constantFrom(...ADDABLE_KEYS),
    value: fc.oneof(wrongValue, fc.constantFrom<Json>('deep', 'pollution', 'pollution-list')),
  }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

/** Every (container, key) slot in the document, parents before children. Iterative. */
function slots(root: Container): Array<[Container, string | number]> {
  const out: Array<[Container, string | number]> = [];
  const stack: Container[] = [root];
  while (stack.length > 0 && out.length < 5000) {
    const c = stack.pop()!;
    const keys: Array<string | number> = Array.isArray(c) ? c.map((_, i) => i) : Object.keys(c);
    for (const k of keys) {
      out.push([c, k]);
      const v = (c as Record<string | number, Json>)[k];
      if (v !== null && typeof v === 'object') stack.push(v as Container);
    }
  }
  return out;
}

function setOwn(c: Container, k: string | number, v: Json): void {
  Object.defineProperty(c, k, { value: v, writable: true, enumerable: true, configurable: true });
}

function apply(doc: Container, m: Mutation): void {
  const all = slots(doc);
  if (all.length === 0) return;
  const [parent, key] = all[m.at % all.length];
  const current = (parent as Record<string | number, Json>)[key];
  switch (m.op) {
    case 'replace':
      setOwn(parent, key, structuredClone(m.value));
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      break;
    case 'proto': {
      // An own `__proto__` (etc.) key, as JSON.parse makes it, on the slot's object or on the slot.
      const target = current !== null && typeof current === 'object' && !Array.isArray(current) ? (current as Container) : parent;
      if (Array.isArray(target)) setOwn(parent, key, JSON.parse(`{"${m.key}": ${JSON.stringify(POLLUTION())}}`));
      else setOwn(target, m.key, POLLUTION());
      break;
    }
    case 'deep':
      setOwn(parent, key, nest(m.depth, m.kind));
      break;
    case 'wrap':
      setOwn(parent, key, m.inArray ? [current] : { value: current });
      break;
    case 'rename':
      if (!Array.isArray(parent)) {
        delete parent[key as string];
        setOwn(parent, m.key, current);
      }
      break;
    case 'add': {
      const target = current !== null && typeof current === 'object' ? (current as Container) : parent;
      const value = m.value === 'deep' ? nest(600, 'mixed') : m.value === 'pollution' ? POLLUTION() : m.value === 'pollution-list' ? [JSON.parse(`{"__proto__": ${JSON.stringify(POLLUTION())}}`)] : structuredClone(m.value);
      if (Array.isArray(target)) target.push({ [m.key]: value });
      else setOwn(target, m.key, value);
      break;
    }
    case 'repeat':
      if (Array.isArray(current)) setOwn(parent, key, Array.from({ length: m.times }, () => current[0]));
      break;
  }
}

function assertPrototypesClean(): void {
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(OBJECT_PROTO_NAMES);
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  expect(typeof ({}).toString).toBe('function');
}
const OBJECT_PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();

interface Outcome {
  readonly result: BuildResult;
  readonly ms: number;
}

function run(input: Json): Outcome {
  const t0 = performance.now();
  let result: BuildResult;
  try {
    result = build(input, options());
  } catch (e) {
    throw new Error(`build threw: ${e instanceof Error ? e.stack : String(e)}`);
  }
  return { result, ms: performance.now() - t0 };
}

function checkOutcome({ result, ms }: Outcome, describeInput: () => string): void {
  if (ms >= TIME_LIMIT_MS) expect.fail(`build took ${ms.toFixed(0)} ms on ${describeInput()}`);
  expect(typeof result.ok).toBe('boolean');
  if (result.ok) {
    expect(result.value !== null && typeof result.value === 'object').toBe(true);
  } else {
    expect(['input', 'calculation', 'validation', 'internal']).toContain(result.error.key);
    expect(typeof result.error.message).toBe('string');
    expect(Array.isArray(result.error.faults)).toBe(true);
  }
  // The CLI and the worker print results as JSON: they must survive it.
  try {
    JSON.stringify(result);
  } catch (e) {
    expect.fail(`the result of ${describeInput()} is not JSON-serializable: ${e}`);
  }
  assertPrototypesClean();
}

/** A short, depth-limited rendering of an input for failure messages (inputs may nest 5,000 deep). */
function summarize(v: Json, depth = 0): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 20)}…(${v.length} chars)` : v);
  if (v === null || typeof v !== 'object') return String(v);
  if (depth > 8) return Array.isArray(v) ? '[…]' : '{…}';
  const parts = Array.isArray(v)
    ? v.slice(0, 5).map((x) => summarize(x, depth + 1)).concat(v.length > 5 ? [`…(${v.length} items)`] : [])
    : Object.keys(v).slice(0, 12).map((k) => `${JSON.stringify(k)}:${summarize((v as Record<string, Json>)[k], depth + 1)}`);
  const s = Array.isArray(v) ? `[${parts.join(',')}]` : `{${parts.join(',')}}`;
  return depth === 0 && s.length > 800 ? `${s.slice(0, 800)}…` : s;
}

describe('build() fuzzing', () => {
  it('has seeds that build', () => {
    expect(SEEDS.length).toBeGreaterThan(0);
    const first = run(SEEDS[0]);
    expect(first.result.ok).toBe(true);
  });

  it(`survives ${RUNS} mutated documents: no throw, no internal error, < ${TIME_LIMIT_MS} ms each, no prototype pollution`, () => {
    const internal = new Map<string, string>();
    let okCount = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 6 }), (seedIndex, mutations) => {
        const doc = structuredClone(SEEDS[seedIndex % SEEDS.length]) as Container;
        for (const m of mutations) apply(doc, m);
        const outcome = run(doc);
        checkOutcome(outcome, () => summarize(doc));
        if (outcome.result.ok) okCount++;
        else if (outcome.result.error.key === 'internal' && !internal.has(outcome.result.error.message)) {
          internal.set(outcome.result.error.message, `${summarize(mutations)} on seed ${seedIndex % SEEDS.length}`);
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20240115) },
    );
    expect([...internal].map(([msg, how]) => `${msg}\n    after ${how}`).join('\n'), 'internal errors').toBe('');
    // Mutations must not all be fatal, or we fuzz nothing past input parsing.
    expect(okCount).toBeGreaterThan(RUNS / 20);
  }, 300_000);

  it('survives hostile top-level inputs', () => {
    const deepObject = nest(5000, 'object');
    const hostile: Json[] = [
      null,
      undefined,
      0,
      'text',
      [],
      [SEEDS[0]],
      JSON.parse('{"__proto__": {"polluted": "yes"}}'),
      JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
      { ...(SEEDS[0] as object), ...JSON.parse('{"__proto__": {"polluted": "yes", "$schema": "https://gobl.org/draft-0/envelope"}}') },
      { $schema: 'https://gobl.org/draft-0/envelope', doc: SEEDS[0], head: JSON.parse('{"__proto__": {"polluted": "yes"}, "uuid": "x"}') },
      { $schema: 'https://gobl.org/draft-0/envelope', doc: SEEDS[0], head: { uuid: '00000000-0000-4000-8000-000000000000', stamps: deepObject } },
      { $schema: 'https://gobl.org/draft-0/envelope', doc: deepObject },
      { doc: { doc: { doc: SEEDS[0] } } },
      { ...(SEEDS[0] as object), notes: deepObject },
      { ...(SEEDS[0] as object), lines: nest(5000, 'array') },
      { ...(SEEDS[0] as object), $schema: { toString: 'x' } },
      { ...(SEEDS[0] as object), $schema: 'https://gobl.org/draft-0/bill/invoice'.repeat(1000) },
      Object.create(null),
      Object.assign(Object.create(null), SEEDS[0]),
    ];
    for (const input of hostile) {
      const outcome = run(input);
      checkOutcome(outcome, () => summarize(input));
      if (!outcome.result.ok) expect(outcome.result.error.key, summarize(input)).not.toBe('internal');
    }
  });

  it('builds many lines within the time limit', () => {
    const doc = structuredClone(SEEDS[0]) as { lines: unknown[] };
    doc.lines = Array.from({ length: 2000 }, (_, i) => ({ ...(structuredClone(doc.lines[0]) as object), quantity: String(i + 1) }));
    const outcome = run(doc);
    checkOutcome(outcome, () => '2000 lines');
    expect(outcome.result.ok).toBe(true);
  });
});
