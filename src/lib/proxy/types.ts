/**
 * The proxy API's answers as the studio reads them (proxy/README.md, proxy/src/app.ts
 * `submissionView`). Only the fields the studio shows are typed; the rest passes through.
 */

export type Environment = 'sandbox' | 'test' | 'production';
export type Zone = 'BI' | 'SS' | 'VI';
export type System = 'ticketbai' | 'verifactu' | 'sii';
export type SubmissionStatus = 'accepted' | 'accepted_with_errors' | 'rejected' | 'pending';

export interface AuthorityCode {
  readonly code: string;
  /** The authority's own text, or the proxy's catalogue meaning. */
  readonly message: string;
  readonly severity: 'error' | 'warning';
  readonly record?: string;
}

export interface RecordResult {
  readonly id: string;
  readonly status: Exclude<SubmissionStatus, 'pending'>;
  readonly codes: readonly AuthorityCode[];
  readonly duplicate: boolean;
}

export interface AuthorityResult {
  readonly authority: string;
  readonly operation: string;
  readonly status: Exclude<SubmissionStatus, 'pending'>;
  readonly duplicate: boolean;
  /** CSV (AEAT), IdentificadorTBAI or Batuz entry id. */
  readonly reference?: string;
  readonly codes: readonly AuthorityCode[];
  readonly records: readonly RecordResult[];
  readonly waitSeconds?: number;
  readonly httpStatus?: number;
  readonly url?: string;
  /** Set when a retry found the record already registered: an earlier attempt got through. */
  readonly note?: string;
}

/** A submission as the history lists it (no XML). */
export interface SubmissionSummary {
  readonly id: string;
  readonly createdAt: string;
  readonly updatedAt?: string;
  /** tbai-bizkaia, tbai-gipuzkoa, tbai-araba, verifactu, sii. */
  readonly authority: string;
  readonly operation: 'alta' | 'cancel';
  readonly env: Environment;
  readonly zone?: Zone | null;
  readonly format: string;
  readonly issuer: string;
  readonly series?: string | null;
  readonly number: string;
  /** dd-mm-yyyy, as the authority's documents write it. */
  readonly issueDate?: string | null;
  readonly chain: { readonly key: string | null; readonly seq: number | null };
  readonly status: SubmissionStatus;
  readonly attempts: number;
  readonly lastError?: string | null;
  readonly stamps: Readonly<Record<string, string>>;
  readonly result?: AuthorityResult | null;
  /** VERI*FACTU: sent again as a subsanación, correcting an accepted record or after a rejection. */
  readonly resend?: 'amendment' | 'after-rejection' | null;
}

/** One submission with the exact bytes signed and exchanged. */
export interface Submission extends SubmissionSummary {
  readonly signedXml?: string | null;
  readonly signatureValue?: string | null;
  readonly raw: { readonly request?: string | null; readonly response?: string | null; readonly httpStatus?: number | null };
}

export interface SubmitAnswer {
  readonly submission: Submission;
  readonly replayed: boolean;
}

export interface SubmissionList {
  readonly submissions: readonly SubmissionSummary[];
  readonly counts: Readonly<Partial<Record<SubmissionStatus, number>>>;
}

export interface TbaiChainHead {
  readonly zone: Zone;
  readonly issuer: string;
  readonly device: string;
  readonly series: string;
  readonly number: string;
  readonly issueDate: string;
  /** First 100 characters of the SignatureValue: the next invoice's chain link. */
  readonly signature: string;
  readonly seq: number;
}

export interface VerifactuChainHead {
  readonly issuerNif: string;
  readonly seriesCode: string;
  readonly issueDate: string;
  readonly huella: string;
  readonly seq: number;
}

export interface Chains {
  readonly ticketbai: readonly TbaiChainHead[];
  readonly verifactu: readonly VerifactuChainHead[];
}

/** The certificate inspector's answer is the proxy's own type (type-only: nothing of the proxy is bundled). */
export type { CertificateInfo, CertificateWarning } from '../../../proxy/src/certificates/inspect.ts';

export type LookupCode =
  | 'IDENTIFICADO'
  | 'NO_IDENTIFICADO'
  | 'NO_IDENTIFICADO_SIMILAR'
  | 'IDENTIFICADO_BAJA'
  | 'IDENTIFICADO_REVOCADO'
  | 'NO_PROCESADO'
  | 'NO_IDENTIFICABLE'
  | 'DESCONOCIDO';

export interface LookupAnswer {
  readonly results: readonly { readonly nif: string; readonly name: string; readonly result: string; readonly code: LookupCode | string }[];
  readonly raw: { readonly request: string; readonly response: string };
}

export interface ApiErrorDetail {
  readonly code?: string;
  readonly path?: string;
  readonly message: string;
}

/** `{error: {kind, message, details?}}`, or a transport failure the studio describes the same way. */
export interface ApiError {
  /** The proxy's kinds (validation, certificate, unauthorized, …) plus `network` and `bad_answer`. */
  readonly kind: string;
  readonly message: string;
  readonly details?: readonly ApiErrorDetail[];
  readonly status?: number;
}
