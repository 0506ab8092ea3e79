/** In-process tests of the CLI plumbing: argument parsing, line splitting, backpressure. */
import { PassThrough, Readable, Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError, lines, parseYaml, write } from '../../cli/io.ts';
import { main, parseArgs, type OptionSpec } from '../../cli/main.ts';

const specs: OptionSpec[] = [
  { name: 'uuid', type: 'string', value: 'UUID', description: '' },
  { name: 'doc', type: 'boolean', description: '' },
];

describe('parseArgs', () => {
  it('reads values, flags, - and --', () => {
    expect(parseArgs(['a.json', '--uuid', 'X', '--doc'], specs)).toEqual({ args: ['a.json'], options: { uuid: 'X', doc: true } });
    expect(parseArgs(['--uuid=Y', '-', '--doc=false'], specs)).toEqual({ args: ['-'], options: { uuid: 'Y', doc: false } });
    expect(parseArgs(['--', '--doc', '-h'], specs)).toEqual({ args: ['--doc', '-h'], options: {} });
    expect(parseArgs(['-h'], specs).options.help).toBe(true);
    expect(parseArgs(['--uuid', '-'], specs).options.uuid).toBe('-');
  });

  it('rejects unknown options and missing values', () => {
    expect(() => parseArgs(['--nope'], specs)).toThrow(UsageError);
    expect(() => parseArgs(['-x'], specs)).toThrow('unknown option -x');
    expect(() => parseArgs(['--uuid'], specs)).toThrow('needs a value');
    expect(() => parseArgs(['--uuid', '--doc'], specs)).toThrow('needs a value');
    expect(() => parseArgs(['--doc=1'], specs)).toThrow('takes no value');
  });
});

function chunked(text: string, sizes: number[]): Readable {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  let at = 0;
  let k = 0;
  while (at < bytes.length) {
    const n = Math.max(1, sizes[k++ % sizes.length]);
    chunks.push(bytes.subarray(at, at + n));
    at += n;
  }
  return Readable.from(chunks, { objectMode: false });
}

async function collect(stream: Readable): Promise<string[]> {
  const out: string[] = [];
  for await (const l of lines(stream)) out.push(l);
  return out;
}

describe('lines', () => {
  it('splits on \\n and \\r\\n whatever the chunk boundaries, multi-byte characters included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, '')), { minLength: 1, maxLength: 20 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        fc.boolean(),
        async (ls, sizes, crlf, finalNewline) => {
          const text = ls.join(crlf ? '\r\n' : '\n') + (finalNewline ? '\n' : '');
          if (text === '') return;
          const got = await collect(chunked(text, sizes));
          // A final newline ends the last line; without one, a trailing empty segment is no line.
          expect(got).toEqual(!finalNewline && ls[ls.length - 1] === '' ? ls.slice(0, -1) : ls);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('pulls the input only as lines are consumed', async () => {
    let produced = 0;
    const source = new Readable({
      highWaterMark: 16,
      read() {
        produced++;
        this.push(produced > 100_000 ? null : `line ${produced}\n`);
      },
    });
    const it = lines(source)[Symbol.asyncIterator]();
    expect((await it.next()).value).toBe('line 1');
    expect((await it.next()).value).toBe('line 2');
    expect(produced).toBeLessThan(50);
    await it.return?.(undefined);
  });
});

describe('write', () => {
  it('waits for drain when the buffer is full', async () => {
    const received: string[] = [];
    let release: (() => void) | undefined;
    const slow = new Writable({
      highWaterMark: 8,
      write(chunk, _enc, cb) {
        received.push(String(chunk));
        release = cb;
      },
    });
    let done = false;
    const p = write(slow, 'x'.repeat(100)).then(() => (done = true));
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    release!();
    await p;
    expect(done).toBe(true);
  });

  it('rejects when the stream closes instead of draining', async () => {
    const s = new PassThrough({ highWaterMark: 1 });
    const p = write(s, 'more than one byte');
    s.destroy();
    await expect(p).rejects.toThrow();
  });
});

describe('parseYaml', () => {
  it('keeps dates as strings and __proto__ as an own key', () => {
    const r = parseYaml('issue_date: 2024-01-15\n__proto__:\n  polluted: true\n');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect((r.value as Record<string, unknown>).issue_date).toBe('2024-01-15');
      expect(Object.keys(r.value as object)).toEqual(['issue_date', '__proto__']);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('limits aliases (billion laughs)', () => {
    const lol = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) lol.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const r = parseYaml(lol.join('\n'));
    expect(r.ok).toBe(false);
  });
});

describe('main', () => {
  function fakeIo() {
    let out = '';
    let err = '';
    const sink = (f: (s: string) => void) => new Writable({ write: (c, _e, cb) => (f(String(c)), cb()) });
    return {
      io: { stdin: Readable.from([]) as Readable & { isTTY?: boolean }, stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)) },
      out: () => out,
      err: () => err,
    };
  }

  it('refuses to wait on a terminal for input', async () => {
    const f = fakeIo();
    f.io.stdin.isTTY = true;
    expect(await main(['build'], f.io)).toBe(2);
    expect(f.err()).toContain('no input');
  });

  it('runs in-process', async () => {
    const f = fakeIo();
    expect(await main(['version'], f.io)).toBe(0);
    expect(f.out()).toMatch(/^gobl-studio /);
  });
});
