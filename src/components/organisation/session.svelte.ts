/**
 * The organisation the studio acts for, shared by the Organisation panel (which sets it up) and
 * the Workflows panel (which can run as one of its clients), and shown as the coloured band.
 * The access token lives in memory only: a reload signs out (exchange the key again).
 */
import { call, type Result } from '../workflows/api.ts';

export type OrgEnv = 'TEST' | 'LIVE';

export interface Taxpayer {
  readonly id: string;
  readonly name: string;
  readonly nif: string;
  readonly territory: string;
  readonly system: 'ticketbai' | 'verifactu';
}

export interface Signer {
  readonly id: string;
  readonly kind: 'device' | 'external' | 'taxpayer';
  readonly subject: string;
  readonly validTo: string;
}

export interface Client {
  readonly id: string;
  readonly signerId: string;
  readonly name: string;
  readonly serial: string;
  readonly state: 'ENABLED' | 'DISABLED';
  readonly disabledAt?: string;
}

export interface Overview {
  readonly managedOrganisation: { id: string; name: string; organisationId: string };
  readonly env: OrgEnv;
  readonly authorityEnv: string;
  readonly taxpayer?: Taxpayer;
  readonly signers: readonly Signer[];
  readonly clients: readonly Client[];
  readonly expiresAt: string;
}

export class OrgSession {
  token = $state<string | undefined>(undefined);
  overview = $state.raw<Overview | undefined>(undefined);
  /** The client the Workflows panel runs as (undefined: the workspace). */
  clientId = $state<string | undefined>(undefined);

  get env(): OrgEnv | undefined {
    return this.overview?.env;
  }

  get client(): Client | undefined {
    return this.overview?.clients.find((c) => c.id === this.clientId);
  }

  /** Calls the organisation API with the access token. */
  api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Result<T>> {
    return call<T>(method, path, body, this.token);
  }

  async signIn(apiKey: string, apiSecret: string): Promise<Result<Overview>> {
    const t = await call<{ access_token: string }>('POST', '/api/org/auth', { api_key: apiKey, api_secret: apiSecret });
    if (!t.ok) return t;
    this.token = t.data.access_token;
    this.clientId = undefined;
    return this.refresh();
  }

  async refresh(): Promise<Result<Overview>> {
    const r = await this.api<Overview>('GET', '/api/org/me');
    if (r.ok) {
      this.overview = r.data;
      if (this.clientId && !r.data.clients.some((c) => c.id === this.clientId && c.state === 'ENABLED')) this.clientId = undefined;
    }
    return r;
  }

  signOut(): void {
    this.token = undefined;
    this.overview = undefined;
    this.clientId = undefined;
  }
}

/** One session for the page. */
export const orgSession = new OrgSession();
