/**
 * Studio benchmark: `npm run bench:studio [-- --runs N] [--edits N] [--port N] [--json FILE]`.
 *
 * Serves the production build (rebuilt first when stale) with `vite preview` and drives Debian's
 * chromium through Playwright:
 *   - first preview: navigation start → first successful build shown (status `ok`), cold cache
 *     and empty storage each run;
 *   - keystroke → totals: a digit typed into the quantity → the payable total's text changes
 *     (DOM) and the frame after it (paint), over N edits after a warm-up;
 *   - JavaScript fetched before the first build, split into Monaco and the rest, with the gzip
 *     size of each file (read from dist/, gzip -9).
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { preview } from 'vite';
import { ensureBuild } from '../../e2e/support/build-if-stale.ts';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

interface Args {
  runs: number;
  edits: number;
  warmup: number;
  port: number;
  json?: string;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { runs: 7, edits: 50, warmup: 5, port: 4174 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--runs') args.runs = Number(value());
    else if (flag === '--edits') args.edits = Number(value());
    else if (flag === '--warmup') args.warmup = Number(value());
    else if (flag === '--port') args.port = Number(value());
    else if (flag === '--json') args.json = value();
    else {
      console.log('usage: npm run bench:studio -- [--runs N] [--edits N] [--warmup N] [--port N] [--json FILE]');
      process.exit(flag === '--help' || flag === '-h' ? 0 : 2);
    }
  }
  return args;
}

const TARGETS = { firstPreviewMs: 1500, keystrokeP95Ms: 100, restGzipKB: 300 };

/** Chunks that are Monaco (editor core, features, language service, its workers and styles). */
const MONACO = /^(editor\.api|monaco|editor\.worker|json\.worker|jsonMode|xml|editor|codicon)-/;

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/**
 * tsx (esbuild, keepNames) wraps named functions in `__name(...)`, and Playwright ships the
 * functions we pass to the page as source text: give the page a no-op `__name`.
 */
const NAME_SHIM = 'globalThis.__name = (f) => f;';

async function newContext(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  await context.addInitScript(NAME_SHIM);
  return context;
}

const LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

/** Marks when the status first reads `ok` and when the editor first shows text (page clock). */
const MARKS = () => {
  const marks: Record<string, number> = {};
  (window as unknown as { __marks: typeof marks }).__marks = marks;
  const check = () => {
    if (marks.ok === undefined && document.querySelector('[data-testid="build-status"][data-status="ok"]')) {
      marks.ok = performance.now();
      (window as unknown as { __firstBuild?: () => void }).__firstBuild?.();
    }
    if (marks.editor === undefined && document.querySelector('[data-testid="editor-json"] .view-line')) marks.editor = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
};

interface Fetched {
  readonly file: string;
  readonly raw: number;
  readonly gzip: number;
  readonly monaco: boolean;
}

function distFile(url: string): Fetched | undefined {
  const path = new URL(url).pathname;
  if (!path.startsWith('/assets/') || !path.endsWith('.js')) return undefined;
  const file = resolve(root, 'dist', `.${path}`);
  const bytes = readFileSync(file);
  return { file: basename(path), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, monaco: MONACO.test(basename(path)) };
}

async function firstPreview(browser: Browser, base: string) {
  const context = await newContext(browser);
  const page = await context.newPage();
  const before: string[] = [];
  let built = false;
  await page.exposeFunction('__firstBuild', () => void (built = true));
  // Context-level: includes the module workers' own script requests.
  context.on('request', (r) => {
    if (!built) before.push(r.url());
  });
  await page.addInitScript(MARKS);
  await page.goto(base);
  await page.waitForSelector('[data-testid="build-status"][data-status="ok"]', { timeout: 30_000 });
  await page.waitForFunction(() => (window as unknown as { __marks: { editor?: number } }).__marks.editor !== undefined, undefined, { timeout: 30_000 });
  const marks = await page.evaluate(() => (window as unknown as { __marks: { ok: number; editor: number } }).__marks);
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd };
  });
  await context.close();
  return { ok: marks.ok, editor: marks.editor, dcl: nav.dcl, requests: before };
}

