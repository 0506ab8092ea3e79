import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrivateKey } from 'node:crypto';
import { compactXml } from '../src/xml/dom.ts';
import { CONV, TEST_CERTS, testCredential } from './helpers.ts';
import { harness, ORIGIN, TOKEN, tbaiEnvelope, type Harness } from './harness.ts';

let h: Harness;
const seen: string[] = [];
/** Every response body and header of this file, checked for key material at the end. */
async function call(path: string, init?: Parameters<Harness['api']>[1]) {
  const r = await h.api(path, init);
  seen.push(r.text, JSON.stringify([...r.headers.entries()]));
  return r;
}

const unsignedTbai = (file: string) => compactXml(readFileSync(join(CONV, file), 'utf8')).replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');

function stateSnapshot() {
  return {
    submissions: h.store.list({ limit: 500 }).length,
    chains: JSON.stringify([h.store.tbaiChains(), h.store.verifactuChains()]),
    sandbox: h.sandboxState.requestCount(),
    cert: h.certificates.current().fingerprint(),
  };
}

beforeAll(async () => {
  h = await harness({ maxBodyBytes: 64 * 1024 });
});
afterAll(async () => h?.close());

describe('auth, CORS and limits', () => {
  it('health needs no token; everything else does', async () => {
    const health = await call('/api/health', { token: null });
    expect(health.status).toBe(200);
    expect(health.json).toEqual({ ok: true, authenticated: false });
    expect((await call('/api/health')).json).toEqual({ ok: true, authenticated: true });
    expect((await call('/api/health', { token: null, headers: { cookie: `gobl_proxy_token=${TOKEN}` } })).json.authenticated).toBe(true);
    const r = await call('/api/certificate', { token: null });
    expect(r.status).toBe(401);
    expect(r.json.error.kind).toBe('unauthorized');
    expect((await call('/api/certificate', { token: 'wrong-token' })).status).toBe(401);
    expect((await call('/api/certificate')).status).toBe(200);
  });

  it('the HttpOnly cookie works as the token', async () => {
    const r = await call('/api/certificate', { token: null, headers: { cookie: `gobl_proxy_token=${TOKEN}` } });
    expect(r.status).toBe(200);
  });

  it('CORS only for the studio origin', async () => {
    const pre = await h.app.request('/api/submissions', { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const ok = await call('/api/certificate', { headers: { origin: ORIGIN } });
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const bad = await call('/api/certificate', { headers: { origin: 'https://evil.example' } });
    expect(bad.status).toBe(403);
    expect(bad.json.error.kind).toBe('forbidden');
    expect(bad.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('unknown routes are JSON 404s', async () => {
    const r = await call('/api/nope');
    expect(r.status).toBe(404);
    expect(r.json.error.kind).toBe('not_found');
  });
});

describe('bad input gets a clear 4xx and leaves state untouched', () => {
  const bad: [string, () => Parameters<Harness['api']>[1], number, string][] = [
    ['broken XML', () => ({ body: { system: 'ticketbai', zone: 'SS', xml: '<T:TicketBai xmlns:T="urn:ticketbai:emision"><Cabecera>' } }), 400, 'validation'],
    ['not a TicketBAI document', () => ({ body: { system: 'ticketbai', zone: 'SS', xml: '<Facturae/>' } }), 400, 'validation'],
    ['an already signed document', () => ({ body: { system: 'ticketbai', zone: 'SS', xml: compactXml(readFileSync(join(CONV, 'gobl.ticketbai/test/data/out/invoice-ss.xml'), 'utf8')) } }), 400, 'validation'],
    ['unknown zone', () => ({ body: { system: 'ticketbai', zone: 'XX', envelope: tbaiEnvelope('Z1') } }), 400, 'validation'],
    ['missing zone', () => ({ body: { system: 'ticketbai', envelope: tbaiEnvelope('Z1') } }), 400, 'validation'],
    ['unknown system', () => ({ body: { system: 'facturae', envelope: tbaiEnvelope('Z1') } }), 400, 'validation'],
    ['both envelope and xml', () => ({ body: { system: 'ticketbai', zone: 'BI', envelope: tbaiEnvelope('Z1'), xml: '<a/>' } }), 400, 'validation'],
    ['not JSON', () => ({ body: '{"system": ', headers: { 'content-type': 'application/json' } }), 400, 'validation'],
    ['an envelope the converter refuses', () => ({ body: { system: 'ticketbai', zone: 'BI', envelope: { doc: { $schema: 'x' } } } }), 400, 'validation'],
    ['oversized body', () => ({ body: { system: 'ticketbai', zone: 'BI', xml: 'x'.repeat(70 * 1024) } }), 413, 'too_large'],
    ['no token', () => ({ body: { system: 'ticketbai', zone: 'BI', envelope: tbaiEnvelope('Z1') }, token: null }), 401, 'unauthorized'],
    ['bad idempotency key', () => ({ body: { system: 'ticketbai', zone: 'BI', envelope: tbaiEnvelope('Z1') }, headers: { 'idempotency-key': 'spaces are not ok' } }), 400, 'validation'],
  ];
  it.each(bad)('%s', async (_name, init, status, kind) => {
    const before = stateSnapshot();
    const r = await call('/api/submissions', init());
    expect(r.status, r.text).toBe(status);
    expect(r.json.error.kind).toBe(kind);
    expect(typeof r.json.error.message).toBe('string');
    expect(stateSnapshot()).toEqual(before);
  });

  it('converter faults come back with their codes and JSON paths', async () => {
    const e = tbaiEnvelope('Z2');
    delete e.doc.supplier.tax_id;
    const r = await call('/api/submissions', { body: { system: 'ticketbai', zone: 'BI', envelope: e } });
    expect(r.status).toBe(400);
    expect(r.json.error.details.length).toBeGreaterThan(0);
    expect(r.json.error.details[0].path).toMatch(/^\$/);
  });

  it('wrong certificate password: 400 certificate, the current certificate stays', async () => {
    const before = stateSnapshot();
    const p12 = readFileSync(join(CONV, TEST_CERTS.verifactu.file)).toString('base64');
    const r = await call('/api/certificate', { method: 'PUT', body: { p12, password: 'not-the-password' } });
    expect(r.status).toBe(400);
    expect(r.json.error.kind).toBe('certificate');
    expect(r.json.error.details[0].code).toBe('bad_password');
    expect(stateSnapshot()).toEqual(before);
    const nokey = await call('/api/certificate', { method: 'PUT', body: { p12: readFileSync(join(CONV, 'gobl.facturae/test/certificates/client-without-key.p12')).toString('base64'), password: 'invopop' } });
    expect(nokey.status).toBe(400);
    expect(nokey.json.error.details[0].code).toBe('no_key');
  });
});

describe('submissions', () => {
  it('submits, lists and shows; stamps carry the TBAI code and QR', async () => {
    const r = await call('/api/submissions', { body: { system: 'ticketbai', zone: 'SS', xml: unsignedTbai('gobl.ticketbai/test/data/out/invoice-ss.xml') } });
    expect(r.status, r.text).toBe(201);
    const s = r.json.submission;
    expect(s.status).toBe('accepted');
    expect(s.stamps['tbai-code']).toMatch(/^TBAI-S7836107H-\d{6}-.{13}-\d{3}$/);
    expect(s.stamps['tbai-qr']).toContain('https://tbai.prep.gipuzkoa.eus/qr/?id=');
    expect(s.result.reference).toBe(s.stamps['tbai-code']);
    expect(s.raw.request).toBe(s.signedXml);
    expect(s.raw.response).toContain('<Estado>00</Estado>');
    const list = await call('/api/submissions?authority=tbai-gipuzkoa');
    expect(list.json.submissions.map((x: { id: string }) => x.id)).toContain(s.id);
    expect(list.json.submissions[0].signedXml).toBeUndefined();
    const one = await call(`/api/submissions/${s.id}`);
    expect(one.json.submission.signedXml).toBe(s.signedXml);
    expect((await call('/api/submissions/nope')).status).toBe(404);
    const chains = await call('/api/chains');
    expect(chains.json.ticketbai.find((c: { zone: string }) => c.zone === 'SS').number).toBe('001');
  });

  it('a second alta of the same invoice is rejected by the authority with 005', async () => {
    const xml = unsignedTbai('gobl.ticketbai/test/data/out/invoice-vi.xml');
    const first = await call('/api/submissions', { body: { system: 'ticketbai', zone: 'VI', xml } });
    expect(first.json.submission.status).toBe('accepted');
    const again = await call('/api/submissions', { body: { system: 'ticketbai', zone: 'VI', xml } });
    expect(again.status).toBe(201);
    expect(again.json.submission.status).toBe('rejected');
    expect(again.json.submission.result.codes[0].code).toBe('005');
    expect(again.json.submission.result.duplicate).toBe(true);
  });

  it('the same Idempotency-Key returns the first submission and sends nothing', async () => {
    const body = { system: 'ticketbai', zone: 'BI', envelope: tbaiEnvelope('IDEM-1') };
    const a = await call('/api/submissions', { body, headers: { 'idempotency-key': 'idem-1' } });
    expect(a.status).toBe(201);
    const requests = h.sandboxState.requestCount();
    const b = await call('/api/submissions', { body, headers: { 'idempotency-key': 'idem-1' } });
    expect(b.status).toBe(200);
    expect(b.json.replayed).toBe(true);
    expect(b.json.submission.id).toBe(a.json.submission.id);
    expect(h.sandboxState.requestCount()).toBe(requests);
    const c = await call('/api/submissions', { body: { ...body, envelope: tbaiEnvelope('IDEM-2') }, headers: { 'idempotency-key': 'idem-1' } });
    expect(c.status).toBe(409);
    expect(c.json.error.kind).toBe('conflict');
  });

  it('cancels an alta (Bizkaia LROE AN0) using the tbai-code stamp', async () => {
    const env = tbaiEnvelope('CANCEL-1');
    const a = await call('/api/submissions', { body: { system: 'ticketbai', zone: 'BI', envelope: env } });
    expect(a.json.submission.status).toBe('accepted');
    const c = await call('/api/cancellations', { body: { system: 'ticketbai', zone: 'BI', envelope: env, options: { tbaiCode: a.json.submission.stamps['tbai-code'] } } });
    expect(c.status, c.text).toBe(201);
    expect(c.json.submission.status).toBe('accepted');
    expect(c.json.submission.raw.request).toContain('LROEPJ240FacturasEmitidasConSGAnulacionPeticion');
    const again = await call('/api/cancellations', { body: { system: 'ticketbai', zone: 'BI', envelope: env, options: { tbaiCode: a.json.submission.stamps['tbai-code'] } } });
    expect(again.json.submission.status).toBe('rejected');
    expect(again.json.submission.result.codes.map((x: { code: string }) => x.code)).toContain('B4_2000006');
  });

  it('an unreachable authority leaves the submission pending (202) and the outbox delivers it later', async () => {
    h.faults.push({ kind: 'status', status: 503 });
    const r = await call('/api/submissions', { body: { system: 'ticketbai', zone: 'BI', envelope: tbaiEnvelope('LATER-1') } });
    expect(r.status).toBe(202);
    expect(r.json.submission.status).toBe('pending');
    expect(r.json.submission.lastError).toMatch(/RemoteError/);
    for (let i = 0; i < 100 && h.store.get(r.json.submission.id)!.status === 'pending'; i++) await new Promise((res) => setTimeout(res, 50));
    const s = h.store.get(r.json.submission.id)!;
    expect(s.status).toBe('accepted');
    expect(s.attempts).toBe(2);
  });
});

describe('sign, verify, tax ID lookup, certificate inspector', () => {
  it('signs Facturae with policy 3.1 and verifies it', async () => {
    const xml = compactXml(readFileSync(join(CONV, 'gobl.facturae/test/data/out/invoice-vat.xml'), 'utf8')).replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');
    const s = await call('/api/sign', { body: { format: 'facturae', xml, role: 'supplier' } });
    expect(s.status, s.text).toBe(200);
    expect(s.json.xml).toContain('politica_de_firma_formato_facturae_v3_1.pdf');
    const v = await call('/api/verify', { body: { xml: s.json.xml } });
    expect(v.json.valid).toBe(true);
    expect(v.json.xades.policy.hashValue).toBe('Ohixl6upD6av8N7pEvDABhEL6hM=');
    const bad = await call('/api/sign', { body: { format: 'facturae', xml: '<T:TicketBai xmlns:T="urn:ticketbai:emision"/>' } });
    expect(bad.status).toBe(400);
  });

  it('looks up tax IDs through VNifV2 (sandbox census)', async () => {
    const r = await call('/api/tax-ids/lookup', { body: { items: [{ nif: 'B00000034', name: 'HOTEL ADIBIDEZ' }, { nif: '12345678A', name: 'X' }] } });
    expect(r.status).toBe(200);
    expect(r.json.results.map((x: { code: string }) => x.code)).toEqual(['IDENTIFICADO', 'NO_IDENTIFICADO']);
  });

  it('inspects the certificate: holder NIF, validity, warnings', async () => {
    const r = await call('/api/certificate');
    expect(r.json.certificate.holder.nif).toBe('S7836107H');
    expect(r.json.certificate.warnings).toEqual([]);
    const up = await call('/api/certificate', { method: 'PUT', body: { p12: readFileSync(join(CONV, TEST_CERTS.facturae.file)).toString('base64'), password: TEST_CERTS.facturae.password } });
    expect(up.status).toBe(200);
    expect(up.json.certificate.warnings).toContain('expired');
    expect(up.json.certificate.holder.nif).toBe('99999999R');
    h.certificates.replace(readFileSync(join(CONV, TEST_CERTS.izenpe.file)), TEST_CERTS.izenpe.password, false);
  });
});

describe('private keys never leave the proxy', () => {
  it('no response, header or log line of this suite contains key material', () => {
    const keys = [testCredential('izenpe'), testCredential('facturae'), h.tlsCredential].map((c) => c.tlsKeyPair().key);
    // The secret parts of each key (private exponent and primes) in every encoding a leak could take.
    const needles = keys.flatMap((pem) => {
      const jwk = createPrivateKey(pem).export({ format: 'jwk' }) as Record<string, string>;
      return ['d', 'p', 'q'].flatMap((k) => {
        const bytes = Buffer.from(jwk[k], 'base64url');
        return [jwk[k].slice(0, 40), bytes.toString('base64').slice(0, 40), bytes.toString('hex').slice(0, 40)];
      });
    });
    const haystack = [...seen, ...h.logs].join('\n');
    expect(haystack.length).toBeGreaterThan(10_000);
    expect(haystack).not.toMatch(/PRIVATE KEY/);
    for (const n of needles) expect(haystack.includes(n)).toBe(false);
    // A credential printed or serialized by mistake shows public data only.
    expect(JSON.stringify(testCredential('izenpe'))).not.toMatch(/PRIVATE|"key"/);
  });
});

describe('studio serving', () => {
  it('serves dist/ with the token as an HttpOnly SameSite=Strict cookie on the index page', async () => {
    const dir = join(h.dir, 'dist');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>studio</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    const { harness: make } = await import('./harness.ts');
    const h2 = await make({ studioDir: dir });
    try {
      const index = await h2.app.request('/');
      expect(index.status).toBe(200);
      const cookie = index.headers.get('set-cookie')!;
      expect(cookie).toContain(`gobl_proxy_token=${TOKEN}`);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(await index.text()).not.toContain(TOKEN);
      const js = await h2.app.request('/assets/app.js');
      expect(js.headers.get('content-type')).toMatch(/javascript/);
      expect(js.headers.get('set-cookie')).toBeNull();
      expect((await h2.app.request('/../../etc/passwd')).status).toBe(200); // falls back to index, never outside dist
      expect(await (await h2.app.request('/../../etc/passwd')).text()).toContain('studio');
    } finally {
      await h2.close();
    }
  });
});

describe('loopback only', () => {
  it('a request for another host name (DNS rebinding) is refused', async () => {
    const r = await h.app.request('/api/health', { headers: { host: 'evil.example:8787' } });
    expect(r.status).toBe(403);
    const ok = await h.app.request('/api/health', { headers: { host: '127.0.0.1:8787' } });
    expect(ok.status).toBe(200);
  });
});
