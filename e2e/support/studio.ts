/**
 * Shared e2e helpers. Every test runs with a guard (auto fixture) that fails it when the page
 * talks to any host but the preview server, logs a console error, or throws.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test as base, type Page } from '@playwright/test';

export interface Guard {
  readonly external: string[];
  readonly errors: string[];
}

const LOCAL = /^(https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|data:|blob:)/;

/** Watches a page for requests to other hosts and for console errors and uncaught exceptions. */
export function watch(page: Page, guard: Guard = { external: [], errors: [] }): Guard {
  page.on('request', (r) => {
    if (!LOCAL.test(r.url())) guard.external.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') guard.errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => guard.errors.push(`pageerror: ${e.message}`));
  return guard;
}

export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ page }, use) => {
      const guard = watch(page);
      await use(guard);
      expect(guard.external, 'requests to hosts other than localhost').toEqual([]);
      expect(guard.errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export const SHOTS = 'e2e/screenshots';
mkdirSync(SHOTS, { recursive: true });

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** Opens the studio and waits for the first successful build. */
export async function openStudio(page: Page, url = '/'): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'ok');
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
}

export async function pickSample(page: Page, file: string): Promise<void> {
  await page.getByTestId('samples-button').click();
  await page.locator(`[data-testid="sample"][data-file="${file}"]`).click();
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'ok');
}

interface Hook {
  editor: {
    getValue(): string;
    getPosition(): { lineNumber: number; column: number } | null;
    getSelection(): { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number } | null;
    getModel(): { uri: unknown; getLineContent(n: number): string; getLineCount(): number } | null;
  };
  monaco: { editor: { getModels(): { uri: { toString(): string }; getValue(): string }[]; getModelMarkers(filter: { owner?: string; resource?: unknown }): { startLineNumber: number; message: string; severity: number }[] } };
  /** The XML and PDF outputs (src/lib/state/outputs.svelte.ts). */
  xml: { xml?: string; resultFormat?: string };
  pdf: { pdf?: Uint8Array };
}
declare global {
  interface Window {
    __studio?: Hook;
  }
}

/** The editor's text; after a (re)load the build can finish before Monaco is ready, so wait for it. */
export async function editorText(page: Page): Promise<string> {
  await page.waitForFunction(() => window.__studio?.editor !== undefined);
  return page.evaluate(() => window.__studio!.editor.getValue());
}

export function cursorLine(page: Page): Promise<number | undefined> {
  return page.evaluate(() => window.__studio!.editor.getPosition()?.lineNumber);
}

/** The text of the Built tab's read-only editor (Monaco only renders the visible lines). */
export function builtText(page: Page): Promise<string | undefined> {
  return page.evaluate(() => window.__studio!.monaco.editor.getModels().find((m) => m.uri.toString() === 'inmemory://studio/built.json')?.getValue());
}

/** The text of the XML tab's read-only editor. */
export function xmlText(page: Page): Promise<string | undefined> {
  return page.evaluate(() => window.__studio!.monaco.editor.getModels().find((m) => m.uri.toString() === 'inmemory://studio/output.xml')?.getValue());
}

/**
 * Waits until the PDF tab shows the newest PDF (made from the current build and drawn), then
 * returns the bytes it shows, read from the page's PdfOutput.
 */
export async function currentPdf(page: Page): Promise<Buffer> {
  await expect(page.getByTestId('pdf-panel')).toHaveAttribute('data-state', 'current');
  await expect(page.locator('[data-testid="pdf-pages"] canvas[data-page="1"]')).toBeVisible();
  const b64 = await page.evaluate(() => {
    const bytes = window.__studio!.pdf.pdf!;
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(bin);
  });
  return Buffer.from(b64, 'base64');
}

/**
 * The pixels pdf.js drew for a page of the preview, as PNG. Unlike an element screenshot this is
 * the whole page even where it is scrolled out of the panel.
 */
export async function pdfPagePng(page: Page, n: number): Promise<Buffer> {
  const url = await page.locator(`[data-testid="pdf-pages"] canvas[data-page="${n}"]`).evaluate((c: HTMLCanvasElement) => c.toDataURL('image/png'));
  return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
}

/** The text of a PDF, as poppler's `pdftotext -layout` reads it. */
export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'studio-pdf-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', join(dir, 'in.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What `zbarimg` reads in a PNG (QR codes and barcodes, one symbol a line; stderr discarded). */
export function decodeBarcodes(png: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'studio-qr-'));
  try {
    writeFileSync(join(dir, 'in.png'), png);
    const r = spawnSync('zbarimg', ['--raw', '-q', join(dir, 'in.png')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    // zbarimg exits 4 when it finds nothing.
    return r.stdout.split('\n').filter((l) => l.trim() !== '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The engine's markers (owner `gobl`) on the document model. */
export function goblMarkers(page: Page): Promise<{ line: number; message: string; severity: number }[]> {
  return page.evaluate(() => {
    const { editor, monaco } = window.__studio!;
    return monaco.editor.getModelMarkers({ owner: 'gobl', resource: editor.getModel()!.uri }).map((m) => ({ line: m.startLineNumber, message: m.message, severity: m.severity }));
  });
}

/** 1-based line of the first editor line containing `text`. */
export function lineOf(page: Page, text: string): Promise<number> {
  return page.evaluate((t) => {
    const model = window.__studio!.editor.getModel()!;
    for (let i = 1; i <= model.getLineCount(); i++) if (model.getLineContent(i).includes(t)) return i;
    return -1;
  }, text);
}

/**
 * Selects `text` in the editor with the keyboard only: Ctrl+F, type it (the find widget selects the first match after the cursor), Escape (the match stays
 * selected). Then `select` narrows the selection from its end: `{ back, length }` moves `back`
 * characters left from the end and selects `length` characters before that point.
 */
export async function findInEditor(page: Page, text: string, narrow?: { back: number; length: number }): Promise<void> {
  await page.locator('[data-testid="editor-json"] .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ControlOrMeta+f');
  const find = page.locator('.find-widget .input').first();
  await expect(find).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.monaco-editor') !== null)).toBe(true);
  if (narrow) {
    await page.keyboard.press('ArrowRight');
    for (let i = 0; i < narrow.back; i++) await page.keyboard.press('ArrowLeft');
    for (let i = 0; i < narrow.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  }
}
