/**
 * The proxy API as a Hono app, built from injected parts (no listen here; tests use app.request).
 * Every /api route needs the token (Bearer header, or the HttpOnly cookie the studio page gets);
 * cross-origin calls are only allowed from the studio's origin; bodies are size-limited and
 * schema-checked; errors are `{error: {kind, message, details?}}` with a closed set of kinds.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AUTHORITIES, ENDPOINTS, type Environment } from './authorities/endpoints.ts';
import { vnifClient } from './authorities/vnif.ts';
import { RemoteError } from './authorities/types.ts';
import { TransportError } from './authorities/transport.ts';
import { CertificateError } from './certificates/pkcs12.ts';
import type { CertificateManager } from './certificates/manager.ts';
import { isProxyError, ProxyError } from './errors.ts';
import { CertificateBody, ListQuery, LookupBody, SignBody, SubmitBody, VerifyBody } from './schemas.ts';
import type { SubmitRequest } from './service/documents.ts';
import { silentLog, SubmissionService, type Authorities, type Log, type ServiceDeps } from './service/submissions.ts';
import { verifyXml } from './signing/verify.ts';
import { signXades } from './signing/xades.ts';
import type { ProfileKey } from './signing/profiles.ts';
import type { Store, SubmissionRow } from './store/sqlite.ts';
import { serveStudio, TOKEN_COOKIE } from './studio.ts';
import { parseXml, XmlSyntaxError } from './xml/dom.ts';
import { registerOrganisationRoutes } from './organisations/routes.ts';
import { noSchemaValidation, type SchemaValidator } from './sandbox/schema.ts';
import { registerXmlCheckRoute } from './xml-check.ts';
import { registerSandboxTroubleRoutes } from './sandbox-troubles.ts';
import { registerExplainRoute } from './explain.ts';
import type { FaultPlan } from './sandbox/app.ts';
import { Organisations } from './organisations/service.ts';
import { registerWorkflowRoutes } from './workflows/routes.ts';
import { WorkflowEngine } from './workflows/runner.ts';
import type { SoftwareInfo } from '../../engine/convert/types.ts';

export interface AppDeps {
  /** Holds the signing/TLS certificate (the "signer"). */
  readonly signer: CertificateManager;
  readonly authorities: Authorities;
  readonly store: Store;
  readonly clock: () => Date;
  readonly log?: Log;
  readonly token: string;
  /** The studio's origin(s) (e.g. http://127.0.0.1:8787 and http://localhost:8787); the only ones CORS allows. */
  readonly origin: string | readonly string[];
  readonly software: SoftwareInfo;
  readonly maxBodyBytes?: number;
  /** Built studio to serve (dist/); omitted in tests. */
  readonly studioDir?: string;
  /** A service built by the caller (server.ts runs its recovery); otherwise made here. */
  readonly service?: SubmissionService;
  readonly waitMs?: number;
  /** The workflow runner (workflows/); made here over the same store and service when absent. */
  readonly workflows?: WorkflowEngine;
  /** The organisation model (organisations/); made here when absent. */
  readonly organisations?: Organisations;
  /** XSD checks of the studio's XML (POST /api/xml/check); without it the check says it did not run. */
  readonly schema?: SchemaValidator;
  /** The embedded sandbox's fault queue (POST /api/sandbox/faults); absent when there is none. */
  readonly sandboxFaults?: FaultPlan;
}

const API_HEADERS = 'authorization, content-type, idempotency-key';

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function jsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new ProxyError('validation', 'the body must be JSON (Content-Type: application/json)');
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    throw new ProxyError(
      'validation',
      'the request does not match the schema',
      r.error.issues.map((i) => ({ path: '$' + i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join(''), message: i.message })),
    );
  }
  return r.data;
}

/** The public view of a submission (raw exchange only in the detail view). */
export function submissionView(s: SubmissionRow, detail: boolean) {
  const base = {
    id: s.id,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    authority: s.authority,
    operation: s.operation,
    env: s.env,
    zone: s.zone,
    format: s.format,
    issuer: s.issuer,
    series: s.series,
    number: s.number,
    issueDate: s.issueDate,
    chain: { key: s.chainKey, seq: s.chainSeq },
    status: s.status,
    attempts: s.attempts,
    lastError: s.lastError,
    stamps: s.stamps,
    result: s.result,
    idempotencyKey: s.idempotencyKey,
    /** VERI*FACTU: why this alta was sent as a subsanación (`amendment`, `after-rejection`). */
    resend: (s.sendInfo as { resend?: string }).resend,
  };
  return detail ? { ...base, signedXml: s.signedXml, signatureValue: s.signatureValue, raw: { request: s.rawRequest, response: s.rawResponse, httpStatus: s.httpStatus } } : base;
}

