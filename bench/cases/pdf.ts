/**
 * PDF cases: milliseconds per invoice PDF (renderInvoicePdf, fonts already loaded as bytes, so
 * each run embeds and subsets them, lays out, draws and saves).
 *
 * The harness times synchronous calls, and pdf-lib's API is asynchronous. So the renders run in
 * a worker thread (this same file, started with the bench's own flags) and each timed call
 * posts one request and blocks on `Atomics.wait` until the worker has finished the PDF: the
 * figure is the wall time of a whole render. The baseline is the same round trip with no
 * render, i.e. what the measuring itself costs.
 */
import { readFileSync } from 'node:fs';
import { MessageChannel, Worker, isMainThread, parentPort, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { NotReady, type BenchCase } from '../case.ts';
import { largeInvoice } from '../generate.ts';

type Json = Record<string, any>;

interface Request {
  readonly job: string;
}

interface Reply {
  readonly ok: boolean;
  readonly bytes?: number;
  readonly error?: string;
}

const fromRoot = (p: string) => new URL(`../../${p}`, import.meta.url);

/** The documents rendered: built (and, for TicketBAI, signed) once, before any timing. */
async function jobs(): Promise<Map<string, Json>> {
  const { build } = await import('../../engine/build.ts');
  const { defaultRegistry } = await import('../../engine/registry.ts');
  const { stampTbai } = await import('../../test/pdf/tbai-stamp.ts');
  let n = 0;
  const built = (doc: unknown): Json => {
    const r = build(doc, { now: () => Date.UTC(2025, 10, 20), uuid: () => `0190c2f0-0000-7000-8000-${String(++n).padStart(12, '0')}`, registry: defaultRegistry });
    if (!r.ok) throw new Error(`${r.error.key}: ${r.error.message}`);
    return r.value;
  };
  const tbai = JSON.parse(readFileSync(fromRoot('samples/out/tbai-b2b.json'), 'utf8')) as Json;
  tbai.doc.code = '000001';
  return new Map([
    ['tbai-b2b', stampTbai(tbai).envelope],
    ['verifactu-b2b', JSON.parse(readFileSync(fromRoot('samples/out/verifactu-b2b.json'), 'utf8')) as Json],
    ['300-lines', built(largeInvoice(300, fromRoot('bench/fixtures/es-freelance.json')))],
  ]);
}

/** Worker side: render on request, reply on the port, then wake the waiting main thread. */
async function serve(port: MessagePort, flag: Int32Array): Promise<void> {
  const { renderInvoicePdf } = await import('../../engine/render/pdf/index.ts');
  const { readDefaultFonts } = await import('../../cli/commands/pdf.ts');
  const fonts = await readDefaultFonts();
  const docs = await jobs();
  const reply = (r: Reply) => {
    port.postMessage(r);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
  port.on('message', async (req: Request) => {
    if (req.job === 'noop') return reply({ ok: true, bytes: 0 });
    const doc = docs.get(req.job);
    if (!doc) return reply({ ok: false, error: `unknown job ${req.job}` });
    try {
      const r = await renderInvoicePdf(doc, fonts);
      reply(r.ok ? { ok: true, bytes: r.value.length } : { ok: false, error: r.faults.map((f) => f.message).join('; ') });
    } catch (e) {
      reply({ ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  });
  reply({ ok: true });
}

if (!isMainThread && parentPort) {
  parentPort.once('message', (m: { port: MessagePort; flag: SharedArrayBuffer }) => void serve(m.port, new Int32Array(m.flag)));
}

interface Renderer {
  readonly call: (job: string) => Reply;
}

let renderer: Promise<Renderer> | undefined;

/** One worker for all cases; unref'd so it never keeps the bench process alive. */
function startRenderer(): Promise<Renderer> {
  renderer ??= new Promise<Renderer>((resolve, reject) => {
    // Workers do not inherit the tsx loader: a small bootstrap registers it, then loads this file.
    const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`;
    const worker = new Worker(boot, { eval: true });
    worker.unref();
    const { port1, port2 } = new MessageChannel();
    const sab = new SharedArrayBuffer(4);
    const flag = new Int32Array(sab);
    worker.on('error', reject);
    worker.postMessage({ port: port2, flag: sab }, [port2]);
    const call = (job: string): Reply => {
      Atomics.store(flag, 0, 0);
      port1.postMessage({ job } satisfies Request);
      if (Atomics.wait(flag, 0, 0, 60_000) === 'timed-out') throw new Error(`pdf worker: no answer to ${job} in 60 s`);
      const m = receiveMessageOnPort(port1);
      if (!m) throw new Error('pdf worker: woke without a reply');
      return m.message as Reply;
    };
    // The first reply says the worker has loaded fonts and built the documents.
    const poll = setInterval(() => {
      if (Atomics.load(flag, 0) !== 1) return;
      clearInterval(poll);
      const ready = receiveMessageOnPort(port1)?.message as Reply | undefined;
      if (ready?.ok) resolve({ call });
      else reject(new Error(ready?.error ?? 'pdf worker failed to start'));
    }, 5);
  });
  return renderer;
}

interface State {
  readonly renderer: Renderer;
  readonly job: string;
}

function setup(job: string) {
  return async (): Promise<State> => {
    let r: Renderer;
    try {
      r = await startRenderer();
    } catch (e) {
      throw new NotReady(e instanceof Error ? e.message : String(e), 'cannot render');
    }
    const first = r.call(job);
    if (!first.ok) throw new NotReady(first.error ?? 'render failed', 'cannot render');
    return { renderer: r, job };
  };
}

const run = (s: State): number => {
  const r = s.renderer.call(s.job);
  if (!r.ok) throw new Error(r.error);
  return r.bytes ?? 0;
};
const baseline = (s: State) => s.renderer.call('noop');
const budget = { minTimeMs: 4_000, minIters: 20, warmupIters: 3, warmupMs: 500 };

export const cases: BenchCase<State>[] = isMainThread
  ? [
      {
        name: 'pdf: TicketBAI B2B sample (signed)',
        note: 'samples/out/tbai-b2b.json with tbai-code/tbai-qr stamps: 1 page, TBAI identifier and QR',
        setup: setup('tbai-b2b'),
        run,
        baseline,
        baselineLabel: 'worker round trip',
        budget,
      },
      {
        name: 'pdf: VERI*FACTU B2B sample',
        note: 'samples/out/verifactu-b2b.json: 1 page, QR computed from the invoice',
        setup: setup('verifactu-b2b'),
        run,
        baseline,
        baselineLabel: 'worker round trip',
        budget,
      },
      {
        name: 'pdf: ES 300 lines',
        note: 'generated (bench/generate.ts), built: 10 pages, header repeated, VAT + IRPF breakdown',
        setup: setup('300-lines'),
        run,
        baseline,
        baselineLabel: 'worker round trip',
        budget,
      },
    ]
  : [];
