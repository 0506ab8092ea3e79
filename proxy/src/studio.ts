/**
 * Serves the built studio (dist/) from the proxy's own origin. The index page response sets the
 * API token as an HttpOnly, SameSite=Strict cookie: the page's fetch calls carry it automatically,
 * page scripts can't read it (nothing to steal into storage), and other sites can't make a browser
 * send it. Same-origin also means no CORS is needed for the studio itself.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { Context } from 'hono';

export const TOKEN_COOKIE = 'gobl_proxy_token';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export function tokenCookie(token: string, secure: boolean): string {
  return `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function serveStudio(dir: string, token: string) {
  const root = resolve(dir);
  return (c: Context): Response => {
    const rel = decodeURIComponent(new URL(c.req.url).pathname);
    let file = normalize(join(root, rel));
    if (!file.startsWith(root)) return c.text('Not Found', 404);
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    if (!existsSync(file)) return c.text('The studio is not built: run `npm run build`.', 404);
    const isIndex = file.endsWith('index.html');
    const headers: Record<string, string> = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'cache-control': isIndex ? 'no-store' : 'public, max-age=3600',
    };
    if (isIndex) {
      headers['set-cookie'] = tokenCookie(token, new URL(c.req.url).protocol === 'https:');
      headers['referrer-policy'] = 'no-referrer';
    }
    return new Response(new Uint8Array(readFileSync(file)), { status: 200, headers });
  };
}
