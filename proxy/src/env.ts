/** The proxy's configuration, from the environment, validated at boot. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

const Port = z.coerce.number().int().min(0).max(65535);

export const EnvSchema = z.object({
  PROXY_PORT: Port.default(8787),
  PROXY_DATA_DIR: z.string().min(1).default('proxy/.data'),
  PROXY_CERT_PATH: z.string().min(1).optional(),
  PROXY_CERT_PASSWORD: z.string().optional(),
  PROXY_XSD_DIR: z.string().min(1).optional(),
  PROXY_STUDIO_DIR: z.string().min(1).default('dist'),
  PROXY_SANDBOX_PORT: Port.default(0),
  PROXY_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(5 * 1024 * 1024),
  PROXY_EXTRA_CA: z.string().min(1).optional(),
  PROXY_TOKEN: z.string().regex(/^[A-Za-z0-9_-]{32,}$/, 'at least 32 characters [A-Za-z0-9_-]').optional(),
  PROXY_RETRY_MS: z.coerce.number().int().min(10).default(5000),
  PROXY_SOFTWARE_LICENSE: z.string().default('TBAIBI00000000PRUEBA'),
  PROXY_SOFTWARE_NIF: z.string().default('A99800005'),
  PROXY_SOFTWARE_NAME: z.string().default('SOFTWARE GARANTE TICKETBAI PRUEBA'),
  PROXY_SOFTWARE_VERSION: z.string().default('1.0'),
  PROXY_LOG: z.enum(['info', 'warn', 'error', 'silent']).default('info'),
});

export type ProxyEnv = z.infer<typeof EnvSchema> & { readonly xsdDir?: string };

export function readEnv(env: NodeJS.ProcessEnv = process.env): ProxyEnv {
  const r = EnvSchema.safeParse(env);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`invalid proxy configuration:\n${lines}`);
  }
  if (r.data.PROXY_CERT_PATH && !existsSync(r.data.PROXY_CERT_PATH)) throw new Error(`PROXY_CERT_PATH: no file ${r.data.PROXY_CERT_PATH}`);
  if (r.data.PROXY_EXTRA_CA && !existsSync(r.data.PROXY_EXTRA_CA)) throw new Error(`PROXY_EXTRA_CA: no file ${r.data.PROXY_EXTRA_CA}`);
  // Official XSDs are read from a configured folder; next to a checkout, ../shared has them.
  const fallback = resolve('../shared/reference/xsd');
  const xsdDir = r.data.PROXY_XSD_DIR ?? (existsSync(fallback) ? fallback : undefined);
  return { ...r.data, xsdDir };
}