export function createApp(d: AppDeps): Hono {
  const log = d.log ?? silentLog;
  const deps: ServiceDeps = { store: d.store, certificates: d.signer, authorities: d.authorities, clock: d.clock, software: d.software, log, waitMs: d.waitMs };
  const service = d.service ?? new SubmissionService(deps);
  const origins: readonly string[] = typeof d.origin === 'string' ? [d.origin] : d.origin;
  const app = new Hono();

  app.onError((e, c) => {
    if (isProxyError(e)) return c.json(e.toJSON(), e.status as 400);
    if (e instanceof CertificateError) return c.json(new ProxyError('certificate', e.message, [{ code: e.code, message: e.message }]).toJSON(), 400);
    if (e instanceof XmlSyntaxError) return c.json(new ProxyError('validation', `the XML is not well-formed: ${e.message}`).toJSON(), 400);
    if (e instanceof TransportError || e instanceof RemoteError) return c.json({ error: { kind: 'unavailable', message: `the authority did not answer usably: ${e.message}` } }, 503);
    log.error('unhandled error', { path: c.req.path, error: e instanceof Error ? e.message : String(e) });
    return c.json({ error: { kind: 'internal', message: 'Internal Server Error' } }, 500);
  });
  app.notFound((c) => c.json({ error: { kind: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404));

  // Loopback names only (a DNS-rebound hostname pointing at 127.0.0.1 is refused).
  app.use('*', async (c, next) => {
    const host = (c.req.header('host') ?? new URL(c.req.url).host).replace(/:\d+$/, '');
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) throw new ProxyError('forbidden', `host ${host} is not served: use 127.0.0.1 or localhost`);
    await next();
  });

  // CORS: only the studio's origin (and same-origin calls), and only for the API.
  app.use('/api/*', async (c, next) => {
    const origin = c.req.header('origin');
    const self = new URL(c.req.url).origin;
    if (origin && origin !== self && !origins.includes(origin)) throw new ProxyError('forbidden', `origin ${origin} is not allowed`);
    if (c.req.method === 'OPTIONS') {
      if (!origin) throw new ProxyError('forbidden', 'a CORS preflight needs an Origin');
      return c.body(null, 204, {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
        'access-control-allow-headers': API_HEADERS,
        'access-control-allow-credentials': 'true',
        'access-control-max-age': '600',
        vary: 'origin',
      });
    }
    await next();
    if (origin) {
      c.header('access-control-allow-origin', origin);
      c.header('access-control-allow-credentials', 'true');
      c.header('vary', 'origin');
    }
    c.header('cache-control', 'no-store');
  });

  app.use(
    '/api/*',
    bodyLimit({
      maxSize: d.maxBodyBytes ?? 5 * 1024 * 1024,
      onError: () => {
        throw new ProxyError('too_large', `the body is larger than ${d.maxBodyBytes ?? 5 * 1024 * 1024} bytes`);
      },
    }),
  );

  const authorized = (c: Context) => {
    const bearer = c.req.header('authorization')?.replace(/^Bearer\s+/i, '');
    return sameToken(bearer, d.token) || sameToken(getCookie(c, TOKEN_COOKIE), d.token);
  };

  app.use('/api/*', async (c, next) => {
    if (c.req.path === '/api/health') return next();
    if (!authorized(c)) {
      throw new ProxyError('unauthorized', 'missing or wrong proxy token: open the studio from the proxy, or send Authorization: Bearer <token>');
    }
    await next();
  });

  // `authenticated` lets the studio know whether its cookie works before making calls that would 401.
  app.get('/api/health', (c) => c.json({ ok: true, authenticated: authorized(c) }));

  app.get('/api/authorities', (c) => c.json({ authorities: AUTHORITIES.map((k) => ({ key: k, endpoints: ENDPOINTS[k] })) }));

  app.get('/api/certificate', (c) => c.json({ certificate: d.signer.info(d.clock()) }));

  app.put('/api/certificate', async (c) => {
    const b = await jsonBody(c, CertificateBody);
    d.signer.replace(Buffer.from(b.p12, 'base64'), b.password);
    log.info('certificate replaced', { subject: d.signer.current().leaf.subject.split('\n').pop() });
    return c.json({ certificate: d.signer.info(d.clock()) });
  });

  app.post('/api/sign', async (c) => {
    const b = await jsonBody(c, SignBody);
    const root = parseXml(b.xml).documentElement!;
    const expected = { ticketbai: ['TicketBai', 'AnulaTicketBai'], facturae: ['Facturae'], verifactu: ['RegistroAlta', 'RegistroAnulacion', 'RegistroEvento'] }[b.format];
    if (!expected.includes(root.localName ?? '')) throw new ProxyError('validation', `a ${b.format} document has root ${expected.join(' or ')}, not <${root.tagName}>`);
    const profile: ProfileKey = b.format === 'ticketbai' ? `ticketbai-${b.zone!}` : b.format;
    let signed;
    try {
      signed = signXades(b.xml, d.signer.current(), { profile, docId: b.docId ?? crypto.randomUUID(), signingTime: d.clock(), role: b.role });
    } catch (e) {
      throw new ProxyError('validation', e instanceof Error ? e.message : String(e));
    }
    return c.json({ xml: signed.xml, signatureValue: signed.signatureValue, docId: signed.docId });
  });

  app.post('/api/verify', async (c) => {
    const b = await jsonBody(c, VerifyBody);
    const r = verifyXml(b.xml);
    return c.json({ valid: r.valid, errors: r.errors, references: r.references, signatureAlgorithm: r.signatureAlgorithm, signer: r.signer ? { subject: r.signer.subject, issuer: r.signer.issuer, serialNumber: r.signer.serialNumber } : undefined, xades: r.xades });
  });

  const submit = (operation: 'alta' | 'cancel') => async (c: Context) => {
    const b = await jsonBody(c, SubmitBody);
    const key = c.req.header('idempotency-key');
    if (key !== undefined && !/^[A-Za-z0-9._:-]{1,200}$/.test(key)) throw new ProxyError('validation', 'Idempotency-Key: 1 to 200 letters, digits, ".", "_", ":" or "-"');
    const req: SubmitRequest = { system: b.system, zone: b.zone, env: b.env, operation, envelope: b.envelope, xml: b.xml, options: b.options };
    const out = await service.submit(req, key);
    const s = out.submission;
    const status = s.status === 'pending' ? 202 : out.replayed ? 200 : 201;
    return c.json({ submission: submissionView(s, true), replayed: out.replayed }, status);
  };
  registerXmlCheckRoute(app, d.schema ?? noSchemaValidation, jsonBody);
  registerSandboxTroubleRoutes(app, d.sandboxFaults, jsonBody);
  registerExplainRoute(app, jsonBody);

  app.post('/api/submissions', submit('alta'));
  app.post('/api/cancellations', submit('cancel'));

  app.get('/api/submissions', (c) => {
    const q = ListQuery.safeParse(c.req.query());
    if (!q.success) throw new ProxyError('validation', 'bad query', q.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    return c.json({ submissions: d.store.list(q.data).map((s) => submissionView(s, false)), counts: d.store.counts() });
  });

  app.get('/api/submissions/:id', (c) => {
    const s = d.store.get(c.req.param('id'));
    if (!s) throw new ProxyError('not_found', `no submission ${c.req.param('id')}`);
    return c.json({ submission: submissionView(s, true) });
  });

  app.get('/api/chains', (c) => c.json({ ticketbai: d.store.tbaiChains(), verifactu: d.store.verifactuChains() }));

  app.post('/api/tax-ids/lookup', async (c) => {
    const b = await jsonBody(c, LookupBody);
    const ctx = d.authorities.context(b.env as Environment);
    const r = await vnifClient.lookup(b.items, ctx);
    if (r.fault) return c.json({ error: { kind: 'validation', message: `AEAT refused the lookup: ${r.fault.message}`, details: [{ code: r.fault.code, message: r.fault.message }] } }, 400);
    return c.json({ results: r.entries, raw: { request: r.raw.request, response: r.raw.response } });
  });

  const workflows = d.workflows ?? new WorkflowEngine({ store: d.store, service, clock: d.clock, log });
  registerWorkflowRoutes(app, workflows);
  const organisations = d.organisations ?? new Organisations({ store: d.store, engine: workflows, authorities: d.authorities, software: d.software, clock: d.clock, certificates: d.signer, log });
  registerOrganisationRoutes(app, organisations, workflows);

  app.all('/api/*', (c) => c.json({ error: { kind: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404));

  if (d.studioDir) app.get('*', serveStudio(d.studioDir, d.token));
  return app;
}
