/**
 * Serves the sandbox app on loopback over HTTPS (mutual TLS) or plain HTTP. Clients reach it
 * through the same transport code they use for the real authorities.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface SandboxTls {
  readonly key: string;
  readonly cert: string;
  /** CAs whose client certificates are accepted at the TLS level. */
  readonly ca?: readonly string[];
  /** Refuse the handshake when the client certificate is missing or not issued by `ca`. */
  readonly rejectUnauthorized?: boolean;
}

export interface RunningServer {
  readonly origin: string;
  readonly port: number;
  readonly server: ServerType;
  close(): Promise<void>;
}

export function listen(app: Hono<any>, o: { tls?: SandboxTls; port?: number; host?: string } = {}): Promise<RunningServer> {
  const host = o.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const options = o.tls
      ? {
          fetch: app.fetch,
          port: o.port ?? 0,
          hostname: host,
          createServer: createHttpsServer,
          serverOptions: {
            key: o.tls.key,
            cert: o.tls.cert,
            ca: o.tls.ca ? [...o.tls.ca] : undefined,
            requestCert: true,
            rejectUnauthorized: o.tls.rejectUnauthorized ?? false,
            minVersion: 'TLSv1.2' as const,
          },
        }
      : { fetch: app.fetch, port: o.port ?? 0, hostname: host };
    const server = serve(options as Parameters<typeof serve>[0], (info: AddressInfo) => {
      const origin = `${o.tls ? 'https' : 'http'}://${host}:${info.port}`;
      resolve({
        origin,
        port: info.port,
        server,
        close: () =>
          new Promise<void>((res) => {
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => res());
          }),
      });
    });
    server.on('error', reject);
  });
}
