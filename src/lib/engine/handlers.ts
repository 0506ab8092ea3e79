/**
 * Worker handlers for XML conversion, XML import and PDF rendering. The converters and the PDF
 * renderer are loaded on first use so the first build does not wait for them.
 */
const converters = () => import('../../../engine/convert/index.ts');
import type { ConvertFormat, ConvertOptions } from '../../../engine/convert/index.ts';
import type { ConvertResponse, EngineRequest, ImportResponse, PdfResponse } from './protocol.ts';

type Req<K extends EngineRequest['kind']> = Extract<EngineRequest, { kind: K }>;

export async function handleConvert(req: Req<'convert'>): Promise<ConvertResponse> {
  const { convert } = await converters();
  const start = performance.now();
  const r = convert(req.envelope, req.format as ConvertFormat, req.options as unknown as ConvertOptions);
  const ms = performance.now() - start;
  return r.ok ? { kind: 'convert', id: req.id, ms, xml: r.value } : { kind: 'convert', id: req.id, ms, faults: r.faults };
}

export async function handleImport(req: Req<'import'>): Promise<ImportResponse> {
  const { importXml } = await converters();
  const start = performance.now();
  const r = importXml(req.xml);
  const ms = performance.now() - start;
  return r.ok ? { kind: 'import', id: req.id, ms, document: r.value.document } : { kind: 'import', id: req.id, ms, faults: r.faults };
}

export async function handlePdf(req: Req<'pdf'>): Promise<PdfResponse> {
  const { renderPdf } = await import('./pdf.ts');
  return renderPdf(req);
}
