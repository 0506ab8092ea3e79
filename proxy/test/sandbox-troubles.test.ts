/** Trouble on demand from the embedded sandbox (/api/sandbox/faults), and what the proxy makes of it. */
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerSandboxTroubleRoutes } from '../src/sandbox-troubles.ts';
import { harness, tbaiEnvelope, verifactuEnvelope, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => h?.close());
beforeEach(() => h.faults.clear());

const queue = (kind: string, count?: number) => h.api('/api/sandbox/faults', { body: { kind, ...(count ? { count } : {}) } });
const submit = (code: string) => h.api('/api/submissions', { body: { system: 'ticketbai', zone: 'SS', envelope: tbaiEnvelope(code, 'invoice-ss') } });

describe('/api/sandbox/faults', () => {
  it('queues, lists and clears, with the choices described', async () => {
    const q = await queue('unavailable', 2);
    expect(q.status).toBe(201);
    expect(q.json.queued).toEqual(['unavailable', 'unavailable']);
    const list = await h.api('/api/sandbox/faults');
    expect(list.json.available.map((a: { kind: string }) => a.kind)).toEqual(['unavailable', 'drop-before', 'drop-after', 'malformed', 'slow', 'reject']);
    expect(list.json.available[2].label).toMatch(/answer is lost/);
    const cleared = await h.api('/api/sandbox/faults', { method: 'DELETE' });
    expect(cleared.json.queued).toEqual([]);
  });

  it('refuses what it does not know', async () => {
    for (const body of [{ kind: 'fire' }, { kind: 'slow', count: 0 }, { kind: 'slow', count: 11 }, {}]) {
      const r = await h.api('/api/sandbox/faults', { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.kind).toBe('validation');
    }
    expect((await h.api('/api/sandbox/faults')).json.queued).toEqual([]);
  });

  it('needs the token like every other route', async () => {
    expect((await h.api('/api/sandbox/faults', { token: null })).status).toBe(401);
  });

  it('says so when the proxy runs no embedded sandbox', async () => {
    const app = new Hono();
    registerSandboxTroubleRoutes(app, undefined, async () => ({}) as never);
    app.onError((e, c) => c.json({ message: e.message }, 404));
    const r = await app.request('/api/sandbox/faults');
    expect(await r.json()).toEqual({ message: 'this proxy runs no embedded sandbox authority' });
  });
});

/** The submission once the outbox has retried (the first answer is 202: stored, not answered). */
async function settled(id: string) {
  for (let i = 0; i < 200; i++) {
    const r = await h.api(`/api/submissions/${id}`);
    if (r.json.submission.status !== 'pending') return r.json.submission;
    await new Promise((ok) => setTimeout(ok, 20));
  }
  throw new Error(`submission ${id} still pending`);
}

describe('what the proxy makes of the trouble', () => {
  it('a lost answer: the retry learns the record is there, and the submission counts as accepted', async () => {
    await queue('drop-after');
    const r = await submit('TROUBLE-1');
    expect(r.status, r.text).toBe(202);
    expect(r.json.submission).toMatchObject({ status: 'pending', attempts: 1, lastError: 'TransportError: connection reset (ECONNRESET)' });
    const s = await settled(r.json.submission.id);
    expect(s).toMatchObject({ status: 'accepted', attempts: 2 });
    expect(s.result.note).toBe('the authority already had this record from an earlier attempt');
    expect(s.result.duplicate).toBe(true);
  });

  it.each(['unavailable', 'drop-before', 'malformed'] as const)('%s: stored, then the retry delivers it once', async (kind) => {
    await queue(kind);
    const r = await submit(`TROUBLE-${kind}`);
    expect(r.status, r.text).toBe(202);
    const s = await settled(r.json.submission.id);
    expect(s).toMatchObject({ status: 'accepted', attempts: 2 });
    expect(s.result.duplicate).toBe(false);
    expect((await h.api('/api/sandbox/faults')).json.queued).toEqual([]);
  });
});

describe('a rejection on demand', () => {
  const flag = (xml: string, name: string) => new RegExp(`<sum1:${name}>([^<]*)</sum1:${name}>`).exec(xml)?.[1];

  it('VERI*FACTU: refused with 1104; sent again, it goes with RechazoPrevio X and is registered', async () => {
    await queue('reject');
    const first = await h.api('/api/submissions', { body: { system: 'verifactu', envelope: verifactuEnvelope('REJECT-1') } });
    expect(first.json.submission).toMatchObject({ status: 'rejected', result: { codes: [{ code: '1104' }] } });
    expect(first.json.submission.result.codes[0].message).toMatch(/demo rejection/);
    const again = await h.api('/api/submissions', { body: { system: 'verifactu', envelope: verifactuEnvelope('REJECT-1') } });
    expect(again.json.submission).toMatchObject({ status: 'accepted', resend: 'after-rejection' });
    expect([flag(again.json.submission.signedXml, 'Subsanacion'), flag(again.json.submission.signedXml, 'RechazoPrevio')]).toEqual(['S', 'X']);
  });

  it('TicketBAI Gipuzkoa: refused with 014 (recipient not identified), nothing registered', async () => {
    await queue('reject');
    const r = await submit('REJECT-2');
    expect(r.json.submission).toMatchObject({ status: 'rejected', result: { codes: [{ code: '014' }] } });
    expect((await h.api('/api/sandbox/faults')).json.queued).toEqual([]);
    // Nothing was registered: the same invoice sent again is not a duplicate.
    const again = await submit('REJECT-2');
    expect(again.json.submission.status).toMatch(/^accepted/);
    expect(again.json.submission.result.duplicate).toBe(false);
  });
});
