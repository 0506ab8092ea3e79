/**
 * Editing a sample: the totals, the built envelope, the XML and the PDF preview follow the
 * keyboard. The PDF is checked as the person would read it: its text (pdftotext on the bytes the
 * preview shows) and its QR code (zbarimg on a screenshot of the drawn page).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { builtText, currentPdf, decodeBarcodes, editorText, expect, findInEditor, openStudio, pdfPagePng, pdfText, pickSample, shot, SHOTS, test, xmlText } from './support/studio.ts';

// Two device pixels per CSS pixel: the PDF preview draws QR modules sharp enough to decode (and
// to tell for sure that a page has none).
test.use({ deviceScaleFactor: 2 });

/** Opens an output tab and waits for its pane. */
async function openTab(page: Page, tab: 'totals' | 'built' | 'xml' | 'pdf'): Promise<void> {
  await page.getByTestId(`tab-${tab}`).click();
  await expect(page.getByTestId(`pane-${tab}`)).toBeVisible();
}

/** The XML tab's text once it is made from the current build and contains `needle`. */
async function xmlWith(page: Page, needle: string): Promise<string> {
  await expect.poll(() => xmlText(page)).toContain(needle);
  await expect(page.locator('[data-testid="xml-panel"] .host')).not.toHaveClass(/stale/);
  return (await xmlText(page))!;
}

/** The printed TicketBAI placeholders (Spanish labels, engine/render/pdf/labels.ts). */
const TBAI_PENDING = 'TicketBAI: factura pendiente de firma';
const TBAI_PENDING_QR = 'QR TBAI pendiente de firma';