/** Types `count` digits into the quantity, each time waiting for the payable total to change. */
async function keystrokes(page: Page, count: number, quantity: { digit: string }) {
  const dom: number[] = [];
  const frame: number[] = [];
  const engine: number[] = [];
  for (let i = 0; i < count; i++) {
    // 1–9, never the digit already there (so the total always changes).
    const digit = String(((Number(quantity.digit) + (i % 7) + 1) % 9) + 1);
    quantity.digit = digit;
    await page.keyboard.press('Shift+ArrowLeft');
    // Armed (and awaited) before the key is sent, so the keydown cannot be missed.
    await page.evaluate(() => {
      const w = window as unknown as { __edit: Promise<{ dom: number; frame: number; engine: number }> };
      w.__edit = new Promise((resolve, reject) => {
        const el = () => document.querySelector('[data-testid="total-payable"]')?.textContent;
        const before = el();
        let t0 = 0;
        const onkey = (e: KeyboardEvent) => {
          if (/^[0-9]$/.test(e.key)) t0 = e.timeStamp;
        };
        window.addEventListener('keydown', onkey, { capture: true, once: true });
        const obs = new MutationObserver(() => {
          if (!t0 || el() === before || el() === undefined) return;
          const t1 = performance.now();
          obs.disconnect();
          requestAnimationFrame(() => {
            const studio = (window as unknown as { __studio: { studio: { engineMs?: number } } }).__studio.studio;
            resolve({ dom: t1 - t0, frame: performance.now() - t0, engine: studio.engineMs ?? NaN });
          });
        });
        obs.observe(document.body, { subtree: true, childList: true, characterData: true });
        setTimeout(() => reject(new Error(`payable total did not change from ${before}`)), 5000);
      });
    });
    await page.keyboard.press(digit);
    const r = await page.evaluate(() => (window as unknown as { __edit: Promise<{ dom: number; frame: number; engine: number }> }).__edit).catch(async (e) => {
      const info = await page.evaluate(() => {
        const s = (window as unknown as { __studio: { editor: { getValue(): string; getSelection(): unknown }; studio: { status: string } } }).__studio;
        return { q: /"quantity": "[^"]*"/.exec(s.editor.getValue())?.[0], sel: s.editor.getSelection(), status: s.studio.status, pay: document.querySelector('[data-testid="total-payable"]')?.textContent };
      });
      throw new Error(`${(e as Error).message} (digit ${digit}; ${JSON.stringify(info)})`);
    });
    dom.push(r.dom);
    frame.push(r.frame);
    engine.push(r.engine);
  }
  return { dom, frame, engine };
}

async function keystrokeRun(browser: Browser, base: string, args: Args) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(base);
  await page.waitForSelector('[data-testid="build-status"][data-status="ok"]');
  await page.waitForSelector('[data-testid="total-payable"]');
  // Select the 20 of `"quantity": "20"` (the first sample) and make it a single digit.
  await page.evaluate(() => {
    const { editor } = (window as unknown as { __studio: { editor: import('monaco-editor/editor').editor.IStandaloneCodeEditor } }).__studio;
    const model = editor.getModel()!;
    const match = model.findMatches('"quantity": "20"', false, false, true, null, false)[0];
    const r = match.range;
    editor.setSelection({ startLineNumber: r.startLineNumber, startColumn: r.endColumn - 3, endLineNumber: r.endLineNumber, endColumn: r.endColumn - 1 });
    editor.focus();
  });
  await page.keyboard.press('3');
  await page.waitForFunction(() => document.querySelector('[data-testid="total-payable"]')?.textContent === '326.70');
  const quantity = { digit: '3' };
  await keystrokes(page, args.warmup, quantity);
  const r = await keystrokes(page, args.edits, quantity);
  await context.close();
  return r;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;
