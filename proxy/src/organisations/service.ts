/**
 * The organisation model's rules (seed 000, fiskaly SIGN ES):
 *
 * - An API key and secret belong to one managed organisation and one environment (TEST or LIVE)
 *   and are exchanged for an access token; the token reaches only resources of its managed
 *   organisation (others: 404) and of its environment (the other one: 403). TEST resources run
 *   against the sandbox authority, LIVE ones against production.
 * - One taxpayer per managed organisation and environment; its territory decides the system:
 *   Araba, Bizkaia, Gipuzkoa → TicketBAI (zone VI, BI, SS), the rest of Spain → VERI*FACTU.
 * - Signers hold the certificate that signs: for TicketBAI a device certificate the proxy issues
 *   (or an uploaded external one), for VERI*FACTU the taxpayer's (the proxy's certificate, or an
 *   uploaded one). Private keys stay in the data folder (0600), never in an answer.
 * - Clients are POS devices of a signer; their id-derived serial is the TicketBAI device, so each
 *   POS has its own chain. Disabling a client is permanent, and a disabled client cannot issue.
 * - Invoices: a client issues by running the issue workflow of its taxpayer's system (or one it
 *   gives) with its signer, device and environment.
 */
import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SoftwareInfo } from '../../../engine/convert/types.ts';
import type { Environment } from '../authorities/endpoints.ts';
import type { Credential } from '../certificates/credential.ts';
import { issueCertificate } from '../certificates/generate.ts';
import { CertificateManager } from '../certificates/manager.ts';
import { loadPkcs12, writePkcs12 } from '../certificates/pkcs12.ts';
import { isValidNif, normalizeNif } from '../domain/nif.ts';
import { ProxyError } from '../errors.ts';
import type { Zone } from '../service/documents.ts';
import { SubmissionService, type Authorities, type Log } from '../service/submissions.ts';
import type { Store } from '../store/sqlite.ts';
import type { RunAs, WorkflowEngine } from '../workflows/runner.ts';
import { newId, OrgStore, type ApiKey, type Client, type ManagedOrganisation, type OrgEnv, type Signer, type Taxpayer, type TaxSystem, type Territory } from './store.ts';
import ticketbaiIssue from '../../../samples/workflows/ticketbai-issue.json' with { type: 'json' };
import verifactuIssue from '../../../samples/workflows/verifactu-issue.json' with { type: 'json' };

export const TERRITORIES: Readonly<Record<Territory, { system: TaxSystem; zone?: Zone }>> = {
  ARABA: { system: 'ticketbai', zone: 'VI' },
  BIZKAIA: { system: 'ticketbai', zone: 'BI' },
  GIPUZKOA: { system: 'ticketbai', zone: 'SS' },
  SPAIN_OTHER: { system: 'verifactu' },
};

/** Where each environment's invoices go. */
export const AUTHORITY_ENV: Readonly<Record<OrgEnv, Environment>> = { TEST: 'sandbox', LIVE: 'production' };

export const DEFAULT_WORKFLOWS: Readonly<Record<TaxSystem, unknown>> = { ticketbai: ticketbaiIssue, verifactu: verifactuIssue };

export const TOKEN_PREFIX = 'gsat_';
const TOKEN_TTL_MS = 24 * 3600 * 1000;

/** Who a request acts as, from its access token. */
export interface Principal {
  readonly managedId: string;
  readonly env: OrgEnv;
  readonly keyId: string;
  readonly expiresAt: string;
}

export interface OrganisationsOptions {
  readonly store: Store;
  readonly engine: WorkflowEngine;
  readonly authorities: Authorities;
  readonly software: SoftwareInfo;
  readonly clock: () => Date;
  /** The proxy's certificate: VERI*FACTU taxpayers sign with it unless they upload theirs. */
  readonly certificates: CertificateManager;
  readonly log?: Log;
  readonly retryMs?: number;
  readonly waitMs?: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hashSecret = (secret: string, salt: string) => scryptSync(secret, salt, 32).toString('hex');

export class Organisations {
  readonly store: OrgStore;
  readonly #o: OrganisationsOptions;
  readonly #keyDir?: string;
  readonly #credentials = new Map<string, Credential>();
  readonly #services = new Map<string, SubmissionService>();