/** pdftotext may break a centred line; compare with the white space collapsed. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

test('TicketBAI: a quantity edit updates the totals, the built JSON, the TicketBAI XML and the PDF', async ({ page }) => {
  await openStudio(page);
  await pickSample(page, 'tbai-b2b.json');
  const payable = page.getByTestId('total-payable');
  await expect(payable).toHaveText('2178.00');
  await shot(page, 'main-totals');

  // Before the XML tab made anything, File → Download XML says why it cannot.
  await page.getByTestId('file-button').click();
  await expect(page.getByTestId('download-xml')).toBeDisabled();
  await expect(page.getByTestId('download-xml')).toContainText('open the XML tab');
  // A click outside closes the menu.
  await page.getByTestId('file-button').click({ force: true });
  await expect(page.getByTestId('file-menu')).toBeHidden();

  // The sample has no number: the XML tab asks for one for the preview.
  await openTab(page, 'xml');
  const previewCode = page.getByTestId('xml-preview-code');
  await expect(previewCode).toBeVisible();
  await expect(page.getByTestId('xml-faults')).toContainText('$.doc.code');
  await expect(page.getByTestId('xml-needs-number')).toBeVisible();
  await expect(page.getByTestId('xml-copy')).toBeDisabled();
  await shot(page, 'xml-tab-no-number');
  await previewCode.fill('F000001');
  let xml = await xmlWith(page, '<NumFactura>F000001</NumFactura>');
  expect(xml).toContain('<ImporteTotalFactura>2178.00</ImporteTotalFactura>');
  await expect(page.getByTestId('xml-format')).toHaveValue('ticketbai');
  await expect(page.getByTestId('xml-needs-number')).toHaveCount(0);

  // The PDF does not use the preview number: it says the invoice has none.
  await openTab(page, 'pdf');
  await expect(page.getByTestId('pdf-verifactu-env')).toHaveCount(0);
  let text = flat(pdfText(await currentPdf(page)));
  expect(text).toContain('F1 (sin numerar)');
  expect(text).toContain('2.178,00');

  // Select the 20 of `"quantity": "20"` with the keyboard and type 35.
  await openTab(page, 'totals');
  await findInEditor(page, '"quantity": "20"', { back: 1, length: 2 });
  await page.keyboard.type('35');
  expect(await editorText(page)).toContain('"quantity": "35"');

  // 35 h × 90.00 = 3150.00, plus 21% VAT 661.50.
  await expect(payable).toHaveText('3811.50');
  await expect(page.getByTestId('total-sum')).toHaveText('3150.00');
  await expect(page.getByTestId('line-total')).toHaveText('3150.00');

  await openTab(page, 'built');
  const built = page.getByTestId('pane-built');
  await expect(built.locator('.view-lines')).toContainText('"$schema": "https://gobl.org/draft-0/envelope"');
  await expect.poll(() => builtText(page)).toContain('"payable": "3811.50"');
  const envelope = JSON.parse((await builtText(page))!);
  expect(envelope.doc.lines[0]).toMatchObject({ quantity: '35', sum: '3150.00' });
  expect(envelope.doc.totals).toMatchObject({ sum: '3150.00', tax: '661.50', payable: '3811.50' });
  await shot(page, 'built-tab');

  // The XML follows, still with the preview number (the document itself has none).
  await openTab(page, 'xml');
  await expect(previewCode).toHaveValue('F000001');
  xml = await xmlWith(page, '<ImporteTotalFactura>3811.50</ImporteTotalFactura>');
  expect(xml).toContain('<NumFactura>F000001</NumFactura>');
  expect(xml).toContain('<BaseImponible>3150.00</BaseImponible>');
  expect(xml).toContain('<CuotaImpuesto>661.50</CuotaImpuesto>');
  expect(xml).not.toContain('2178.00');
  expect(JSON.parse(await editorText(page)).code).toBeUndefined();
  await expect(page.locator('[data-testid="xml-panel"] .view-lines')).toContainText('<?xml');
  await shot(page, 'xml-tab');

  // The PDF follows: new amounts, and the marked TicketBAI placeholder, never an invented code.
  await openTab(page, 'pdf');
  const pdf = await currentPdf(page);
  text = flat(pdfText(pdf));
  expect(text).toContain('3.150,00');
  expect(text).toContain('661,50');
  expect(text).toContain('3.811,50');
  expect(text).not.toContain('2.178,00');
  expect(text).toContain(TBAI_PENDING);
  expect(text).toContain(TBAI_PENDING_QR);
  expect(text).not.toMatch(/TBAI-[A-Z0-9]/);
  // No QR at all on the drawn page of an unsigned TicketBAI invoice (the whole page, not just
  // the part scrolled into view).
  const page1 = await pdfPagePng(page, 1);
  writeFileSync(`${SHOTS}/pdf-tbai-page1.png`, page1);
  expect(decodeBarcodes(page1)).toEqual([]);
  await shot(page, 'pdf-tab');

  // File → Download XML / PDF give exactly what the tabs show.
  await page.getByTestId('file-button').click();
  await expect(page.getByTestId('download-xml')).toBeEnabled();
  const [xmlFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-xml').click()]);
  expect(xmlFile.suggestedFilename()).toBe('TicketBAI-B2B-invoice-Bizkaia-ticketbai.xml');
  expect(readFileSync(await xmlFile.path(), 'utf8')).toBe(xml);
  await page.getByTestId('file-button').click();
  await expect(page.getByTestId('download-pdf')).toBeEnabled();
  const [pdfFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-pdf').click()]);
  expect(pdfFile.suggestedFilename()).toBe('TicketBAI-B2B-invoice-Bizkaia.pdf');
  expect(readFileSync(await pdfFile.path()).equals(pdf)).toBe(true);
});

/** 2-decimal euros from cents. */
const euros = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/**
 * The VERI*FACTU sample's ImporteTotal with `qty` brochures, worked out here: 1 × 1250.00 plus
 * qty × 0.42, with 21% VAT on the sum rounded to the cent.
 */
function verifactuTotal(qty: number): string {
  const sum = 125000 + qty * 42;
  const vat = Math.round((sum * 21) / 100);
  return euros(sum + vat);
}

/**
 * The cotejo URL the AEAT specifies for the QR (test host, which the studio uses by default; see
 * VERIFACTU_QR_HOSTS in engine/convert/verifactu/qr.ts): supplier NIF, series-number, issue date
 * dd-mm-yyyy and ImporteTotal.
 */
const aeatQr = (importe: string) => `https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=B87421566&numserie=VF2025-000127&fecha=17-11-2025&importe=${importe}`;

/** The QR codes on the first page of the PDF preview, read from a screenshot of its canvas. */
async function firstPageQr(page: Page, name: string): Promise<string[]> {
  await currentPdf(page);
  const png = await page.locator('[data-testid="pdf-pages"] canvas[data-page="1"]').screenshot({ path: `${SHOTS}/${name}.png` });
  return decodeBarcodes(png);
}