const ms1 = (n: number) => `${n.toFixed(1)} ms`;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  ensureBuild();
  const server = await preview({ root, logLevel: 'silent', preview: { host: '127.0.0.1', port: args.port, strictPort: true, open: false } });
  const base = `http://127.0.0.1:${args.port}/`;
  const browser = await chromium.launch(LAUNCH);
  try {
    // One unmeasured load warms the OS file cache and the preview server.
    await firstPreview(browser, base);
    const loads = [];
    for (let i = 0; i < args.runs; i++) loads.push(await firstPreview(browser, base));
    const keys = await keystrokeRun(browser, base, args);

    const seen = new Set<string>();
    const fetched: Fetched[] = [];
    for (const url of loads[0].requests) {
      const f = seen.has(url) ? undefined : distFile(url);
      seen.add(url);
      if (f) fetched.push(f);
    }
    const sum = (xs: Fetched[], k: 'raw' | 'gzip') => xs.reduce((a, f) => a + f[k], 0);
    const monaco = fetched.filter((f) => f.monaco);
    const rest = fetched.filter((f) => !f.monaco);

    const okMs = loads.map((l) => l.ok);
    const result = {
      firstPreviewMs: { median: median(okMs), min: Math.min(...okMs), max: Math.max(...okMs), runs: okMs },
      editorTextMs: median(loads.map((l) => l.editor)),
      domContentLoadedMs: median(loads.map((l) => l.dcl)),
      keystrokeToTotalsMs: { median: median(keys.dom), p95: quantile(keys.dom, 0.95), max: Math.max(...keys.dom), n: keys.dom.length },
      keystrokeToFrameMs: { median: median(keys.frame), p95: quantile(keys.frame, 0.95) },
      engineBuildMs: { median: median(keys.engine), p95: quantile(keys.engine, 0.95) },
      jsBeforeFirstBuild: {
        monaco: { raw: sum(monaco, 'raw'), gzip: sum(monaco, 'gzip') },
        rest: { raw: sum(rest, 'raw'), gzip: sum(rest, 'gzip') },
        files: fetched,
      },
      distIndexMtime: statSync(resolve(root, 'dist/index.html')).mtime.toISOString(),
    };

    const ok = (pass: boolean) => (pass ? 'yes' : '**NO**');
    console.log(`\n## Studio benchmark (vite preview on localhost, chromium headless; ${args.runs} cold loads, ${args.edits} edits)\n`);
    console.log('| metric | value | target | met |');
    console.log('|---|---|---|---|');
    console.log(`| first built preview (navigation → status ok), median | ${ms(result.firstPreviewMs.median)} (min ${ms(result.firstPreviewMs.min)}, max ${ms(result.firstPreviewMs.max)}) | < ${TARGETS.firstPreviewMs} ms | ${ok(result.firstPreviewMs.median < TARGETS.firstPreviewMs)} |`);
    console.log(`| editor shows text, median | ${ms(result.editorTextMs)} | | |`);
    console.log(`| DOMContentLoaded, median | ${ms(result.domContentLoadedMs)} | | |`);
    console.log(`| keystroke → totals updated (DOM), median | ${ms1(result.keystrokeToTotalsMs.median)} | | |`);
    console.log(`| keystroke → totals updated (DOM), p95 | ${ms1(result.keystrokeToTotalsMs.p95)} (max ${ms1(result.keystrokeToTotalsMs.max)}) | < ${TARGETS.keystrokeP95Ms} ms | ${ok(result.keystrokeToTotalsMs.p95 < TARGETS.keystrokeP95Ms)} |`);
    console.log(`| keystroke → next frame, median / p95 | ${ms1(result.keystrokeToFrameMs.median)} / ${ms1(result.keystrokeToFrameMs.p95)} | | |`);
    console.log(`| engine build in the worker, median / p95 | ${ms1(result.engineBuildMs.median)} / ${ms1(result.engineBuildMs.p95)} | | |`);
    console.log(`| JS before first build: Monaco (gzip / raw) | ${kb(result.jsBeforeFirstBuild.monaco.gzip)} / ${kb(result.jsBeforeFirstBuild.monaco.raw)} | | |`);
    console.log(`| JS before first build: everything else (gzip / raw) | ${kb(result.jsBeforeFirstBuild.rest.gzip)} / ${kb(result.jsBeforeFirstBuild.rest.raw)} | < ${TARGETS.restGzipKB} KB gzip | ${ok(result.jsBeforeFirstBuild.rest.gzip < TARGETS.restGzipKB * 1024)} |`);
    console.log('\n| JS file fetched before the first build | part | gzip | raw |');
    console.log('|---|---|---|---|');
    for (const f of [...fetched].sort((a, b) => Number(a.monaco) - Number(b.monaco) || b.gzip - a.gzip)) {
      console.log(`| ${f.file} | ${f.monaco ? 'Monaco' : 'app'} | ${kb(f.gzip)} | ${kb(f.raw)} |`);
    }
    if (args.json) writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await browser.close();
    await new Promise<void>((r, j) => server.httpServer.close((e) => (e ? j(e) : r())));
  }
}

await main();