  constructor(o: OrganisationsOptions) {
    this.#o = o;
    this.store = new OrgStore(o.engine.db, o.clock);
    const dbFile = o.store.db.name;
    this.#keyDir = dbFile && dbFile !== ':memory:' ? join(dirname(dbFile), 'signers') : undefined;
    // Re-runs of an organisation's jobs run as their client again (refused once it is disabled).
    o.engine.resolver = (job) => (job.clientId ? this.runAs(this.#clientRow(job.clientId)) : { scope: job.scope, env: job.env as Environment });
  }

  close(): void {
    for (const s of this.#services.values()) s.close();
    this.#services.clear();
  }

  // -------------------------------------------------------------------------------------------
  // Dashboard (proxy token): organisations, managed organisations, API keys

  createOrganisation(name: string, billingAddress: Record<string, unknown> = {}) {
    return this.store.addOrganisation(name, billingAddress);
  }

  createManaged(organisationId: string, name: string): ManagedOrganisation {
    if (!this.store.organisation(organisationId)) throw new ProxyError('not_found', `no organisation ${organisationId}`);
    return this.store.addManaged(organisationId, name);
  }

  /** A new key and its secret; the secret is shown once and only its scrypt hash is kept. */
  createApiKey(managedId: string, env: OrgEnv, name = `${env} key`): { key: ApiKey; secret: string } {
    if (!this.store.managed(managedId)) throw new ProxyError('not_found', `no managed organisation ${managedId}`);
    const secret = `sec_${randomBytes(24).toString('base64url')}`;
    const salt = randomBytes(16).toString('hex');
    const key = this.store.addApiKey({ managedId, env, name, salt, secretHash: hashSecret(secret, salt) });
    return { key, secret };
  }

  revokeApiKey(keyId: string): void {
    if (!this.store.apiKey(keyId)) throw new ProxyError('not_found', `no API key ${keyId}`);
    this.store.revokeApiKey(keyId);
  }

  // -------------------------------------------------------------------------------------------
  // Access tokens

  exchange(apiKey: string, apiSecret: string): { accessToken: string; env: OrgEnv; managedId: string; expiresAt: string; expiresIn: number } {
    const k = this.store.apiKey(apiKey);
    const ok = k && !k.key.revokedAt && timingSafeEqual(Buffer.from(hashSecret(apiSecret, k.salt), 'hex'), Buffer.from(k.secretHash, 'hex'));
    if (!k || !ok) throw new ProxyError('unauthorized', 'unknown API key or wrong secret');
    const accessToken = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(this.#o.clock().getTime() + TOKEN_TTL_MS).toISOString();
    this.store.addToken({ hash: sha256(accessToken), keyId: k.key.id, managedId: k.key.managedId, env: k.key.env, expiresAt });
    return { accessToken, env: k.key.env, managedId: k.key.managedId, expiresAt, expiresIn: TOKEN_TTL_MS / 1000 };
  }

  principal(token: string | undefined): Principal {
    if (!token || !token.startsWith(TOKEN_PREFIX)) throw new ProxyError('unauthorized', 'an access token is required: exchange an API key and secret at POST /api/org/auth, then send it as X-Access-Token');
    const t = this.store.token(sha256(token));
    if (!t) throw new ProxyError('unauthorized', 'unknown or revoked access token');
    if (t.expiresAt <= this.#o.clock().toISOString()) throw new ProxyError('unauthorized', 'the access token has expired: exchange the API key again');
    return { managedId: t.managedId, env: t.env, keyId: t.keyId, expiresAt: t.expiresAt };
  }

  /** The environment rule: a resource of another managed organisation does not exist; of the other environment, is forbidden. */
  guard<T extends { managedId: string; env: OrgEnv; id: string }>(p: Principal, r: T | undefined, what: string, id: string): T {
    if (!r || r.managedId !== p.managedId) throw new ProxyError('not_found', `no ${what} ${id}`);
    if (r.env !== p.env) throw new ProxyError('forbidden', `a ${p.env} access token cannot touch ${r.env} resources (${what} ${id} is ${r.env})`);
    return r;
  }

  // -------------------------------------------------------------------------------------------
  // Taxpayer, signers, clients (access token)

  createTaxpayer(p: Principal, t: { name: string; nif: string; territory: Territory }): Taxpayer {
    if (this.store.taxpayerOf(p.managedId, p.env)) throw new ProxyError('conflict', `this managed organisation already has a ${p.env} taxpayer`);
    const nif = normalizeNif(t.nif);
    if (!isValidNif(nif)) throw new ProxyError('validation', `${t.nif} is not a valid Spanish NIF`, [{ path: '$.tax_id', message: 'check character does not match' }]);
    return this.store.addTaxpayer({ managedId: p.managedId, env: p.env, name: t.name, nif, territory: t.territory, system: TERRITORIES[t.territory].system });
  }

  taxpayer(p: Principal): Taxpayer {
    const t = this.store.taxpayerOf(p.managedId, p.env);
    if (!t) throw new ProxyError('not_found', `no ${p.env} taxpayer: create it first (POST /api/org/taxpayer)`);
    return t;
  }

  createSigner(p: Principal, certificate?: { p12: string; password: string }): Signer {
    const tp = this.taxpayer(p);
    const id = newId('sig');
    let cred: Credential | undefined;
    let kind: Signer['kind'];
    let bytes: Buffer | undefined;
    let pass: string | undefined;
    if (certificate) {
      bytes = Buffer.from(certificate.p12, 'base64');
      pass = certificate.password;
      cred = loadPkcs12(bytes, pass, 'external');
      kind = 'external';
    } else if (tp.system === 'ticketbai') {
      // A device certificate, as fiskaly allocates one per TicketBAI signer.
      const pem = issueCertificate({ subject: { commonName: `${tp.name} - ${tp.nif} - ${id}`, organization: tp.name, organizationIdentifier: `VATES-${tp.nif}`, country: 'ES' }, days: 3 * 365 });
      pass = randomBytes(18).toString('base64url');
      bytes = writePkcs12(pem.keyPem, [pem.certPem], pass, id);
      cred = loadPkcs12(bytes, pass, `device ${id}`);
      kind = 'device';
    } else {
      cred = this.#o.certificates.current();
      kind = 'taxpayer';
    }
    let keyFile: string | undefined;
    if (bytes && this.#keyDir) {
      mkdirSync(this.#keyDir, { recursive: true, mode: 0o700 });
      keyFile = join(this.#keyDir, `${id}.p12`);
      writeFileSync(keyFile, bytes, { mode: 0o600 });
      chmodSync(keyFile, 0o600);
    }
    if (kind !== 'taxpayer') this.#credentials.set(id, cred);
    return this.store.addSigner({ id, managedId: p.managedId, env: p.env, taxpayerId: tp.id, kind, keyFile, keyPass: pass, subject: cred.leaf.subject.split('\n').join(', '), fingerprint: cred.fingerprint(), validTo: new Date(cred.leaf.validTo).toISOString() });
  }

  signer(p: Principal, id: string): Signer {
    return this.guard(p, this.store.signer(id)?.signer, 'signer', id);
  }

  createClient(p: Principal, c: { signerId: string; name?: string; serial?: string }): Client {
    const signer = this.signer(p, c.signerId);
    const id = newId('cli');
    const serial = c.serial ?? `POS-${id.slice(4, 16)}`;
    return this.store.addClient({ managedId: p.managedId, env: p.env, signerId: signer.id, name: c.name ?? serial, serial });
  }

  client(p: Principal, id: string): Client {
    return this.guard(p, this.store.client(id), 'client', id);
  }

  disableClient(p: Principal, id: string): Client {
    this.client(p, id);
    return this.store.disableClient(id);
  }

  // -------------------------------------------------------------------------------------------
  // Issuing

  #clientRow(id: string): Client {
    const c = this.store.client(id);
    if (!c) throw new ProxyError('not_found', `no client ${id}`);
    return c;
  }

  #credential(signerId: string): Credential | undefined {
    const had = this.#credentials.get(signerId);
    if (had) return had;
    const s = this.store.signer(signerId);
    if (!s || s.signer.kind === 'taxpayer') return undefined;
    if (!s.keyFile || !existsSync(s.keyFile)) throw new ProxyError('internal', `the key of signer ${signerId} is missing`);
    const cred = loadPkcs12(readFileSync(s.keyFile), s.keyPass ?? '', `signer ${signerId}`);
    this.#credentials.set(signerId, cred);
    return cred;
  }

  /** The signer's pipeline: the same store and authorities, its own certificate. */
  #service(signerId: string): SubmissionService | undefined {
    const cred = this.#credential(signerId);
    if (!cred) return undefined;
    let s = this.#services.get(signerId);
    if (!s) {
      const dir = this.#keyDir ?? dirname(this.#o.store.db.name);
      s = new SubmissionService({ store: this.#o.store, certificates: CertificateManager.of(cred, dir), authorities: this.#o.authorities, clock: this.#o.clock, software: this.#o.software, log: this.#o.log, retryMs: this.#o.retryMs, waitMs: this.#o.waitMs });
      this.#services.set(signerId, s);
    }
    return s;
  }

  /** What a client's jobs run as; a disabled client cannot issue. */
  runAs(c: Client): RunAs {
    if (c.state !== 'ENABLED') throw new ProxyError('forbidden', `client ${c.id} is disabled (since ${c.disabledAt}): a disabled client cannot issue`);
    const tp = this.store.taxpayerOf(c.managedId, c.env);
    if (!tp) throw new ProxyError('not_found', `no ${c.env} taxpayer for this client`);
    return {
      scope: `org:${c.managedId}`,
      env: AUTHORITY_ENV[c.env],
      clientId: c.id,
      service: this.#service(c.signerId),
      device: tp.system === 'ticketbai' ? c.serial : undefined,
      zone: TERRITORIES[tp.territory].zone,
      issuer: tp.nif,
    };
  }

  /** A client issues (or runs a workflow on one of its entries). */
  issue(p: Principal, clientId: string, req: { invoice?: unknown; entryId?: string; workflow?: unknown }) {
    const c = this.client(p, clientId);
    const as = this.runAs(c);
    const tp = this.taxpayer(p);
    return this.#o.engine.start({ workflow: req.workflow ?? DEFAULT_WORKFLOWS[tp.system], document: req.invoice, entryId: req.entryId, as });
  }

  /** The overview the studio's Organisation panel shows. */
  overview(p: Principal) {
    const m = this.store.managed(p.managedId)!;
    return {
      managedOrganisation: m,
      env: p.env,
      authorityEnv: AUTHORITY_ENV[p.env],
      taxpayer: this.store.taxpayerOf(p.managedId, p.env),
      signers: this.store.signersOf(p.managedId, p.env),
      clients: this.store.clientsOf(p.managedId, p.env),
      expiresAt: p.expiresAt,
    };
  }
}
