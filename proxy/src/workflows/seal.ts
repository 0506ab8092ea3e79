/**
 * `silo.close`: sealing a GOBL envelope as `gobl sign` does (gobl-core.md §1.2): `head.dig` is the
 * SHA-256 of the document's canonical JSON, and `sigs[]` gets an ES256 JWS (compact) whose
 * protected header is `{alg: "ES256", kid}` and whose payload is `{uuid, dig, iat}` — the head's
 * UUID and digest and the signing time in Unix seconds.
 *
 * The key is the workspace's P-256 key, made by node:crypto on first use. Its private half is a
 * PKCS#8 PEM file (0600) next to the proxy's SQLite file and never leaves this module; the public
 * half is a JWK (with `kid`, a UUIDv7 as GOBL uses) that anyone can verify seals with.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomFillSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { digestDocument } from '../../../engine/core/canonical-json.ts';
import { uuidV7 } from '../../../engine/core/uuid.ts';
import type Database from 'better-sqlite3';

export interface PublicJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
  readonly kid: string;
  readonly alg: 'ES256';
  readonly use: 'sig';
}

const b64u = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export class WorkspaceKey {
  readonly #key: KeyObject;
  readonly publicJwk: PublicJwk;

  private constructor(key: KeyObject, kid: string) {
    this.#key = key;
    const j = createPublicKey(key).export({ format: 'jwk' }) as { x: string; y: string };
    this.publicJwk = { kty: 'EC', crv: 'P-256', x: j.x, y: j.y, kid, alg: 'ES256', use: 'sig' };
  }

  get kid(): string {
    return this.publicJwk.kid;
  }

  /**
   * The workspace key: read from `workspace-key.pem` beside the proxy's database (`mainDbFile`),
   * or made and written there (0600), its kid and public JWK kept in `db`. An in-memory database
   * gets an in-memory key.
   */
  static forDb(db: Database.Database, mainDbFile: string, now: () => Date): WorkspaceKey {
    db.exec('CREATE TABLE IF NOT EXISTS wf_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    const get = (k: string) => (db.prepare('SELECT value FROM wf_settings WHERE key = ?').get(k) as { value: string } | undefined)?.value;
    const set = (k: string, v: string) => db.prepare('INSERT INTO wf_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(k, v);
    const file = mainDbFile && mainDbFile !== ':memory:' ? join(dirname(mainDbFile), 'workspace-key.pem') : undefined;
    let kid = get('workspace.kid');
    if (file && existsSync(file) && kid) return new WorkspaceKey(createPrivateKey(readFileSync(file, 'utf8')), kid);
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    kid = uuidV7(now().getTime(), randomFillSync(new Uint8Array(10)));
    if (file) {
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600 });
      chmodSync(file, 0o600);
    }
    const k = new WorkspaceKey(privateKey, kid);
    set('workspace.kid', kid);
    set('workspace.jwk', JSON.stringify(k.publicJwk));
    return k;
  }

  /** ES256 compact JWS of a JSON payload (signature in JOSE's r||s form). */
  signJws(payload: Record<string, unknown>): string {
    const input = `${b64u(JSON.stringify({ alg: 'ES256', kid: this.kid }))}.${b64u(JSON.stringify(payload))}`;
    const sig = sign('sha256', Buffer.from(input), { key: this.#key, dsaEncoding: 'ieee-p1363' });
    return `${input}.${b64u(sig)}`;
  }

  toJSON() {
    return this.publicJwk;
  }
}

export interface SealPayload {
  readonly uuid: string;
  readonly dig: { readonly alg: string; readonly val: string };
  readonly iat: number;
}

/** Adds the seal to an envelope already built (head.uuid and head.dig present); returns a new object. */
export function sealEnvelope(envelope: Record<string, unknown>, key: WorkspaceKey, now: Date): { envelope: Record<string, unknown>; jws: string; payload: SealPayload } {
  const head = envelope.head as { uuid: string; dig: { alg: string; val: string } };
  const payload: SealPayload = { uuid: head.uuid, dig: { alg: head.dig.alg, val: head.dig.val }, iat: Math.floor(now.getTime() / 1000) };
  const jws = key.signJws(payload as unknown as Record<string, unknown>);
  return { envelope: { ...envelope, sigs: [jws] }, jws, payload };
}

export interface SealCheck {
  readonly valid: boolean;
  readonly errors: readonly string[];
  readonly header?: Record<string, unknown>;
  readonly payload?: Record<string, unknown>;
}

/**
 * Verifies an envelope's seals against a public JWK: the JWS signature (ES256), the payload's
 * uuid and digest against the head, and the head's digest against the document recomputed.
 */
export function verifySeal(envelope: unknown, jwk: Pick<PublicJwk, 'kty' | 'crv' | 'x' | 'y'> & { kid?: string }): SealCheck {
  const errors: string[] = [];
  const env = envelope as { head?: { uuid?: string; dig?: { alg?: string; val?: string } }; doc?: unknown; sigs?: unknown };
  const sigs = Array.isArray(env?.sigs) ? (env.sigs as unknown[]) : [];
  if (sigs.length === 0) return { valid: false, errors: ['the envelope has no signatures'] };
  const jws = sigs[0];
  if (typeof jws !== 'string' || jws.split('.').length !== 3) return { valid: false, errors: ['sigs[0] is not a compact JWS'] };
  const [h, p, s] = jws.split('.');
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    return { valid: false, errors: ['the JWS header or payload is not JSON'] };
  }
  if (header.alg !== 'ES256') errors.push(`alg is ${String(header.alg)}, not ES256`);
  if (jwk.kid && header.kid !== jwk.kid) errors.push(`kid ${String(header.kid)} is not the key's ${jwk.kid}`);
  const pub = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' });
  if (!verify('sha256', Buffer.from(`${h}.${p}`), { key: pub, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'))) errors.push('the signature does not verify');
  const dig = payload.dig as { alg?: string; val?: string } | undefined;
  if (payload.uuid !== env.head?.uuid) errors.push('payload uuid differs from head.uuid');
  if (!dig || dig.alg !== env.head?.dig?.alg || dig.val !== env.head?.dig?.val) errors.push('payload dig differs from head.dig');
  const recomputed = digestDocument(env.doc as Record<string, unknown>);
  if (recomputed.val !== env.head?.dig?.val) errors.push('head.dig does not match the document');
  return { valid: errors.length === 0, errors, header, payload };
}
