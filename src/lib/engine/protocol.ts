/**
 * The typed protocol between the page and the engine worker. Every request carries an id; the
 * client only ever shows the response to its newest request of each kind.
 */
import type { BuildError, Fault } from '../../../engine/index.ts';
import type { RoundingComparison } from '../../../engine/rounding-compare.ts';

export interface BuildRequest {
  readonly kind: 'build';
  readonly id: number;
  readonly text: string;
  /** Fixed "now" for reproducible output (ms since epoch); the worker uses its clock otherwise. */
  readonly now?: number;
}

/** Another document (a draft to compare with), built with its own newest-wins slot. */
export interface OtherBuildRequest extends Omit<BuildRequest, 'kind'> {
  readonly kind: 'build-other';
}

export interface ConvertRequest {
  readonly kind: 'convert';
  readonly id: number;
  /** The built envelope to convert. */
  readonly envelope: unknown;
  readonly format: string;
  readonly options: Record<string, unknown>;
}

export interface PdfRequest {
  readonly kind: 'pdf';
  readonly id: number;
  readonly envelope: unknown;
  readonly options: Record<string, unknown>;
}

export interface ImportRequest {
  readonly kind: 'import';
  readonly id: number;
  readonly xml: string;
}

/** What corrections the document in the editor allows (schema), or the correcting document (apply). */
export interface CorrectRequest {
  readonly kind: 'correct';
  readonly id: number;
  /** The editor's text: an invoice or an envelope holding one. */
  readonly text: string;
  /** Correction options (GOBL's bill.CorrectionOptions); absent: only the options schema is wanted. */
  readonly options?: Record<string, unknown>;
  readonly lang?: string;
}

/** The document built under both rounding rules (the Totals tab's rounding inspector). */
export interface RoundingRequest {
  readonly kind: 'rounding';
  readonly id: number;
  readonly text: string;
  readonly now?: number;
}

export type EngineRequest = BuildRequest | OtherBuildRequest | ConvertRequest | PdfRequest | ImportRequest | CorrectRequest | RoundingRequest;

export interface JsonSyntaxError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export interface BuildResponse {
  readonly kind: 'build';
  readonly id: number;
  /** Milliseconds the engine spent (parse + build). */
  readonly ms: number;
  readonly envelope?: Record<string, unknown>;
  readonly error?: BuildError;
  readonly syntax?: JsonSyntaxError;
}

export interface OtherBuildResponse extends Omit<BuildResponse, 'kind'> {
  readonly kind: 'build-other';
}

export interface ConvertResponse {
  readonly kind: 'convert';
  readonly id: number;
  readonly ms: number;
  readonly xml?: string;
  readonly faults?: readonly Fault[];
}

export interface PdfResponse {
  readonly kind: 'pdf';
  readonly id: number;
  readonly ms: number;
  readonly pdf?: Uint8Array;
  readonly faults?: readonly Fault[];
}

export interface ImportResponse {
  readonly kind: 'import';
  readonly id: number;
  readonly ms: number;
  readonly document?: unknown;
  readonly faults?: readonly Fault[];
}

export interface CorrectResponse {
  readonly kind: 'correct';
  readonly id: number;
  readonly ms: number;
  /** JSON Schema of the correction options for this invoice. */
  readonly schema?: Record<string, unknown>;
  /** The correcting document, when options were given and they work. */
  readonly document?: Record<string, unknown>;
  /** Why the document cannot be corrected (with schema only: what blocks any correction). */
  readonly faults?: readonly Fault[];
}

export interface RoundingResponse {
  readonly kind: 'rounding';
  readonly id: number;
  readonly ms: number;
  readonly comparison?: RoundingComparison;
  readonly faults?: readonly Fault[];
}

export type EngineResponse = BuildResponse | OtherBuildResponse | ConvertResponse | PdfResponse | ImportResponse | CorrectResponse | RoundingResponse;
export type ResponseFor<K extends EngineRequest['kind']> = Extract<EngineResponse, { kind: K }>;
