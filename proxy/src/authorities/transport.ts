/**
 * One HTTPS POST with the client certificate (mutual TLS), used by every authority client. Node's
 * https module rather than fetch: it takes the key pair per request and lets TLS 1.2 servers
 * renegotiate to ask for the certificate, as AEAT does (converters.md §8.7).
 */
import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { createHash } from 'node:crypto';
import type { Credential } from '../certificates/credential.ts';

export interface HttpRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly credential?: Credential;
  /** Extra trusted CAs (PEM), added to Node's defaults unless `replaceCa`. */
  readonly ca?: readonly string[];
  readonly replaceCa?: boolean;
  readonly timeoutMs?: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export type TransportErrorCode = 'timeout' | 'reset' | 'refused' | 'tls' | 'network';

/** The request did not get an HTTP answer. Always safe to retry (the outbox does). */
export class TransportError extends Error {
  override readonly name = 'TransportError' as const;
  constructor(
    readonly code: TransportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function classify(e: NodeJS.ErrnoException): TransportError {
  const c = e.code ?? '';
  if (c === 'ECONNRESET' || c === 'EPIPE' || /socket hang up/.test(e.message)) return new TransportError('reset', `connection reset (${c || e.message})`);
  if (c === 'ECONNREFUSED') return new TransportError('refused', 'connection refused');
  if (c.startsWith('ERR_TLS') || c.startsWith('ERR_SSL') || /certificate|alert|handshake|SSL/i.test(e.message)) return new TransportError('tls', `TLS failure: ${e.message}`);
  return new TransportError('network', e.message);
}

/**
 * Keep-alive agents per (client certificate, trusted CAs): TLS handshakes with client
 * certificates are the costliest part of a small request, so connections are reused.
 */
const agents = new Map<string, https.Agent>();
function agentFor(req: HttpRequest): https.Agent {
  const ca = req.ca ? (req.replaceCa ? [...req.ca] : [...req.ca, ...rootCertificates]) : undefined;
  const key = `${req.credential?.fingerprint() ?? '-'}|${createHash('sha256').update(JSON.stringify(ca ?? null)).digest('hex')}`;
  let agent = agents.get(key);
  if (!agent) {
    const tls = req.credential?.tlsKeyPair();
    agent = new https.Agent({ keepAlive: true, maxSockets: 8, key: tls?.key, cert: tls?.cert, ca, minVersion: 'TLSv1.2' });
    agents.set(key, agent);
  }
  return agent;
}

/** Closes idle kept-alive connections (tests, shutdown). */
export function closeIdleConnections(): void {
  for (const a of agents.values()) a.destroy();
  agents.clear();
}

export function post(req: HttpRequest): Promise<HttpResponse> {
  const url = new URL(req.url);
  const isHttps = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const options: https.RequestOptions = {
      method: 'POST',
      headers: { ...req.headers, 'content-length': String(req.body.length) },
      timeout: req.timeoutMs ?? 30_000,
      agent: isHttps ? agentFor(req) : false,
    };
    const r = (isHttps ? https : http).request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => reject(classify(e)));
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
      });
      res.on('aborted', () => reject(new TransportError('reset', 'response aborted')));
    });
    r.on('timeout', () => r.destroy(new TransportError('timeout', `no answer within ${options.timeout} ms`)));
    r.on('error', (e) => reject(e instanceof TransportError ? e : classify(e)));
    r.end(req.body);
  });
}
