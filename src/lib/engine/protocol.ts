/**
 * The typed protocol between the page and the engine worker. Every request carries an id; the
 * client only ever shows the response to its newest request of each kind.
 */
import type { BuildError, Fault } from '../../../engine/index.ts';

export interface BuildRequest {
  readonly kind: 'build';
  readonly id: number;
  readonly text: string;
  /** Fixed "now" for reproducible output (ms since epoch); the worker uses its clock otherwise. */
  readonly now?: number;
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

export type EngineRequest = BuildRequest | ConvertRequest | PdfRequest | ImportRequest;

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

export type EngineResponse = BuildResponse | ConvertResponse | PdfResponse | ImportResponse;
export type ResponseFor<K extends EngineRequest['kind']> = Extract<EngineResponse, { kind: K }>;
