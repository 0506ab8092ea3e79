import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildText, uuidV7 } from '../../../engine/index.ts';
import { ProxyClient } from './client.ts';
import { prettyXml } from './pretty-xml.ts';
import { qrDrawing } from './qr.ts';
import { SubmitState } from './submit.svelte.ts';
import {
  canCancel,
  cancelBody,
  chainHead,
  deviceOf,
  invoiceLabel,
  issuerOf,
  readiness,
  sameInvoice,
  stampedEnvelope,
  submitBody,
  targetForAddons,
  zoneOf,
  type SubmitChoice,
} from './submit.ts';
import type { Chains, Submission, SubmissionSummary } from './types.ts';

const LOCAL = { hostname: '127.0.0.1', protocol: 'http:' };
let seq = 0;
const opts = { uuid: () => uuidV7(Date.UTC(2026, 0, 1) + seq++, new Uint8Array(10)), now: Date.UTC(2026, 0, 1) };

function built(file: string, patch: Record<string, unknown> = {}): Record<string, unknown> {
  const doc = { ...JSON.parse(readFileSync(`samples/${file}`, 'utf8')), ...patch };
  const r = buildText(JSON.stringify(doc), opts as never);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as Record<string, unknown>;
}

const choice = (c: Partial<SubmitChoice> = {}): SubmitChoice => ({ target: 'ticketbai', zone: 'BI', env: 'sandbox', device: '', thirdParty: false, activity: '', sign: false, ...c });

function summary(s: Partial<SubmissionSummary> = {}): SubmissionSummary {
  return {
    id: 'x',
    createdAt: '2026-01-01T00:00:00Z',
    authority: 'tbai-bizkaia',
    operation: 'alta',
    env: 'sandbox',
    zone: 'BI',
    format: 'ticketbai',
    issuer: 'A99805194',
    series: 'F1',
    number: '101',
    issueDate: '01-01-2026',
    chain: { key: 'tbai:BI:A99805194:TPV-1', seq: 1 },
    status: 'accepted',
    attempts: 1,
    stamps: { 'tbai-code': 'TBAI-A99805194-010126-AAAAAAAAAAAAA-000' },
    ...s,
  };
}

/** A fetch answering from a table of `METHOD path` → [status, body, content type]. */
function fakeFetch(routes: Record<string, [number, unknown, string?]>, calls: string[] = []) {
  return async (input: string, init?: RequestInit): Promise<Response> => {
    const key = `${init?.method ?? 'GET'} ${input.replace(/\?.*$/, '')}`;
    calls.push(key);
    const r = routes[key];
    if (!r) throw new TypeError('Failed to fetch');
    const [status, body, type = 'application/json'] = r;
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': type } });
  };
}

describe('what the document asks for', () => {
  it('picks the authority from the addon and the province from es-tbai-region', () => {
    const tbai = built('tbai-b2b.json', { code: '101' });
    expect(targetForAddons(['es-tbai-v1'])).toBe('ticketbai');
    expect(targetForAddons(['es-verifactu-v1'])).toBe('verifactu');
    expect(targetForAddons(['es-sii-v1'])).toBe('sii-issued');
    expect(zoneOf(tbai)).toBe('BI');
    expect(issuerOf(tbai, 'ticketbai')).toBe('A99805194');
    expect(issuerOf(tbai, 'sii-received')).toBe('B98602642');
    expect(invoiceLabel(tbai)).toBe('F1-101');
  });

  it('blocks an invoice without a number, and warns when the addon does not match', () => {
    const r = readiness(built('tbai-b2b.json'), 'ticketbai', 'ok');
    expect(r.blockers.join(' ')).toContain('no number');
    const ok = readiness(built('tbai-b2b.json', { code: '1' }), 'verifactu', 'ok');
    expect(ok.blockers).toEqual([]);
    expect(ok.warnings.join(' ')).toContain('es-verifactu-v1');
    expect(readiness(undefined, 'ticketbai', 'faults').blockers[0]).toContain('does not build');
  });
});

