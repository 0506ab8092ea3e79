/**
 * "Check XSD" in the XML tab: the proxy validates the XML against the official schemas (the page
 * has no XSD engine of its own). A result belongs to the exact text it was made from, so a
 * changed XML never shows an old verdict.
 */
import { ProxyClient, type Connection } from './client.ts';
import type { ApiError } from './types.ts';

export interface XsdIssue {
  readonly line?: number;
  readonly message: string;
}

export interface XsdAnswer {
  readonly checked: boolean;
  readonly schema: string;
  readonly valid: boolean;
  readonly issues: readonly XsdIssue[];
  readonly note?: string;
}

export class XsdCheck {
  connection = $state.raw<Connection>({ state: 'unknown' });
  busy = $state(false);
  /** The newest answer, with the XML it is about. */
  answer = $state.raw<{ readonly xml: string; readonly format: string; readonly result: XsdAnswer } | undefined>(undefined);
  error = $state.raw<{ readonly xml: string; readonly error: ApiError } | undefined>(undefined);
  readonly #client: ProxyClient;

  constructor(client = new ProxyClient()) {
    this.#client = client;
  }

  /** Why the check cannot run here, or undefined when it can (or has not been tried). */
  get unavailable(): string | undefined {
    const c = this.connection;
    if (c.state === 'absent') return `needs the proxy (npm start): ${c.reason}`;
    if (c.state === 'unauthorized') return 'the proxy does not accept this page any more: reload it';
    return undefined;
  }

  async run(format: string, xml: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      if (this.connection.state !== 'ready') this.connection = await this.#client.probe();
      if (this.connection.state !== 'ready') return;
      const r = await this.#client.post<XsdAnswer>('/api/xml/check', { format, xml });
      if (r.ok) {
        this.answer = { xml, format, result: r.data };
        this.error = undefined;
      } else this.error = { xml, error: r.error };
    } finally {
      this.busy = false;
    }
  }

  /** The answer for exactly this XML, if there is one. */
  for(xml: string | undefined): XsdAnswer | undefined {
    return xml !== undefined && this.answer?.xml === xml ? this.answer.result : undefined;
  }
}
