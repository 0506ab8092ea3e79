/**
 * Supplier (party) registration for TicketBAI and SII, as the sandbox plays it. A real
 * registration is a wizard: the supplier signs and uploads the representation agreement, then
 * the service and the tax agency approve it. The sandbox keeps one registration per system,
 * environment and tax ID and moves it through
 *
 *     pending_upload ──upload──▶ pending_approval ──approve──▶ approved
 *            │                          │
 *            └──────────reject──────────┴──▶ rejected          (any) ──unregister──▶ revoked
 *
 * Deterministically: with `autoAdvance`, every poll (the wait steps poll) moves a registration one
 * stage after `afterPolls` polls at that stage, so tests finish in a few milliseconds and a demo
 * takes a few seconds. A plan per tax ID can make the approval fail (forced failures in tests
 * and trainings), and `upload`/`approve`/`reject` drive it by hand.
 *
 * Only the sandbox knows this flow: for `test` and `production` there is no authority API to
 * call (it happens in the authorities' portals), so registering there is refused.
 */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';

export type RegistrationStatus = 'pending_upload' | 'pending_approval' | 'approved' | 'rejected' | 'revoked';
export type RegistrationSystem = 'ticketbai' | 'sii';

export interface Registration {
  readonly id: string;
  readonly system: RegistrationSystem;
  readonly env: string;
  readonly taxId: string;
  readonly name: string;
  readonly zone?: string;
  readonly status: RegistrationStatus;
  readonly reason?: string;
  readonly polls: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly history: readonly { at: string; status: RegistrationStatus; reason?: string }[];
}