describe('request bodies', () => {
  it('TicketBAI: zone and options; VERI*FACTU: no zone; SII: the book', () => {
    const env = { doc: {} };
    expect(submitBody(choice({ device: ' TPV-1 ', thirdParty: true, activity: '197330' }), env)).toEqual({
      system: 'ticketbai',
      zone: 'BI',
      env: 'sandbox',
      envelope: env,
      options: { device: 'TPV-1', thirdParty: true, activity: '197330' },
    });
    // The epígrafe is Bizkaia's only.
    expect(submitBody(choice({ zone: 'SS', activity: '197330' }), env)).toEqual({ system: 'ticketbai', zone: 'SS', env: 'sandbox', envelope: env });
    expect(submitBody(choice({ target: 'verifactu', env: 'test' }), env)).toEqual({ system: 'verifactu', env: 'test', envelope: env });
    expect(submitBody(choice({ target: 'sii-received' }), env)).toEqual({ system: 'sii', env: 'sandbox', envelope: env, options: { book: 'received' } });
  });

  it('cancels on the same device with the alta TBAI code', () => {
    const s = summary();
    expect(deviceOf(s)).toBe('TPV-1');
    expect(canCancel(s)).toBe(true);
    expect(canCancel(summary({ status: 'rejected' }))).toBe(false);
    expect(canCancel(summary({ operation: 'cancel' }))).toBe(false);
    expect(canCancel(summary({ authority: 'sii' }))).toBe(false);
    expect(cancelBody(s, { doc: {} })).toEqual({
      system: 'ticketbai',
      zone: 'BI',
      env: 'sandbox',
      envelope: { doc: {} },
      options: { device: 'TPV-1', tbaiCode: 'TBAI-A99805194-010126-AAAAAAAAAAAAA-000' },
    });
    expect(cancelBody(summary({ authority: 'verifactu', zone: null, env: 'test' }), 1)).toEqual({ system: 'verifactu', env: 'test', envelope: 1 });
  });

  it('knows the envelope a submission came from', () => {
    expect(sameInvoice(summary(), built('tbai-b2b.json', { code: '101' }))).toBe(true);
    expect(sameInvoice(summary(), built('tbai-b2b.json', { code: '102' }))).toBe(false);
    const vf = built('verifactu-b2b.json');
    expect(sameInvoice(summary({ authority: 'verifactu', series: undefined, number: 'VF2025-000127', issuer: 'B87421566' }), vf)).toBe(true);
  });
});

describe('chains and stamps', () => {
  const chains: Chains = {
    ticketbai: [
      { zone: 'BI', issuer: 'A99805194', device: '', series: 'F1', number: '2', issueDate: '01-01-2026', signature: 's', seq: 2 },
      { zone: 'BI', issuer: 'A99805194', device: 'TPV-1', series: 'F1', number: '7', issueDate: '01-01-2026', signature: 't', seq: 7 },
    ],
    verifactu: [{ issuerNif: 'B87421566', seriesCode: 'VF-1', issueDate: '01-01-2026', huella: 'H', seq: 1 }],
  };

  it('finds the issuer’s last link (TicketBAI per province and device)', () => {
    expect(chainHead(chains, 'ticketbai', 'A99805194', 'BI', '')?.seq).toBe(2);
    expect(chainHead(chains, 'ticketbai', 'A99805194', 'BI', 'TPV-1')?.seq).toBe(7);
    expect(chainHead(chains, 'ticketbai', 'A99805194', 'SS', '')).toBeUndefined();
    expect(chainHead(chains, 'verifactu', 'B87421566', 'BI', '')?.seq).toBe(1);
    expect(chainHead(chains, 'sii-issued', 'B87421566', 'BI', '')).toBeUndefined();
  });

  it('the stamped copy builds, keeps the stamps and prints them', () => {
    const env = built('tbai-b2b.json', { code: '101' });
    const stamps = { 'tbai-code': 'TBAI-A99805194-231126-BTzA3qLFCL55g-017', 'tbai-qr': 'https://batuz.eus/QRTBAI/?id=TBAI-A99805194-231126-BTzA3qLFCL55g-017&s=F1&nf=101&i=2178.00&cr=156' };
    const copy = stampedEnvelope(env, stamps);
    const r = buildText(JSON.stringify(copy), opts as never);
    expect(r.ok).toBe(true);
    const head = (r as unknown as { value: { head: { stamps: unknown; uuid: string } } }).value.head;
    expect(head.stamps).toEqual([
      { prv: 'tbai-code', val: stamps['tbai-code'] },
      { prv: 'tbai-qr', val: stamps['tbai-qr'] },
    ]);
    // Stamping again replaces, never duplicates.
    expect((stampedEnvelope(copy, stamps).head as { stamps: unknown[]; ignore: unknown[] }).stamps).toHaveLength(2);
    expect((stampedEnvelope(copy, stamps).head as { ignore: unknown[] }).ignore).toEqual(['GOBL-ENVELOPE-12']);
  });

  it('draws the QR with a quiet zone', () => {
    const q = qrDrawing('https://batuz.eus/QRTBAI/?id=x');
    expect(q.side).toBeGreaterThan(21 + 7);
    expect(q.runs.every(([x, y]) => x >= 4 && y >= 4 && x < q.side - 4 && y < q.side - 4)).toBe(true);
  });
});

