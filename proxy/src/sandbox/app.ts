/**
 * The embedded sandbox authority as an HTTP app: the real services' paths (endpoints.ts), each
 * running the real checks and answering the real documents, plus fault injection for tests
 * (delay, 5xx, connection reset before or after processing, malformed answer).
 */
import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import type { TLSSocket } from 'node:tls';
import { ENDPOINTS } from '../authorities/endpoints.ts';
import { sii, verifactu, vnif } from './aeat-handlers.ts';
import { lroe, tbaiRest, type SandboxAnswer, type SandboxDeps } from './handlers.ts';
import type { SchemaValidator } from './schema.ts';
import type { SandboxState } from './state.ts';

export type SandboxFault =
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'status'; readonly status: number }
  /** Drop the connection before processing (nothing registered). */
  | { readonly kind: 'reset' }
  /** Process and register, then drop the connection (the client never learns the outcome). */
  | { readonly kind: 'reset-after' }
  | { readonly kind: 'malformed' }
  /** Process, then refuse the first record for its content (an authority's rejection, on demand). */
  | { readonly kind: 'reject' };

/** Faults for the next requests (first in, first out), and optionally for every request. */
export class FaultPlan {
  #queue: SandboxFault[] = [];
  always: SandboxFault[] = [];
  push(...f: SandboxFault[]): this {
    this.#queue.push(...f);
    return this;
  }
  clear(): void {
    this.#queue = [];
    this.always = [];
  }
  next(): SandboxFault[] {
    const one = this.#queue.shift();
    return one ? [...this.always, one] : [...this.always];
  }
  get queued(): number {
    return this.#queue.length;
  }
  /** The faults still waiting for a request, first one next. */
  list(): readonly SandboxFault[] {
    return [...this.#queue];
  }
}

export interface SandboxOptions {
  readonly state: SandboxState;
  readonly schema: SchemaValidator;
  readonly now?: () => Date;
  readonly faults?: FaultPlan;
  /** Refuse requests that come without a client certificate (when served over TLS). */
  readonly requireClientCertificate?: boolean;
  readonly maxBodyBytes?: number;
}

const pathOf = (url: string) => new URL(url).pathname;

export const SANDBOX_PATHS = {
  gipuzkoaAlta: pathOf(ENDPOINTS['tbai-gipuzkoa'].alta!.production),
  gipuzkoaCancel: pathOf(ENDPOINTS['tbai-gipuzkoa'].cancel!.production),
  arabaAlta: pathOf(ENDPOINTS['tbai-araba'].alta!.production),
  arabaCancel: pathOf(ENDPOINTS['tbai-araba'].cancel!.production),
  lroe: pathOf(ENDPOINTS['tbai-bizkaia'].lroe!.production),
  siiIssued: pathOf(ENDPOINTS.sii['sii-issued']!.production),
  siiReceived: pathOf(ENDPOINTS.sii['sii-received']!.production),
  verifactu: pathOf(ENDPOINTS.verifactu.verifactu!.production),
  vnif: pathOf(ENDPOINTS.vnif.vnif!.production),
} as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function send(a: SandboxAnswer): Response {
  const body = typeof a.body === 'string' ? a.body : new Uint8Array(a.body);
  return new Response(body, { status: a.status, headers: a.headers });
}

type Env = { Bindings: HttpBindings; Variables: { forceReject: boolean } };

function socketOf(c: Context<Env>) {
  return c.env?.incoming?.socket;
}

export function createSandboxApp(o: SandboxOptions): Hono<Env> {
  const base: SandboxDeps = { state: o.state, schema: o.schema, now: o.now ?? (() => new Date()) };
  const faults = o.faults ?? new FaultPlan();
  const app = new Hono<Env>();
  // Per request: whether a queued 'reject' fault applies to this one.
  const depsOf = (c: Context<Env>): SandboxDeps => (c.get('forceReject') ? { ...base, forceReject: true } : base);
  const maxBody = o.maxBodyBytes ?? 20 * 1024 * 1024;

  app.get('/sandbox/health', (c) => c.json({ ok: true }));

  app.use('*', async (c, next) => {
    const plan = faults.next();
    const sock = socketOf(c);
    c.set('forceReject', plan.some((f) => f.kind === 'reject'));
    for (const f of plan) {
      if (f.kind === 'delay') await sleep(f.ms);
      if (f.kind === 'reset') {
        sock?.destroy();
        return new Response(null, { status: 500 });
      }
      if (f.kind === 'status') return c.html(`<html><body><h1>${f.status} Service Unavailable</h1></body></html>`, f.status as 500);
      if (f.kind === 'malformed') return c.body('<?xml version="1.0"?><ns2:TicketBaiResponse xmlns:ns2="urn:ticketbai:emision"><Salida><Estado>0', 200, { 'content-type': 'application/xml' });
    }
    if (o.requireClientCertificate && sock && 'getPeerCertificate' in sock) {
      const cert = (sock as TLSSocket).getPeerCertificate();
      if (!cert || !cert.raw) return c.html('<html><body><h1>403 Forbidden</h1><p>Se requiere un certificado de cliente.</p></body></html>', 403);
    }
    const len = Number(c.req.header('content-length') ?? '0');
    if (len > maxBody) return c.text('Request Entity Too Large', 413);
    await next();
    base.state.logRequest(c.req.path, c.res.status, base.now().toISOString());
    if (plan.some((f) => f.kind === 'reset-after')) {
      sock?.destroy();
    }
  });

  const text = async (c: Context) => Buffer.from(await c.req.arrayBuffer()).toString('utf8');
  app.post(SANDBOX_PATHS.gipuzkoaAlta, async (c) => send(await tbaiRest(depsOf(c), 'SS', 'alta', await text(c))));
  app.post(SANDBOX_PATHS.gipuzkoaCancel, async (c) => send(await tbaiRest(depsOf(c), 'SS', 'cancel', await text(c))));
  app.post(SANDBOX_PATHS.arabaAlta, async (c) => send(await tbaiRest(depsOf(c), 'VI', 'alta', await text(c))));
  app.post(SANDBOX_PATHS.arabaCancel, async (c) => send(await tbaiRest(depsOf(c), 'VI', 'cancel', await text(c))));
  app.post(SANDBOX_PATHS.lroe, async (c) => {
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
    return send(await lroe(depsOf(c), headers, Buffer.from(await c.req.arrayBuffer())));
  });
  app.post(SANDBOX_PATHS.siiIssued, async (c) => send(await sii(depsOf(c), 'fe', await text(c))));
  app.post(SANDBOX_PATHS.siiReceived, async (c) => send(await sii(depsOf(c), 'fr', await text(c))));
  app.post(SANDBOX_PATHS.verifactu, async (c) => send(await verifactu(depsOf(c), await text(c))));
  app.post(SANDBOX_PATHS.vnif, async (c) => send(await vnif(depsOf(c), await text(c))));
  app.notFound((c) => c.html('<html><body><h1>404 Not Found</h1></body></html>', 404));
  app.onError((e, c) => c.html(`<html><body><h1>500 Internal Server Error</h1><p>${String(e.message).replace(/</g, '&lt;')}</p></body></html>`, 500));
  return app;
}