test('VERI*FACTU: a quantity edit updates the totals, the XML and the AEAT QR of the PDF preview', async ({ page }) => {
  await openStudio(page);
  await pickSample(page, 'verifactu-b2b.json');
  const payable = page.getByTestId('total-payable');
  expect(verifactuTotal(500)).toBe('1766.60');
  await expect(payable).toHaveText(verifactuTotal(500));

  await openTab(page, 'pdf');
  await expect(page.getByTestId('pdf-verifactu-env')).toHaveValue('test');
  expect(await firstPageQr(page, 'pdf-verifactu-before')).toEqual([aeatQr('1766.60')]);

  // 500 brochures → 1000.
  await openTab(page, 'totals');
  await findInEditor(page, '"quantity": "500"', { back: 1, length: 3 });
  await page.keyboard.type('1000');
  expect(await editorText(page)).toContain('"quantity": "1000"');
  const total = verifactuTotal(1000);
  expect(total).toBe('2020.70');
  await expect(payable).toHaveText(total);

  await openTab(page, 'built');
  await expect.poll(() => builtText(page)).toContain(`"payable": "${total}"`);

  // The registration record: no preview number is needed (the sample has VF2025-000127).
  await openTab(page, 'xml');
  await expect(page.getByTestId('xml-format')).toHaveValue('verifactu');
  await expect(page.getByTestId('xml-preview-code')).toHaveCount(0);
  const xml = await xmlWith(page, `<sum1:ImporteTotal>${total}</sum1:ImporteTotal>`);
  expect(xml).toContain('<sum1:NumSerieFactura>VF2025-000127</sum1:NumSerieFactura>');

  await openTab(page, 'pdf');
  const qr = await firstPageQr(page, 'pdf-verifactu-after');
  expect(qr).toEqual([aeatQr(total)]);
  // The drawn page itself reads the same (and shows the decoder sees QR codes at this scale).
  expect(decodeBarcodes(await pdfPagePng(page, 1))).toEqual([aeatQr(total)]);
  const text = flat(pdfText(await currentPdf(page)));
  expect(text).toContain('QR tributario');
  expect(text).toContain('VERI*FACTU');
  expect(text).toContain('2.020,70');
  await shot(page, 'pdf-verifactu');
});

/** Replaces the editor's text the way a person pastes a document: select all, Ctrl+V. */
async function pasteDocument(page: Page, doc: unknown): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify(doc, null, 2));
  await page.locator('[data-testid="editor-json"] .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('ControlOrMeta+v');
}

test('the rounding inspector shows what rounding each line first would change', async ({ page }) => {
  await openStudio(page);
  await pickSample(page, 'tbai-b2b.json');
  // Lines with half cents, pasted over the sample: precise sums 31.014, currency rounds each line
  // first (3 × 10.01 + 1.00 = 31.03).
  const doc = JSON.parse(await editorText(page)) as Record<string, any>;
  const line = (price: string, quantity = '1') => ({ quantity, item: { name: 'Pieza', price }, taxes: [{ cat: 'VAT', rate: 'general' }] });
  doc.lines = [line('10.005'), line('10.005'), line('10.005'), line('0.333', '3')];
  await pasteDocument(page, doc);
  await expect(page.getByTestId('total-sum')).toHaveText('31.01');

  await page.getByTestId('rounding-inspector').locator('summary').click();
  await expect(page.getByTestId('rounding-summary')).toContainText('This document uses precise (the default in Spain)');
  const sum = page.locator('[data-testid="rounding-row"][data-key="sum"]');
  await expect(sum.locator('td')).toHaveText(['31.01', '31.03']);
  await expect(sum).toHaveClass(/differs/);
  await expect(page.locator('[data-testid="rounding-row"][data-key="payable"] td')).toHaveText(['37.53', '37.55']);
  await expect(page.getByTestId('rounding-summary')).toContainText('6 amounts differ');
  await shot(page, 'rounding-inspector');

  // Whole cents: both rules agree, and the open inspector follows the editor.
  doc.lines = [line('10.00'), line('0.30', '3')];
  await pasteDocument(page, doc);
  await expect(page.getByTestId('rounding-summary')).toContainText('Both rules give the same amounts here.');
  await expect(page.locator('[data-testid="rounding-row"][data-key="sum"] td')).toHaveText(['10.90', '10.90']);
  await expect(page.locator('[data-testid="rounding-row"].differs')).toHaveCount(0);
});
