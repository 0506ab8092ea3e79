/**
 * The organisation API. Everything is under /api, so the proxy token is needed as for every call
 * (it guards the machine); on top of it:
 *
 * Dashboard (the proxy token alone — whoever runs the proxy sets customers up):
 *   POST /api/org/organisations                     {name, billing_address?}
 *   GET  /api/org/organisations                     with their managed organisations and keys
 *   POST /api/org/organisations/:id/managed         {name}
 *   POST /api/org/managed/:id/api-keys              {env: TEST|LIVE, name?} → {key, secret} (secret shown once)
 *   POST /api/org/api-keys/:id/revoke
 *   POST /api/org/auth                              {api_key, api_secret} → {access_token, env, …}
 *
 * SIGN ES (an access token, as `X-Access-Token`, or `Authorization: Bearer gsat_…` when the proxy
 * token travels in its cookie — the studio's case):
 *   GET  /api/org/me
 *   POST /api/org/taxpayer  {name, tax_id, territory}   GET /api/org/taxpayer
 *   POST /api/org/signers   {certificate?: {p12, password}}   GET /api/org/signers, /api/org/signers/:id
 *   POST /api/org/clients   {signer_id, name?, serial?}       GET /api/org/clients, /api/org/clients/:id
 *   POST /api/org/clients/:id/disable                         (permanent; enable answers 409)
 *   POST /api/org/clients/:id/invoices  {invoice | entry_id, workflow?, wait?}   GET …/invoices
 *   GET  /api/org/jobs/:id, POST /api/org/jobs/:id/rerun, GET /api/org/jobs/:id/artifacts/:phase/:index/:name
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { ProxyError } from '../errors.ts';
import { answerJob, artifactResponse, entryView, jobView, readJson } from '../workflows/routes.ts';
import type { WorkflowEngine } from '../workflows/runner.ts';
import { TOKEN_PREFIX, type Organisations, type Principal } from './service.ts';

const Env = z.enum(['TEST', 'LIVE']);
const Territory = z.enum(['ARABA', 'BIZKAIA', 'GIPUZKOA', 'SPAIN_OTHER']);

function accessToken(c: Context): string | undefined {
  const header = c.req.header('x-access-token');
  if (header) return header.trim();
  const bearer = c.req.header('authorization')?.replace(/^Bearer\s+/i, '');
  return bearer?.startsWith(TOKEN_PREFIX) ? bearer : undefined;
}

export function registerOrganisationRoutes(app: Hono, orgs: Organisations, engine: WorkflowEngine): void {
  const who = (c: Context): Principal => orgs.principal(accessToken(c));

  // Dashboard ---------------------------------------------------------------------------------

  app.post('/api/org/organisations', async (c) => {
    const b = await readJson(c, z.object({ name: z.string().trim().min(1).max(200), billing_address: z.record(z.string(), z.unknown()).optional() }).strict());
    return c.json({ organisation: orgs.createOrganisation(b.name, b.billing_address) }, 201);
  });

  app.get('/api/org/organisations', (c) =>
    c.json({
      organisations: orgs.store.organisations().map((o) => ({
        ...o,
        managed: orgs.store.managedOf(o.id).map((m) => ({ ...m, apiKeys: orgs.store.apiKeysOf(m.id), test: orgs.store.counts(m.id, 'TEST'), live: orgs.store.counts(m.id, 'LIVE') })),
      })),
    }),
  );

  app.post('/api/org/organisations/:id/managed', async (c) => {
    const b = await readJson(c, z.object({ name: z.string().trim().min(1).max(200) }).strict());
    return c.json({ managedOrganisation: orgs.createManaged(c.req.param('id'), b.name) }, 201);
  });

  app.post('/api/org/managed/:id/api-keys', async (c) => {
    const b = await readJson(c, z.object({ env: Env, name: z.string().trim().min(1).max(100).optional() }).strict());
    const r = orgs.createApiKey(c.req.param('id'), b.env, b.name);
    return c.json({ key: r.key, secret: r.secret }, 201);
  });

  app.post('/api/org/api-keys/:id/revoke', (c) => {
    orgs.revokeApiKey(c.req.param('id'));
    return c.json({ revoked: true });
  });

  app.post('/api/org/auth', async (c) => {
    const b = await readJson(c, z.object({ api_key: z.string().min(1).max(200), api_secret: z.string().min(1).max(200) }).strict());
    const t = orgs.exchange(b.api_key, b.api_secret);
    return c.json({ access_token: t.accessToken, token_type: 'Bearer', expires_in: t.expiresIn, expires_at: t.expiresAt, env: t.env, managed_organization_id: t.managedId });
  });

  // SIGN ES -----------------------------------------------------------------------------------

  app.get('/api/org/me', (c) => c.json(orgs.overview(who(c))));

  app.post('/api/org/taxpayer', async (c) => {
    const p = who(c);
    const b = await readJson(c, z.object({ name: z.string().trim().min(1).max(120), tax_id: z.string().trim().min(9).max(12), territory: Territory }).strict());
    return c.json({ taxpayer: orgs.createTaxpayer(p, { name: b.name, nif: b.tax_id, territory: b.territory }) }, 201);
  });

  app.get('/api/org/taxpayer', (c) => c.json({ taxpayer: orgs.taxpayer(who(c)) }));

  app.post('/api/org/signers', async (c) => {
    const p = who(c);
    const b = await readJson(c, z.object({ certificate: z.object({ p12: z.string().min(1), password: z.string() }).strict().optional() }).strict());
    return c.json({ signer: orgs.createSigner(p, b.certificate) }, 201);
  });

  app.get('/api/org/signers', (c) => {
    const p = who(c);
    return c.json({ signers: orgs.store.signersOf(p.managedId, p.env) });
  });

  app.get('/api/org/signers/:id', (c) => c.json({ signer: orgs.signer(who(c), c.req.param('id')) }));

  app.post('/api/org/clients', async (c) => {
    const p = who(c);
    const b = await readJson(c, z.object({ signer_id: z.string().min(1), name: z.string().trim().min(1).max(100).optional(), serial: z.string().regex(/^[A-Za-z0-9._-]{1,30}$/).optional() }).strict());
    return c.json({ client: orgs.createClient(p, { signerId: b.signer_id, name: b.name, serial: b.serial }) }, 201);
  });

  app.get('/api/org/clients', (c) => {
    const p = who(c);
    return c.json({ clients: orgs.store.clientsOf(p.managedId, p.env) });
  });

  app.get('/api/org/clients/:id', (c) => c.json({ client: orgs.client(who(c), c.req.param('id')) }));

  app.post('/api/org/clients/:id/disable', (c) => c.json({ client: orgs.disableClient(who(c), c.req.param('id')) }));

  app.post('/api/org/clients/:id/enable', (c) => {
    const cl = orgs.client(who(c), c.req.param('id'));
    if (cl.state === 'DISABLED') throw new ProxyError('conflict', `client ${cl.id} was disabled: disabling is permanent, create a new client`);
    return c.json({ client: cl });
  });

  app.post('/api/org/clients/:id/invoices', async (c) => {
    const p = who(c);
    const b = await readJson(c, z.object({ invoice: z.unknown().optional(), entry_id: z.string().min(1).optional(), workflow: z.unknown().optional(), wait: z.boolean().default(false) }).strict());
    return answerJob(c, engine, orgs.issue(p, c.req.param('id'), { invoice: b.invoice, entryId: b.entry_id, workflow: b.workflow }), b.wait);
  });

  app.get('/api/org/clients/:id/invoices', (c) => {
    const p = who(c);
    const cl = orgs.client(p, c.req.param('id'));
    return c.json({ entries: engine.store.entries({ scope: `org:${p.managedId}`, clientId: cl.id, limit: Number(c.req.query('limit')) || 50 }).map((e) => entryView(e)) });
  });

  const job = (c: Context) => {
    const p = who(c);
    const j = engine.store.job(c.req.param('id') ?? '');
    if (!j || j.scope !== `org:${p.managedId}`) throw new ProxyError('not_found', `no job ${c.req.param('id')}`);
    if (j.env !== (p.env === 'TEST' ? 'sandbox' : 'production')) throw new ProxyError('forbidden', `a ${p.env} access token cannot touch jobs of the other environment`);
    return j;
  };

  app.get('/api/org/jobs/:id', (c) => c.json({ job: jobView(engine, job(c)) }));

  app.post('/api/org/jobs/:id/rerun', async (c) => {
    const j = job(c);
    const b = await readJson(c, z.object({ wait: z.boolean().default(false) }).strict());
    const as = j.clientId ? orgs.runAs(orgs.client(who(c), j.clientId)) : undefined;
    return answerJob(c, engine, engine.rerun(j.id, as), b.wait);
  });

  app.get('/api/org/jobs/:id/artifacts/:phase/:index/:name', (c) => artifactResponse(c, engine, job(c)));
}
