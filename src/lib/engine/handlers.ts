/** Worker handlers for conversions, PDF and import (they grow as the engine gains formats). */
import type { ConvertResponse, EngineRequest, ImportResponse, PdfResponse } from './protocol.ts';

type Req<K extends EngineRequest['kind']> = Extract<EngineRequest, { kind: K }>;

const unavailable = (what: string) => [{ code: 'STUDIO-UNAVAILABLE', paths: ['$'], message: `${what} is not available in this build` }];

export async function handleConvert(req: Req<'convert'>): Promise<ConvertResponse> {
  return { kind: 'convert', id: req.id, ms: 0, faults: unavailable(`conversion to ${req.format}`) };
}

export async function handlePdf(req: Req<'pdf'>): Promise<PdfResponse> {
  return { kind: 'pdf', id: req.id, ms: 0, faults: unavailable('PDF') };
}

export async function handleImport(req: Req<'import'>): Promise<ImportResponse> {
  return { kind: 'import', id: req.id, ms: 0, faults: unavailable('XML import') };
}