export interface AdvancePolicy {
  /** Move one stage automatically when polled (default true). */
  readonly autoAdvance: boolean;
  /** Polls a registration waits at each stage before moving on (default 1). */
  readonly afterPolls: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sbx_party_registrations (
  id TEXT PRIMARY KEY, system TEXT NOT NULL, env TEXT NOT NULL, tax_id TEXT NOT NULL, name TEXT NOT NULL,
  zone TEXT, status TEXT NOT NULL, reason TEXT, polls INTEGER NOT NULL DEFAULT 0, history TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  UNIQUE (system, env, tax_id)
);
`;

type Row = Record<string, unknown>;

function toRegistration(r: Row): Registration {
  return {
    id: r.id as string,
    system: r.system as RegistrationSystem,
    env: r.env as string,
    taxId: r.tax_id as string,
    name: r.name as string,
    zone: (r.zone as string | null) ?? undefined,
    status: r.status as RegistrationStatus,
    reason: (r.reason as string | null) ?? undefined,
    polls: r.polls as number,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    history: JSON.parse(r.history as string),
  };
}

export class RegistrationError extends Error {
  override readonly name = 'RegistrationError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export class SandboxRegistrations {
  readonly #db: Database.Database;
  readonly #now: () => Date;
  policy: AdvancePolicy;
  /** Outcomes planned per tax ID: `reject` makes the approval stage end in `rejected`. */
  readonly plans = new Map<string, { outcome: 'reject'; reason?: string }>();

  constructor(db: Database.Database, now: () => Date, policy: Partial<AdvancePolicy> = {}) {
    this.#db = db;
    this.#now = now;
    this.policy = { autoAdvance: policy.autoAdvance ?? true, afterPolls: policy.afterPolls ?? 1 };
    db.exec(SCHEMA);
  }

  #byKey(system: RegistrationSystem, env: string, taxId: string): Registration | undefined {
    const r = this.#db.prepare('SELECT * FROM sbx_party_registrations WHERE system = ? AND env = ? AND tax_id = ?').get(system, env, taxId) as Row | undefined;
    return r ? toRegistration(r) : undefined;
  }

  get(id: string): Registration | undefined {
    const r = this.#db.prepare('SELECT * FROM sbx_party_registrations WHERE id = ?').get(id) as Row | undefined;
    return r ? toRegistration(r) : undefined;
  }

  find(system: RegistrationSystem, env: string, taxId: string): Registration | undefined {
    return this.#byKey(system, env, taxId);
  }

  list(): Registration[] {
    return (this.#db.prepare('SELECT * FROM sbx_party_registrations ORDER BY created_at DESC, rowid DESC').all() as Row[]).map(toRegistration);
  }

  #move(id: string, status: RegistrationStatus, reason?: string): Registration {
    const cur = this.get(id)!;
    const at = this.#now().toISOString();
    const history = [...cur.history, { at, status, ...(reason ? { reason } : {}) }];
    this.#db.prepare('UPDATE sbx_party_registrations SET status = ?, reason = ?, polls = 0, history = ?, updated_at = ? WHERE id = ?').run(status, reason ?? null, JSON.stringify(history), at, id);
    return this.get(id)!;
  }

  /** Starts (or restarts, after a rejection or revocation) a registration; an active one is returned as it is. */
  register(r: { system: RegistrationSystem; env: string; taxId: string; name: string; zone?: string }): { registration: Registration; created: boolean } {
    if (r.env !== 'sandbox') throw new RegistrationError(`supplier registration for ${r.system} in ${r.env} is done in the authority's portal: the proxy only simulates it in the sandbox`, 'not_sandbox');
    if (!/^[A-Z0-9]{9}$/.test(r.taxId)) throw new RegistrationError(`tax ID ${r.taxId} is not a Spanish NIF`, 'bad_tax_id');
    const had = this.#byKey(r.system, r.env, r.taxId);
    if (had && !['rejected', 'revoked'].includes(had.status)) return { registration: had, created: false };
    const at = this.#now().toISOString();
    if (had) {
      this.#db.prepare('UPDATE sbx_party_registrations SET name = ?, zone = ? WHERE id = ?').run(r.name, r.zone ?? null, had.id);
      return { registration: this.#move(had.id, 'pending_upload'), created: true };
    }
    const id = randomUUID();
    this.#db
      .prepare('INSERT INTO sbx_party_registrations (id, system, env, tax_id, name, zone, status, history, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, r.system, r.env, r.taxId, r.name, r.zone ?? null, 'pending_upload', JSON.stringify([{ at, status: 'pending_upload' }]), at, at);
    return { registration: this.get(id)!, created: true };
  }

  /** What a wait step sees: the registration after this poll (which may advance it one stage). */
  poll(id: string): Registration {
    const cur = this.get(id);
    if (!cur) throw new RegistrationError(`no registration ${id}`, 'not_found');
    if (!this.policy.autoAdvance || !['pending_upload', 'pending_approval'].includes(cur.status)) return cur;
    const polls = cur.polls + 1;
    if (polls < this.policy.afterPolls) {
      this.#db.prepare('UPDATE sbx_party_registrations SET polls = ? WHERE id = ?').run(polls, id);
      return this.get(id)!;
    }
    if (cur.status === 'pending_upload') return this.upload(id);
    return this.decide(id);
  }

  upload(id: string): Registration {
    const cur = this.#must(id);
    if (cur.status !== 'pending_upload') throw new RegistrationError(`registration ${id} is ${cur.status}, not waiting for the agreement`, 'bad_state');
    return this.#move(id, 'pending_approval');
  }

  /** The approval stage: approved, unless a plan for this tax ID says otherwise. */
  decide(id: string): Registration {
    const cur = this.#must(id);
    const plan = this.plans.get(cur.taxId);
    return plan ? this.reject(id, plan.reason ?? 'the tax agency did not approve the representation agreement') : this.approve(id);
  }

  approve(id: string): Registration {
    const cur = this.#must(id);
    if (cur.status !== 'pending_approval') throw new RegistrationError(`registration ${id} is ${cur.status}, not waiting for approval`, 'bad_state');
    return this.#move(id, 'approved');
  }

  reject(id: string, reason = 'rejected by the authority'): Registration {
    const cur = this.#must(id);
    if (!['pending_upload', 'pending_approval'].includes(cur.status)) throw new RegistrationError(`registration ${id} is ${cur.status}: only a pending one can be rejected`, 'bad_state');
    return this.#move(id, 'rejected', reason);
  }

  /** Revokes the supplier's entitlement; nothing registered is not an error (returns undefined). */
  unregister(system: RegistrationSystem, env: string, taxId: string): Registration | undefined {
    if (env !== 'sandbox') throw new RegistrationError(`supplier registration for ${system} in ${env} is done in the authority's portal`, 'not_sandbox');
    const cur = this.#byKey(system, env, taxId);
    if (!cur || cur.status === 'revoked') return cur;
    return this.#move(cur.id, 'revoked');
  }

  #must(id: string): Registration {
    const cur = this.get(id);
    if (!cur) throw new RegistrationError(`no registration ${id}`, 'not_found');
    return cur;
  }
}