describe('prettyXml', () => {
  it('indents, keeps text elements on one line and quoted ">" in attributes', () => {
    const xml = '<?xml version="1.0"?><a x="1>2"><b>t</b><c/><d><e></e></d></a>';
    expect(prettyXml(xml)).toBe('<?xml version="1.0"?>\n<a x="1>2">\n  <b>t</b>\n  <c/>\n  <d>\n    <e></e>\n  </d>\n</a>\n');
  });
  it('leaves what it cannot read as it is', () => {
    expect(prettyXml('not < xml')).toBe('not < xml');
  });
});

describe('ProxyClient', () => {
  it('makes no request from a page not on loopback', async () => {
    const calls: string[] = [];
    const c = new ProxyClient({ fetch: fakeFetch({}, calls), location: { hostname: 'studio.example.org', protocol: 'https:' } });
    expect((await c.probe()).state).toBe('absent');
    expect(calls).toEqual([]);
  });

  it('tells a static server (index page for every path) from the proxy', async () => {
    const html = new ProxyClient({ fetch: fakeFetch({ 'GET /api/health': [200, '<!doctype html>', 'text/html'] }), location: LOCAL });
    expect((await html.probe()).state).toBe('absent');
    const down = new ProxyClient({ fetch: fakeFetch({}), location: LOCAL });
    expect((await down.probe()).state).toBe('absent');
    const noCookie = new ProxyClient({ fetch: fakeFetch({ 'GET /api/health': [200, { ok: true, authenticated: false }] }), location: LOCAL });
    expect((await noCookie.probe()).state).toBe('unauthorized');
    const ok = new ProxyClient({ fetch: fakeFetch({ 'GET /api/health': [200, { ok: true, authenticated: true }] }), location: LOCAL });
    expect((await ok.probe()).state).toBe('ready');
  });

  it('turns error answers and network failures into values', async () => {
    const c = new ProxyClient({
      fetch: fakeFetch({ 'POST /api/submissions': [400, { error: { kind: 'validation', message: 'no', details: [{ code: 'CONVERT-TBAI-02', path: '$.doc.code', message: 'code is required' }] } }] }),
      location: LOCAL,
    });
    const r = await c.post('/api/submissions', {});
    expect(r).toEqual({ ok: false, error: { kind: 'validation', message: 'no', details: [{ code: 'CONVERT-TBAI-02', path: '$.doc.code', message: 'code is required' }], status: 400 } });
    const n = await c.get('/api/chains');
    expect(!n.ok && n.error.kind).toBe('network');
  });
});

describe('SubmitState', () => {
  const sub = { ...summary({ id: 's1' }), signedXml: '<a/>', raw: { request: '<r/>', response: '<s/>', httpStatus: 200 } } satisfies Submission;
  const routes: Record<string, [number, unknown, string?]> = {
    'GET /api/health': [200, { ok: true, authenticated: true }],
    'GET /api/submissions': [200, { submissions: [sub], counts: { accepted: 1 } }],
    'GET /api/chains': [200, { ticketbai: [], verifactu: [] }],
    'GET /api/certificate': [200, { certificate: { subject: 'CN=x', warnings: [] } }],
    'POST /api/submissions': [201, { submission: sub, replayed: false }],
  };

  it('loads after finding the proxy, keeps the envelope of what it submitted', async () => {
    const calls: string[] = [];
    const st = new SubmitState(new ProxyClient({ fetch: fakeFetch(routes, calls), location: LOCAL }));
    await st.connect();
    expect(st.ready).toBe(true);
    expect(st.history?.submissions).toHaveLength(1);
    const env = { doc: { code: '101' } };
    await st.submit(choice(), env);
    expect(st.shown?.id).toBe('s1');
    expect(st.shownIsResult).toBe(true);
    expect(st.envelopeOf('s1')).toBe(env);
    expect(calls.filter((c) => c === 'POST /api/submissions')).toHaveLength(1);
  });

  it('does not submit to production without the confirmation', async () => {
    const calls: string[] = [];
    const st = new SubmitState(new ProxyClient({ fetch: fakeFetch(routes, calls), location: LOCAL }));
    await st.connect();
    await st.submit(choice({ env: 'production' }), {});
    expect(calls).not.toContain('POST /api/submissions');
    st.productionConfirmed = true;
    await st.submit(choice({ env: 'production' }), {});
    expect(calls).toContain('POST /api/submissions');
    expect(st.productionConfirmed).toBe(false);
  });

  it('says nothing to a server without the proxy', async () => {
    const calls: string[] = [];
    const st = new SubmitState(new ProxyClient({ fetch: fakeFetch({ 'GET /api/health': [200, '<html>', 'text/html'] }, calls), location: LOCAL }));
    await st.connect();
    await st.submit(choice(), {});
    await st.refresh();
    expect(st.connection.state).toBe('absent');
    expect(calls).toEqual(['GET /api/health']);
  });
});
