/**
 * The proxy's closed set of error kinds. Every API error is `{error: {kind, message, ...}}` with
 * the HTTP status of its kind; 5xx messages are generic (details go to the log, never keys).
 */
export type ErrorKind =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'certificate'
  | 'unavailable'
  | 'internal';

export const STATUS: Readonly<Record<ErrorKind, number>> = {
  validation: 400,
  certificate: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unavailable: 503,
  internal: 500,
};

export interface ErrorDetail {
  readonly code?: string;
  readonly path?: string;
  readonly message: string;
}

export class ProxyError extends Error {
  override readonly name = 'ProxyError' as const;
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details?: readonly ErrorDetail[],
  ) {
    super(message);
  }
  get status(): number {
    return STATUS[this.kind];
  }
  toJSON() {
    return { error: { kind: this.kind, message: this.message, ...(this.details?.length ? { details: this.details } : {}) } };
  }
}

export const isProxyError = (e: unknown): e is ProxyError => e instanceof Error && e.name === 'ProxyError' && 'kind' in e;
