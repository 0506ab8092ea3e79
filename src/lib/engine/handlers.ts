/** Worker handlers for XML conversion, XML import and PDF rendering. */
import { convert, importXml, type ConvertFormat, type ConvertOptions } from '../../../engine/convert/index.ts';
import type { ConvertResponse, EngineRequest, ImportResponse, PdfResponse } from './protocol.ts';

type Req<K extends EngineRequest['kind']> = Extract<EngineRequest, { kind: K }>;

export async function handleConvert(req: Req<'convert'>): Promise<ConvertResponse> {
  const start = performance.now();
  const r = convert(req.envelope, req.format as ConvertFormat, req.options as unknown as ConvertOptions);
  const ms = performance.now() - start;
  return r.ok ? { kind: 'convert', id: req.id, ms, xml: r.value } : { kind: 'convert', id: req.id, ms, faults: r.faults };
}

export async function handleImport(req: Req<'import'>): Promise<ImportResponse> {
  const start = performance.now();
  const r = importXml(req.xml);
  const ms = performance.now() - start;
  return r.ok ? { kind: 'import', id: req.id, ms, document: r.value.document } : { kind: 'import', id: req.id, ms, faults: r.faults };
}

export async function handlePdf(req: Req<'pdf'>): Promise<PdfResponse> {
  const { renderPdf } = await import('./pdf.ts');
  return renderPdf(req);
}
