/**
 * The organisation model (seed 000, fiskaly SIGN ES) in the workflow database (`workflows.sqlite`,
 * beside the proxy's), tables `org_*`:
 *
 *   organisation ─┬─ managed organisation (one per customer) ─┬─ API keys (TEST | LIVE) → access tokens
 *                 │                                           ├─ taxpayer (per environment; territory → system)
 *                 │                                           ├─ signers (certificates)
 *                 │                                           └─ clients (one per POS; disabling is permanent)
 *
 * Every resource under a managed organisation carries its environment; the service only lets a
 * token of one environment reach resources of the same one.
 */
import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';

export type OrgEnv = 'TEST' | 'LIVE';
export type Territory = 'ARABA' | 'BIZKAIA' | 'GIPUZKOA' | 'SPAIN_OTHER';
export type TaxSystem = 'ticketbai' | 'verifactu';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS org_organisations (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, billing_address TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS org_managed (
  id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL, name TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS org_api_keys (
  id TEXT PRIMARY KEY, managed_id TEXT NOT NULL, env TEXT NOT NULL, name TEXT NOT NULL,
  salt TEXT NOT NULL, secret_hash TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS org_tokens (
  token_hash TEXT PRIMARY KEY, key_id TEXT NOT NULL, managed_id TEXT NOT NULL, env TEXT NOT NULL,
  created_at TEXT NOT NULL, expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS org_taxpayers (
  id TEXT PRIMARY KEY, managed_id TEXT NOT NULL, env TEXT NOT NULL, name TEXT NOT NULL, nif TEXT NOT NULL,
  territory TEXT NOT NULL, system TEXT NOT NULL, created_at TEXT NOT NULL,
  UNIQUE (managed_id, env)
);
CREATE TABLE IF NOT EXISTS org_signers (
  id TEXT PRIMARY KEY, managed_id TEXT NOT NULL, env TEXT NOT NULL, taxpayer_id TEXT NOT NULL, kind TEXT NOT NULL,
  key_file TEXT, key_pass TEXT, subject TEXT NOT NULL, fingerprint TEXT NOT NULL, valid_to TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS org_clients (
  id TEXT PRIMARY KEY, managed_id TEXT NOT NULL, env TEXT NOT NULL, signer_id TEXT NOT NULL, name TEXT NOT NULL,
  serial TEXT NOT NULL, state TEXT NOT NULL, created_at TEXT NOT NULL, disabled_at TEXT
);
`;

export interface Organisation {
  readonly id: string;
  readonly name: string;
  readonly billingAddress: Record<string, unknown>;
  readonly createdAt: string;
}

export interface ManagedOrganisation {
  readonly id: string;
  readonly organisationId: string;
  readonly name: string;
  readonly createdAt: string;
}

export interface ApiKey {
  readonly id: string;
  readonly managedId: string;
  readonly env: OrgEnv;
  readonly name: string;
  readonly createdAt: string;
  readonly revokedAt?: string;
}

export interface Taxpayer {
  readonly id: string;
  readonly managedId: string;
  readonly env: OrgEnv;
  readonly name: string;
  readonly nif: string;
  readonly territory: Territory;
  readonly system: TaxSystem;
  readonly createdAt: string;
}

export interface Signer {
  readonly id: string;
  readonly managedId: string;
  readonly env: OrgEnv;
  readonly taxpayerId: string;
  /** `device`: a device certificate the proxy issued (TicketBAI); `external`: uploaded; `taxpayer`: the proxy's certificate (VERI*FACTU). */
  readonly kind: 'device' | 'external' | 'taxpayer';
  readonly subject: string;
  readonly fingerprint: string;
  readonly validTo: string;
  readonly createdAt: string;
}

export interface Client {
  readonly id: string;
  readonly managedId: string;
  readonly env: OrgEnv;
  readonly signerId: string;
  readonly name: string;
  /** The device serial (TicketBAI NumSerieDispositivo). */
  readonly serial: string;
  readonly state: 'ENABLED' | 'DISABLED';
  readonly createdAt: string;
  readonly disabledAt?: string;
}

type Row = Record<string, unknown>;
const opt = (v: unknown) => (v === null || v === undefined ? undefined : (v as string));

export const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;

export class OrgStore {
  readonly db: Database.Database;
  readonly #now: () => Date;

  constructor(db: Database.Database, now: () => Date) {
    this.db = db;
    this.#now = now;
    db.exec(SCHEMA);
  }

  ts(): string {
    return this.#now().toISOString();
  }

  addOrganisation(name: string, billingAddress: Record<string, unknown>): Organisation {
    const id = newId('org');
    this.db.prepare('INSERT INTO org_organisations (id, name, billing_address, created_at) VALUES (?, ?, ?, ?)').run(id, name, JSON.stringify(billingAddress), this.ts());
    return this.organisation(id)!;
  }

  organisation(id: string): Organisation | undefined {
    const r = this.db.prepare('SELECT * FROM org_organisations WHERE id = ?').get(id) as Row | undefined;
    return r ? { id: r.id as string, name: r.name as string, billingAddress: JSON.parse(r.billing_address as string), createdAt: r.created_at as string } : undefined;
  }

  organisations(): Organisation[] {
    return (this.db.prepare('SELECT id FROM org_organisations ORDER BY created_at, rowid').all() as Row[]).map((r) => this.organisation(r.id as string)!);
  }

  addManaged(organisationId: string, name: string): ManagedOrganisation {
    const id = newId('morg');
    this.db.prepare('INSERT INTO org_managed (id, organisation_id, name, created_at) VALUES (?, ?, ?, ?)').run(id, organisationId, name, this.ts());
    return this.managed(id)!;
  }

  managed(id: string): ManagedOrganisation | undefined {
    const r = this.db.prepare('SELECT * FROM org_managed WHERE id = ?').get(id) as Row | undefined;
    return r ? { id: r.id as string, organisationId: r.organisation_id as string, name: r.name as string, createdAt: r.created_at as string } : undefined;
  }

  managedOf(organisationId: string): ManagedOrganisation[] {
    return (this.db.prepare('SELECT id FROM org_managed WHERE organisation_id = ? ORDER BY created_at, rowid').all(organisationId) as Row[]).map((r) => this.managed(r.id as string)!);
  }

  addApiKey(k: { managedId: string; env: OrgEnv; name: string; salt: string; secretHash: string }): ApiKey {
    const id = newId('key');
    this.db.prepare('INSERT INTO org_api_keys (id, managed_id, env, name, salt, secret_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, k.managedId, k.env, k.name, k.salt, k.secretHash, this.ts());
    return this.apiKey(id)!.key;
  }

  apiKey(id: string): { key: ApiKey; salt: string; secretHash: string } | undefined {
    const r = this.db.prepare('SELECT * FROM org_api_keys WHERE id = ?').get(id) as Row | undefined;
    return r
      ? {
          key: { id: r.id as string, managedId: r.managed_id as string, env: r.env as OrgEnv, name: r.name as string, createdAt: r.created_at as string, revokedAt: opt(r.revoked_at) },
          salt: r.salt as string,
          secretHash: r.secret_hash as string,
        }
      : undefined;
  }

  apiKeysOf(managedId: string): ApiKey[] {
    return (this.db.prepare('SELECT id FROM org_api_keys WHERE managed_id = ? ORDER BY created_at, rowid').all(managedId) as Row[]).map((r) => this.apiKey(r.id as string)!.key);
  }

  revokeApiKey(id: string): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE org_api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(this.ts(), id);
      this.db.prepare('DELETE FROM org_tokens WHERE key_id = ?').run(id);
    })();
  }

  addToken(t: { hash: string; keyId: string; managedId: string; env: OrgEnv; expiresAt: string }): void {
    this.db.prepare('INSERT INTO org_tokens (token_hash, key_id, managed_id, env, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(t.hash, t.keyId, t.managedId, t.env, this.ts(), t.expiresAt);
  }

  token(hash: string): { keyId: string; managedId: string; env: OrgEnv; expiresAt: string } | undefined {
    const r = this.db.prepare('SELECT * FROM org_tokens WHERE token_hash = ?').get(hash) as Row | undefined;
    return r ? { keyId: r.key_id as string, managedId: r.managed_id as string, env: r.env as OrgEnv, expiresAt: r.expires_at as string } : undefined;
  }

  addTaxpayer(t: Omit<Taxpayer, 'id' | 'createdAt'>): Taxpayer {
    const id = newId('tp');
    this.db.prepare('INSERT INTO org_taxpayers (id, managed_id, env, name, nif, territory, system, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(id, t.managedId, t.env, t.name, t.nif, t.territory, t.system, this.ts());
    return this.taxpayer(id)!;
  }

  taxpayer(id: string): Taxpayer | undefined {
    const r = this.db.prepare('SELECT * FROM org_taxpayers WHERE id = ?').get(id) as Row | undefined;
    return r ? toTaxpayer(r) : undefined;
  }

  taxpayerOf(managedId: string, env: OrgEnv): Taxpayer | undefined {
    const r = this.db.prepare('SELECT * FROM org_taxpayers WHERE managed_id = ? AND env = ?').get(managedId, env) as Row | undefined;
    return r ? toTaxpayer(r) : undefined;
  }

  addSigner(s: Omit<Signer, 'id' | 'createdAt'> & { id?: string; keyFile?: string; keyPass?: string }): Signer {
    const id = s.id ?? newId('sig');
    this.db
      .prepare('INSERT INTO org_signers (id, managed_id, env, taxpayer_id, kind, key_file, key_pass, subject, fingerprint, valid_to, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, s.managedId, s.env, s.taxpayerId, s.kind, s.keyFile ?? null, s.keyPass ?? null, s.subject, s.fingerprint, s.validTo, this.ts());
    return this.signer(id)!.signer;
  }

  signer(id: string): { signer: Signer; keyFile?: string; keyPass?: string } | undefined {
    const r = this.db.prepare('SELECT * FROM org_signers WHERE id = ?').get(id) as Row | undefined;
    if (!r) return undefined;
    return {
      signer: {
        id: r.id as string,
        managedId: r.managed_id as string,
        env: r.env as OrgEnv,
        taxpayerId: r.taxpayer_id as string,
        kind: r.kind as Signer['kind'],
        subject: r.subject as string,
        fingerprint: r.fingerprint as string,
        validTo: r.valid_to as string,
        createdAt: r.created_at as string,
      },
      keyFile: opt(r.key_file),
      keyPass: opt(r.key_pass),
    };
  }

  signersOf(managedId: string, env: OrgEnv): Signer[] {
    return (this.db.prepare('SELECT id FROM org_signers WHERE managed_id = ? AND env = ? ORDER BY created_at, rowid').all(managedId, env) as Row[]).map((r) => this.signer(r.id as string)!.signer);
  }

  addClient(c: { managedId: string; env: OrgEnv; signerId: string; name: string; serial: string }): Client {
    const id = newId('cli');
    this.db.prepare("INSERT INTO org_clients (id, managed_id, env, signer_id, name, serial, state, created_at) VALUES (?, ?, ?, ?, ?, ?, 'ENABLED', ?)").run(id, c.managedId, c.env, c.signerId, c.name, c.serial, this.ts());
    return this.client(id)!;
  }

  client(id: string): Client | undefined {
    const r = this.db.prepare('SELECT * FROM org_clients WHERE id = ?').get(id) as Row | undefined;
    return r ? toClient(r) : undefined;
  }

  clientsOf(managedId: string, env: OrgEnv): Client[] {
    return (this.db.prepare('SELECT * FROM org_clients WHERE managed_id = ? AND env = ? ORDER BY created_at, rowid').all(managedId, env) as Row[]).map(toClient);
  }

  /** Permanent: there is no way back to ENABLED. */
  disableClient(id: string): Client {
    this.db.prepare("UPDATE org_clients SET state = 'DISABLED', disabled_at = COALESCE(disabled_at, ?) WHERE id = ?").run(this.ts(), id);
    return this.client(id)!;
  }

  counts(managedId: string, env: OrgEnv): { signers: number; clients: number } {
    const n = (t: string) => (this.db.prepare(`SELECT COUNT(*) AS n FROM ${t} WHERE managed_id = ? AND env = ?`).get(managedId, env) as Row).n as number;
    return { signers: n('org_signers'), clients: n('org_clients') };
  }
}

function toTaxpayer(r: Row): Taxpayer {
  return {
    id: r.id as string,
    managedId: r.managed_id as string,
    env: r.env as OrgEnv,
    name: r.name as string,
    nif: r.nif as string,
    territory: r.territory as Territory,
    system: r.system as TaxSystem,
    createdAt: r.created_at as string,
  };
}

function toClient(r: Row): Client {
  return {
    id: r.id as string,
    managedId: r.managed_id as string,
    env: r.env as OrgEnv,
    signerId: r.signer_id as string,
    name: r.name as string,
    serial: r.serial as string,
    state: r.state as Client['state'],
    createdAt: r.created_at as string,
    disabledAt: opt(r.disabled_at),
  };
}
