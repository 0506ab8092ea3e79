/**
 * PDF rendering in the worker. The renderer and the fonts are loaded on the first request only
 * (fonts are bundled assets of this app, fetched from the same origin).
 */
import type { PdfResponse, PdfRequest } from './protocol.ts';

let fontsLoading: Promise<{ font: Uint8Array; boldFont: Uint8Array }> | undefined;

function loadFonts() {
  fontsLoading ??= (async () => {
    const [{ loadDefaultFonts }, regular, bold] = await Promise.all([
      import('../../../engine/render/pdf/fonts.ts'),
      import('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf?url'),
      import('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf?url'),
    ]);
    const urls = { regular: regular.default, bold: bold.default };
    return loadDefaultFonts(async (_file, face) => (await fetch(urls[face])).arrayBuffer());
  })();
  return fontsLoading;
}

export async function renderPdf(req: PdfRequest): Promise<PdfResponse> {
  const start = performance.now();
  try {
    const [{ renderInvoicePdf }, fonts] = await Promise.all([import('../../../engine/render/pdf/index.ts'), loadFonts()]);
    const r = await renderInvoicePdf(req.envelope, { ...(req.options as object), ...fonts });
    const ms = performance.now() - start;
    return r.ok ? { kind: 'pdf', id: req.id, ms, pdf: r.value } : { kind: 'pdf', id: req.id, ms, faults: r.faults };
  } catch (e) {
    fontsLoading = undefined;
    return { kind: 'pdf', id: req.id, ms: performance.now() - start, faults: [{ code: 'STUDIO-PDF-01', paths: ['$'], message: `the PDF could not be made: ${(e as Error).message}` }] };
  }
}
