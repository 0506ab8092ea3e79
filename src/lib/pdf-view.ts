/**
 * Renders PDF bytes to canvases in the page with pdf.js (loaded on first use, bundled locally),
 * so the preview needs no plugin, no new tab and no remote service.
 */
type PdfJs = typeof import('pdfjs-dist');

let pdfjs: Promise<PdfJs> | undefined;

function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(([lib, worker]) => {
    lib.GlobalWorkerOptions.workerSrc = worker.default;
    return lib;
  });
  return pdfjs;
}

/** Draws every page into `host` (replacing what was there) at the given CSS width. */
export async function renderPdfPages(bytes: Uint8Array, host: HTMLElement, width: number): Promise<number> {
  const lib = await loadPdfJs();
  // pdf.js takes ownership of the buffer it is given: pass a copy.
  const doc = await lib.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: false }).promise;
  const canvases: HTMLCanvasElement[] = [];
  const ratio = Math.min(window.devicePixelRatio || 1, 2);
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const base = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: (width / base.width) * ratio });
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
    canvas.dataset.page = String(n);
    await page.render({ canvas, viewport }).promise;
    canvases.push(canvas);
  }
  host.replaceChildren(...canvases);
  const pages = doc.numPages;
  await doc.destroy();
  return pages;
}
