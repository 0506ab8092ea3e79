/**
 * The organisation model (seed 000): organisation → managed organisations → API keys (TEST/LIVE)
 * exchanged for access tokens → taxpayer (territory decides TicketBAI or VERI*FACTU) → signers →
 * clients (POS; disabling is permanent) → invoices. TEST keys never touch LIVE resources, other
 * customers' resources do not exist, a disabled client cannot issue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { verifyXml } from '../src/signing/verify.ts';
import { sample, wfHarness, type WfHarness } from './workflows.harness.ts';

let h: WfHarness;
beforeAll(async () => {
  h = await wfHarness();
});
afterAll(async () => h?.close());

const as = (token: string) => ({ 'x-access-token': token });

async function setup(name: string) {
  const org = (await h.api('/api/org/organisations', { body: { name: 'POS Provider S.L.', billing_address: { street: 'Gran Vía 1', locality: 'Bilbao', country: 'ES' } } })).json.organisation;
  const managed = (await h.api(`/api/org/organisations/${org.id}/managed`, { body: { name } })).json.managedOrganisation;
  const keys: Record<'TEST' | 'LIVE', { token: string; key: string; secret: string }> = {} as never;
  for (const env of ['TEST', 'LIVE'] as const) {
    const k = await h.api(`/api/org/managed/${managed.id}/api-keys`, { body: { env } });
    expect(k.status).toBe(201);
    const t = await h.api('/api/org/auth', { body: { api_key: k.json.key.id, api_secret: k.json.secret } });
    expect(t.status, t.text).toBe(200);
    expect(t.json).toMatchObject({ env, managed_organization_id: managed.id, token_type: 'Bearer' });
    keys[env] = { token: t.json.access_token, key: k.json.key.id, secret: k.json.secret };
  }
  return { org, managed, keys };
}

describe('organisation → managed organisation → API key → access token', () => {
  it('secrets are shown once and kept hashed; a wrong secret or revoked key gets no token', async () => {
    const { managed, keys } = await setup('Bar Pintxo');
    const list = (await h.api('/api/org/organisations')).json.organisations;
    const m = list.flatMap((o: any) => o.managed).find((x: any) => x.id === managed.id);
    expect(m.apiKeys.map((k: any) => k.env)).toEqual(['TEST', 'LIVE']);
    expect(JSON.stringify(list)).not.toContain(keys.TEST.secret);
    expect((await h.api('/api/org/auth', { body: { api_key: keys.TEST.key, api_secret: 'sec_wrong' } })).status).toBe(401);
    expect((await h.api('/api/org/me')).status).toBe(401);
    expect((await h.api('/api/org/me', { headers: as('gsat_nope') })).status).toBe(401);
    expect((await h.api('/api/org/me', { headers: as(keys.TEST.token) })).json).toMatchObject({ env: 'TEST', authorityEnv: 'sandbox' });
    // The access token also works as the bearer when the proxy token travels in its cookie (the studio).
    expect((await h.api('/api/org/me', { token: null, headers: { authorization: `Bearer ${keys.LIVE.token}`, cookie: 'gobl_proxy_token=test-token-0123456789abcdefghijklmnopqrstuvwxyz' } })).json.env).toBe('LIVE');
    // The proxy token is still required in front of it.
    expect((await h.api('/api/org/me', { token: null, headers: as(keys.TEST.token) })).status).toBe(401);
    await h.api(`/api/org/api-keys/${keys.TEST.key}/revoke`, { method: 'POST' });
    expect((await h.api('/api/org/me', { headers: as(keys.TEST.token) })).status).toBe(401);
    expect((await h.api('/api/org/auth', { body: { api_key: keys.TEST.key, api_secret: keys.TEST.secret } })).status).toBe(401);
  });
});

describe('taxpayer → signer → client → invoices (TicketBAI, Bizkaia)', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  let signer: any;
  let client: any;

  beforeAll(async () => {
    ctx = await setup('Restaurante Bilbao');
  });

  it('a Bizkaia taxpayer is TicketBAI; its signer gets a device certificate kept out of reach', async () => {
    const t = ctx.keys.TEST.token;
    const bad = await h.api('/api/org/taxpayer', { headers: as(t), body: { name: 'X', tax_id: 'A99805195', territory: 'BIZKAIA' } });
    expect(bad.status).toBe(400);
    const tp = await h.api('/api/org/taxpayer', { headers: as(t), body: { name: 'HFPn5yhXZ9tdD4pHRbvwymaVPrGZQr', tax_id: 'A99805194', territory: 'BIZKAIA' } });
    expect(tp.status, tp.text).toBe(201);
    expect(tp.json.taxpayer).toMatchObject({ system: 'ticketbai', territory: 'BIZKAIA', env: 'TEST' });
    expect((await h.api('/api/org/taxpayer', { headers: as(t), body: { name: 'again', tax_id: 'A99805194', territory: 'BIZKAIA' } })).status).toBe(409);
    const s = await h.api('/api/org/signers', { headers: as(t), body: {} });
    expect(s.status, s.text).toBe(201);
    signer = s.json.signer;
    expect(signer).toMatchObject({ kind: 'device', env: 'TEST' });
    expect(signer.subject).toContain('VATES-A99805194');
    expect(JSON.stringify(s.json)).not.toMatch(/PRIVATE KEY|keyPass|keyFile/);
    const file = join(h.store.db.name, '..', 'signers', `${signer.id}.p12`);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('a client (POS) issues with the default TicketBAI workflow: its own device chain, signed by its signer', async () => {
    const t = ctx.keys.TEST.token;
    const c = await h.api('/api/org/clients', { headers: as(t), body: { signer_id: signer.id, name: 'Caja 1', serial: 'CAJA-1' } });
    expect(c.status, c.text).toBe(201);
    client = c.json.client;
    expect(client).toMatchObject({ state: 'ENABLED', serial: 'CAJA-1', env: 'TEST' });
    const r = await h.api(`/api/org/clients/${client.id}/invoices`, { headers: as(t), body: { invoice: sample('tbai-b2b.json'), wait: true } });
    expect(r.status, r.text).toBe(201);
    const job = r.json.job;
    expect(job.status, JSON.stringify(job.steps.map((x: any) => x.error).filter(Boolean))).toBe('completed');
    expect(job).toMatchObject({ scope: `org:${ctx.managed.id}`, env: 'sandbox', clientId: client.id });
    expect(job.entry).toMatchObject({ state: 'sent', code: 'F000001' });
    // Chained per device, signed by the signer's device certificate (not the proxy's).
    const sub = h.store.get(job.steps[3].output.submissionId)!;
    expect(sub.chainKey).toBe('tbai:BI:A99805194:CAJA-1');
    expect(sub.signedXml).toContain('<NumSerieDispositivo>CAJA-1</NumSerieDispositivo>');
    const v = verifyXml(sub.signedXml);
    expect(v.valid, JSON.stringify(v.errors)).toBe(true);
    expect(v.signer?.subject).toContain(signer.id);
    const list = (await h.api(`/api/org/clients/${client.id}/invoices`, { headers: as(t) })).json.entries;
    expect(list.map((e: any) => e.code)).toEqual(['F000001']);
    // The organisation's sequence is its own (the workspace's is untouched).
    expect(h.engine.store.sequences({ scope: `org:${ctx.managed.id}` })[0]).toMatchObject({ env: 'sandbox', last: 1 });
    // Another client issues on its own chain.
    const c2 = (await h.api('/api/org/clients', { headers: as(t), body: { signer_id: signer.id } })).json.client;
    const r2 = (await h.api(`/api/org/clients/${c2.id}/invoices`, { headers: as(t), body: { invoice: sample('tbai-b2b.json'), wait: true } })).json.job;
    expect(r2.entry.code).toBe('F000002');
    expect(h.store.get(r2.steps[3].output.submissionId)!.chainKey).toBe(`tbai:BI:A99805194:${c2.serial}`);
  });

  it('an invoice of another supplier is refused', async () => {
    const doc = sample('tbai-b2b.json');
    doc.supplier.tax_id.code = 'B98602642';
    const r = (await h.api(`/api/org/clients/${client.id}/invoices`, { headers: as(ctx.keys.TEST.token), body: { invoice: doc, wait: true } })).json.job;
    expect(r.status).toBe('failed');
    expect(r.steps.find((s: any) => s.status === 'failed').error.code).toBe('issuer');
  });

  it('a TEST key cannot touch LIVE resources, nor LIVE keys TEST ones; other customers see nothing', async () => {
    const live = ctx.keys.LIVE.token;
    const test = ctx.keys.TEST.token;
    // LIVE has its own (empty) world.
    expect((await h.api('/api/org/taxpayer', { headers: as(live) })).status).toBe(404);
    expect((await h.api('/api/org/clients', { headers: as(live) })).json.clients).toEqual([]);
    // TEST resources, named with a LIVE token: forbidden.
    for (const path of [`/api/org/clients/${client.id}`, `/api/org/signers/${signer.id}`, `/api/org/clients/${client.id}/invoices`]) {
      const r = await h.api(path, { headers: as(live) });
      expect(r.status, path).toBe(403);
      expect(r.json.error.message).toMatch(/LIVE access token cannot touch TEST resources/);
    }
    expect((await h.api(`/api/org/clients/${client.id}/invoices`, { headers: as(live), body: { invoice: sample('tbai-b2b.json') } })).status).toBe(403);
    expect((await h.api('/api/org/clients', { headers: as(live), body: { signer_id: signer.id } })).status).toBe(403);
    expect((await h.api(`/api/org/clients/${client.id}/disable`, { headers: as(live), method: 'POST' })).status).toBe(403);

    // LIVE resources, named with a TEST token: forbidden.
    await h.api('/api/org/taxpayer', { headers: as(live), body: { name: 'HFPn5yhXZ9tdD4pHRbvwymaVPrGZQr', tax_id: 'A99805194', territory: 'BIZKAIA' } });
    const liveSigner = (await h.api('/api/org/signers', { headers: as(live), body: {} })).json.signer;
    const liveClient = (await h.api('/api/org/clients', { headers: as(live), body: { signer_id: liveSigner.id } })).json.client;
    expect(liveClient.env).toBe('LIVE');
    const r = await h.api(`/api/org/clients/${liveClient.id}`, { headers: as(test) });
    expect(r.status).toBe(403);
    expect(r.json.error.message).toMatch(/TEST access token cannot touch LIVE resources/);
    expect((await h.api(`/api/org/clients/${liveClient.id}/invoices`, { headers: as(test), body: { invoice: sample('tbai-b2b.json'), wait: true } })).status).toBe(403);
    expect((await h.api('/api/org/clients', { headers: as(test), body: { signer_id: liveSigner.id } })).status).toBe(403);

    // A TEST job is not reachable with the LIVE token either.
    const testJob = (await h.api(`/api/org/clients/${client.id}/invoices`, { headers: as(test), body: { invoice: sample('tbai-b2b.json'), wait: true } })).json.job;
    expect((await h.api(`/api/org/jobs/${testJob.id}`, { headers: as(live) })).status).toBe(403);
    expect((await h.api(`/api/org/jobs/${testJob.id}`, { headers: as(test) })).status).toBe(200);

    // Another customer's token: the resources do not exist for it.
    const other = await setup('Otro Cliente');
    expect((await h.api(`/api/org/clients/${client.id}`, { headers: as(other.keys.TEST.token) })).status).toBe(404);
    expect((await h.api(`/api/org/jobs/${testJob.id}`, { headers: as(other.keys.TEST.token) })).status).toBe(404);
    expect((await h.api('/api/org/clients', { headers: as(other.keys.TEST.token), body: { signer_id: signer.id } })).status).toBe(404);
  });

  it('a disabled client cannot issue (nor re-run), and disabling is permanent', async () => {
    const t = ctx.keys.TEST.token;
    const before = (await h.api(`/api/org/clients/${client.id}/invoices`, { headers: as(t) })).json.entries.length;
    const last = (await h.api(`/api/org/clients/${client.id}/invoices`, { headers: as(t), body: { invoice: sample('tbai-b2b.json'), wait: true } })).json.job;
    const d = await h.api(`/api/org/clients/${client.id}/disable`, { headers: as(t), method: 'POST' });
    expect(d.json.client).toMatchObject({ state: 'DISABLED' });
    expect(d.json.client.disabledAt).toBeTruthy();
    const r = await h.api(`/api/org/clients/${client.id}/invoices`, { headers: as(t), body: { invoice: sample('tbai-b2b.json'), wait: true } });
    expect(r.status).toBe(403);
    expect(r.json.error.message).toMatch(/disabled client cannot issue/);
    expect((await h.api(`/api/org/jobs/${last.id}/rerun`, { headers: as(t), body: { wait: true } })).status).toBe(403);
    expect((await h.api(`/api/org/clients/${client.id}/enable`, { headers: as(t), method: 'POST' })).status).toBe(409);
    expect((await h.api(`/api/org/clients/${client.id}`, { headers: as(t) })).json.client.state).toBe('DISABLED');
    expect((await h.api(`/api/org/clients/${client.id}/invoices`, { headers: as(t) })).json.entries.length).toBe(before + 1);
    // Nor through the workspace API.
    expect((await h.api(`/api/jobs/${last.id}/rerun`, { body: {} })).status).toBe(403);
  });
});

describe('a taxpayer in the rest of Spain is VERI*FACTU', () => {
  it('its signer is the taxpayer certificate and its clients issue VERI*FACTU records', async () => {
    const { keys } = await setup('Diseño Madrid');
    const t = keys.TEST.token;
    const doc = sample('verifactu-b2b.json');
    const nif = doc.supplier.tax_id.code;
    expect((await h.api('/api/org/taxpayer', { headers: as(t), body: { name: doc.supplier.name, tax_id: nif, territory: 'SPAIN_OTHER' } })).json.taxpayer.system).toBe('verifactu');
    const signer = (await h.api('/api/org/signers', { headers: as(t), body: {} })).json.signer;
    expect(signer.kind).toBe('taxpayer');
    const client = (await h.api('/api/org/clients', { headers: as(t), body: { signer_id: signer.id } })).json.client;
    const job = (await h.api(`/api/org/clients/${client.id}/invoices`, { headers: as(t), body: { invoice: doc, wait: true } })).json.job;
    expect(job.status, JSON.stringify(job.steps.map((x: any) => x.error).filter(Boolean))).toBe('completed');
    expect(job.name).toBe('VERI*FACTU issue invoice');
    expect(job.entry).toMatchObject({ code: 'VF000001', state: 'sent' });
    expect(job.entry.stamps['verifactu-huella']).toBeTruthy();
  });
});
