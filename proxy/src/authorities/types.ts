/** The one result shape every authority answer is parsed into, and what a client call needs. */
import type { Credential } from '../certificates/credential.ts';
import type { AuthorityKey, Environment, Operation } from './endpoints.ts';

export type SubmissionOutcome = 'accepted' | 'accepted_with_errors' | 'rejected';

export interface AuthorityCode {
  readonly code: string;
  /** The authority's own text when it sent one, else the catalogue meaning. */
  readonly message: string;
  readonly severity: 'error' | 'warning';
  /** Which record it concerns (invoice number), when the answer says. */
  readonly record?: string;
}

export interface RecordResult {
  readonly id: string;
  readonly status: SubmissionOutcome;
  readonly codes: readonly AuthorityCode[];
  readonly duplicate: boolean;
}

export interface RawExchange {
  readonly url: string;
  readonly requestHeaders: Readonly<Record<string, string>>;
  /** The request body as text (for Bizkaia, the XML before gzip). */
  readonly request: string;
  readonly responseHeaders: Readonly<Record<string, string>>;
  /** The response body as text (for Bizkaia, after gunzip). */
  readonly response: string;
  readonly httpStatus: number;
}

export interface AuthorityResult {
  readonly authority: AuthorityKey;
  readonly operation: Operation;
  readonly status: SubmissionOutcome;
  /** The authority says it already had this record (TicketBAI 005, LROE B4_2000003, AEAT 3000). */
  readonly duplicate: boolean;
  /** CSV, IdentificadorTBAI or Batuz entry id. */
  readonly reference?: string;
  readonly codes: readonly AuthorityCode[];
  readonly records: readonly RecordResult[];
  /** VERI*FACTU TiempoEsperaEnvio (seconds before the next submission). */
  readonly waitSeconds?: number;
  readonly raw: RawExchange;
}

export interface ClientContext {
  readonly env: Environment;
  readonly credential: Credential;
  /** Origin of the embedded sandbox (`https://127.0.0.1:port`), used when env is sandbox. */
  readonly sandboxOrigin?: string;
  /** Extra trusted CA certificates (PEM), e.g. the sandbox CA or the Izenpe roots. */
  readonly ca?: readonly string[];
  readonly replaceCa?: boolean;
  readonly timeoutMs?: number;
}

/**
 * The authority answered, but not with something we can read (HTML error page, truncated XML,
 * a 5xx). Retryable: the record may or may not have been registered.
 */
export class RemoteError extends Error {
  override readonly name = 'RemoteError' as const;
  constructor(
    message: string,
    readonly raw: RawExchange,
    readonly code?: string,
  ) {
    super(message);
  }
}
