/**
 * Worker handlers for XML conversion, XML import and PDF rendering. The converters and the PDF
 * renderer are loaded on first use so the first build does not wait for them.
 */
const converters = () => import('../../../engine/convert/index.ts');
import type { ConvertFormat, ConvertOptions } from '../../../engine/convert/index.ts';
import type { ConvertResponse, CorrectResponse, EngineRequest, ImportResponse, PdfResponse, RoundingResponse } from './protocol.ts';
import { compareRounding } from '../../../engine/rounding-compare.ts';
import { correct, correctionOptionsSchemaFor, defaultRegistry, parseJsonText, type CorrectOptions } from '../../../engine/index.ts';

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

/** Faults that stop every correction (not an invoice, no code), as opposed to a bad option. */
const BLOCKING = new Set(['CORRECT-01', 'CORRECT-03']);

export function handleCorrect(req: Req<'correct'>, opts: Omit<CorrectOptions, 'registry'>): CorrectResponse {
  const start = performance.now();
  const done = (r: Omit<CorrectResponse, 'kind' | 'id' | 'ms'>): CorrectResponse => ({ kind: 'correct', id: req.id, ms: performance.now() - start, ...r });
  const parsed = parseJsonText(req.text);
  if (!parsed.ok) return done({ faults: [{ code: 'JSON', paths: ['$'], message: `fix the JSON first: ${parsed.error.message}` }] });
  const options = { ...opts, registry: defaultRegistry };
  if (req.options === undefined) {
    const schema = correctionOptionsSchemaFor(parsed.value, defaultRegistry, req.lang);
    const firstType = ((schema.properties as { type?: { default?: string } }).type?.default ?? '') as string;
    const probe = correct(parsed.value, { type: firstType }, options);
    return done({ schema, faults: probe.ok ? [] : probe.faults.filter((f) => BLOCKING.has(f.code)) });
  }
  const r = correct(parsed.value, req.options, options);
  return r.ok ? done({ document: r.value.document }) : done({ faults: r.faults });
}

export function handleRounding(req: Req<'rounding'>, uuid: () => string): RoundingResponse {
  const start = performance.now();
  const parsed = parseJsonText(req.text);
  const now = req.now ?? Date.now();
  const r = parsed.ok
    ? compareRounding(parsed.value, { now: () => now, uuid, registry: defaultRegistry })
    : { ok: false as const, faults: [{ code: 'JSON', paths: ['$'], message: parsed.error.message }] };
  const ms = performance.now() - start;
  return r.ok ? { kind: 'rounding', id: req.id, ms, comparison: r.value } : { kind: 'rounding', id: req.id, ms, faults: r.faults };
}
