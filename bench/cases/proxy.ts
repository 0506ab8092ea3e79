/**
 * Proxy cases.
 *   - "proxy: XAdES sign (TicketBAI)": one enveloped XAdES-EPES signature of a TicketBAI invoice
 *     (C14N of three parts, SHA-512 digests, RSA-2048) — timed like the other rows.
 *   - "proxy: sign+submit, 50 clients": a load run done in setup (it is asynchronous, the runner
 *     times synchronous work): 50 concurrent clients post GOBL envelopes to the API (in process),
 *     which converts, chains, signs, stores and submits each to the embedded sandbox over HTTPS
 *     with mutual TLS (schema, signature and chain checks included); once with one issuer (one
 *     chain: deliveries are sequential by design) and once with 50 issuers (50 chains). The row
 *     times the synchronous part of one submission (convert + sign); the note carries the load
 *     figures: submissions per second and p50/p99 latency seen by the clients.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NotReady, type BenchCase } from '../case.ts';

const SHARED = new URL('../../../shared/', import.meta.url).pathname;
const CONV = join(SHARED, 'conformance/converters');
const quick = process.argv.includes('--quick');

async function loadHarness() {
  if (!existsSync(CONV)) throw new NotReady(`reference data missing (${CONV})`, 'needs ../shared');
  return import('../../proxy/test/harness.ts');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface LoadFigures {
  perSecond: number;
  p50: number;
  p99: number;
  total: number;
}

async function load(issuers: number): Promise<LoadFigures> {
  const { harness, tbaiEnvelope } = await loadHarness();
  const h = await harness({ waitMs: 600_000 });
  const clients = 50;
  const perClient = quick ? 2 : 6;
  const latencies: number[] = [];
  const t0 = performance.now();
  try {
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let i = 0; i < perClient; i++) {
          const env = tbaiEnvelope(`B${c}-${i}`);
          // Distinct issuers: valid NIFs B0000003·4 style are not needed, the chain key is the NIF.
          if (issuers > 1) env.doc.supplier.tax_id.code = issuerNif(c % issuers);
          const s = performance.now();
          const r = await h.api('/api/submissions', { body: { system: 'ticketbai', zone: 'BI', envelope: env } });
          latencies.push(performance.now() - s);
          if (r.status !== 201 || r.json.submission.status !== 'accepted') throw new Error(`submission failed: ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
        }
      }),
    );
  } finally {
    await h.close();
  }
  const wall = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / wall, p50: percentile(latencies, 50), p99: percentile(latencies, 99), total: latencies.length };
}

/** Entity NIFs with a correct control digit: B + 7 digits + control. */
function issuerNif(i: number): string {
  const digits = String(1000000 + i).slice(-7);
  let sum = 0;
  for (let k = 0; k < 7; k++) {
    const d = Number(digits[k]);
    if (k % 2 === 0) sum += Math.floor((d * 2) / 10) + ((d * 2) % 10);
    else sum += d;
  }
  return `B${digits}${(10 - (sum % 10)) % 10}`;
}

let figures = '';
const fmt = (f: LoadFigures) => `${f.perSecond.toFixed(1)} submissions/s, p50 ${(f.p50 / 1000).toFixed(2)} s, p99 ${(f.p99 / 1000).toFixed(2)} s (${f.total} submissions)`;

export const cases: BenchCase[] = [
  {
    name: 'proxy: XAdES sign (TicketBAI)',
    note: 'enveloped XAdES-EPES, Bizkaia policy, Izenpe test certificate (RSA-2048), ~5 KB invoice',
    async setup() {
      if (!existsSync(CONV)) throw new NotReady(`reference data missing (${CONV})`, 'needs ../shared');
      const { loadPkcs12 } = await import('../../proxy/src/certificates/pkcs12.ts');
      const { signXades } = await import('../../proxy/src/signing/xades.ts');
      const { compactXml } = await import('../../proxy/src/xml/dom.ts');
      const cred = loadPkcs12(readFileSync(join(CONV, 'gobl.ticketbai/test/certs/EntitateOrdezkaria_RepresentanteDeEntidad.p12')), 'IZDesa2025');
      const xml = compactXml(readFileSync(join(CONV, 'gobl.ticketbai/test/data/out/sample-invoice2.xml'), 'utf8')).replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');
      return () => signXades(xml, cred, { profile: 'ticketbai-BI', docId: 'bench', signingTime: new Date() });
    },
    run: (sign: () => unknown) => sign(),
  },
  {
    name: 'proxy: sign+submit, 50 clients',
    get note() {
      return figures || 'load run did not complete';
    },
    async setup() {
      const one = await load(1);
      const many = await load(50);
      figures = `50 concurrent clients — one issuer (one chain): ${fmt(one)}; 50 issuers: ${fmt(many)}. Row: convert + chain + sign of one submission`;
      const { toTicketBai } = await import('../../engine/convert/ticketbai/index.ts');
      const { loadPkcs12 } = await import('../../proxy/src/certificates/pkcs12.ts');
      const { signXades } = await import('../../proxy/src/signing/xades.ts');
      const { tbaiEnvelope, SOFTWARE } = await loadHarness();
      const cred = loadPkcs12(readFileSync(join(CONV, 'gobl.ticketbai/test/certs/EntitateOrdezkaria_RepresentanteDeEntidad.p12')), 'IZDesa2025');
      const env = tbaiEnvelope('BENCH');
      return () => {
        const r = toTicketBai(env, { zone: 'BI', now: new Date().toISOString(), software: SOFTWARE });
        if (!r.ok) throw new Error('convert failed');
        return signXades(r.value, cred, { profile: 'ticketbai-BI', docId: 'bench', signingTime: new Date() });
      };
    },
    run: (op: () => unknown) => op(),
    budget: { minTimeMs: 1000 },
  },
];
