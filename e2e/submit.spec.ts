/**
 * The Submit tab against the real proxy: the spec starts `proxy/src/server.ts` on a free loopback
 * port with a temporary data folder, serving the built studio (dist/) and its embedded sandbox
 * authority (real HTTPS with mutual TLS on loopback), and opens the studio through it — as
 * `npm start` does. Without the proxy (the `vite preview` server of the config) the tab says how
 * to start it and makes no failing request (the guard fixture fails on any console error).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { startProxy, stopProxy, type Proxy } from './support/proxy.ts';
import { currentPdf, expect, findInEditor, openStudio, pdfText, pickSample, shot, test } from './support/studio.ts';

async function openSubmit(page: Page): Promise<void> {
  await page.getByTestId('tab-submit').click();
  await expect(page.getByTestId('pane-submit')).toBeVisible();
}

/** Types `"code": "<code>",` on a new line after the `"series"` line (keyboard only). */
async function addCode(page: Page, series: string, code: string): Promise<void> {
  await findInEditor(page, `"series": "${series}",`);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText(`"code": "${code}",`);
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'ok');
}

/** Replaces the invoice number `from` with `to` (keyboard only). */
async function changeCode(page: Page, from: string, to: string): Promise<void> {
  await findInEditor(page, `"code": "${from}"`, { back: 1, length: from.length });
  await page.keyboard.insertText(to);
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'ok');
}

test('without the proxy the Submit tab says how to start it, and calls nothing', async ({ page }) => {
  const api: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) api.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  await openStudio(page);
  await openSubmit(page);
  const absent = page.getByTestId('submit-unavailable');
  await expect(absent).toBeVisible();
  await expect(absent).toContainText('Start with npm start to submit: the proxy keeps certificates and signs');
  await expect(page.getByTestId('submit-button')).toHaveCount(0);
  // One probe of the unauthenticated health route, answered (200) by vite preview's index page.
  expect(api).toEqual(['GET /api/health']);
  await shot(page, 'submit-no-proxy');
});

test.describe('through the proxy (embedded sandbox authority)', () => {
  test.describe.configure({ mode: 'serial' });
  let proxy: Proxy | undefined;

  test.beforeAll(async () => {
    proxy = await startProxy();
  });
  test.afterAll(async () => {
    await stopProxy(proxy);
  });

  test('TicketBAI Bizkaia: accepted with its TBAI code, the chain advances, cancel, stamped copy in the PDF', async ({ page }) => {
    await openStudio(page, `${proxy!.url}/`);
    await pickSample(page, 'tbai-b2b.json');
    await openSubmit(page);
    const panel = page.getByTestId('submit-panel');
    await expect(panel).toHaveAttribute('data-connection', 'ready');

    // The authority and the province follow the document (es-tbai-v1, es-tbai-region BI); sandbox by default.
    await expect(page.getByTestId('submit-target')).toHaveValue('ticketbai');
    await expect(page.getByTestId('submit-zone')).toHaveValue('BI');
    await expect(page.getByTestId('submit-env-sandbox')).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByTestId('certificate')).toContainText('B00000034');
    await expect(page.getByTestId('certificate-warnings')).toContainText('self-signed');
    await expect(page.getByTestId('chain-empty')).toBeVisible();
    await expect(page.getByTestId('history')).toHaveAttribute('data-count', '0');

    // The sample has no number: the panel says so instead of sending something the proxy refuses.
    await expect(page.getByTestId('submit-blockers')).toContainText('no number');
    await expect(page.getByTestId('submit-button')).toBeDisabled();
    await addCode(page, 'F1', '101');
    await expect(page.getByTestId('submit-summary')).toContainText('F1-101');

    // Production: a clear warning and an explicit confirmation before the button works.
    await page.getByTestId('submit-env-production').click();
    await expect(page.getByTestId('production-warning')).toContainText('for real');
    await expect(page.getByTestId('production-warning')).toContainText('self-signed sandbox one');
    await expect(page.getByTestId('submit-button')).toBeDisabled();
    await page.getByTestId('confirm-production').check();
    await expect(page.getByTestId('submit-button')).toBeEnabled();
    await expect(page.getByTestId('submit-button')).toHaveText('Submit to production');
    await shot(page, 'submit-production-warning');
    await page.getByTestId('submit-env-sandbox').click();
    await expect(page.getByTestId('production-warning')).toHaveCount(0);

    // First invoice.
    await page.getByTestId('submit-button').click();
    const result = page.getByTestId('submission');
    await expect(result).toHaveAttribute('data-status', 'accepted');
    await expect(page.getByTestId('submission-status')).toHaveText('Accepted');
    await expect(result).toContainText('TicketBAI Bizkaia');
    const code1 = (await page.getByTestId('tbai-code').textContent())!.trim();
    expect(code1).toMatch(/^TBAI-A99805194-\d{6}-[A-Za-z0-9+/]{13}-\d{3}$/);
    await expect(page.getByTestId('tbai-qr')).toContainText(`https://batuz.eus/QRTBAI/?id=${encodeURIComponent(code1)}&s=F1&nf=101&i=2178.00&cr=`);
    await expect(result.getByTestId('qr')).toBeVisible();
    await expect(page.getByTestId('chain')).toHaveAttribute('data-seq', '1');
    await expect(page.getByTestId('chain-invoice')).toHaveText('F1/101');
    await expect(page.getByTestId('history')).toHaveAttribute('data-count', '1');
    await expect(page.getByTestId('history-row').first()).toHaveAttribute('data-status', 'accepted');

    // The XML both ways: the LROE request with the signed TicketBAI inside, and Batuz's answer.
    const xml = () => page.evaluate(() => window.__studio!.monaco.editor.getModels().find((m) => m.uri.toString() === 'inmemory://studio/submission.xml')?.getValue());
    // (Bizkaia's LROE request carries the signed TicketBAI file in base64: "PD94" is "<?x".)
    await expect.poll(xml).toContain('LROEPJ240FacturasEmitidasConSGAltaPeticion');
    expect(await xml()).toContain('<TicketBai>PD94');
    await page.getByTestId('raw-response').click();
    await expect.poll(xml).toContain('<EstadoRegistro>Correcto</EstadoRegistro>');
    await page.getByTestId('raw-signed').click();
    await expect.poll(xml).toMatch(/^<\?xml[^>]*\?>\n<T:TicketBai/);
    expect(await xml()).toContain('<ds:SignatureValue');
    await shot(page, 'submit-tbai-accepted');

    // Second invoice: the chain advances to it.
    await changeCode(page, '101', '102');
    await page.getByTestId('submit-button').click();
    await expect(page.getByTestId('submission')).toContainText('F1/102');
    await expect(page.getByTestId('submission')).toHaveAttribute('data-status', 'accepted');
    await expect(page.getByTestId('submission-seq')).toHaveText('#2');
    await expect(page.getByTestId('chain')).toHaveAttribute('data-seq', '2');
    await expect(page.getByTestId('chain-invoice')).toHaveText('F1/102');
    await expect(page.getByTestId('history')).toHaveAttribute('data-count', '2');
    const code2 = (await page.getByTestId('tbai-code').textContent())!.trim();
    expect(code2).not.toBe(code1);

    // Sending the same number again: rejected as a duplicate, with the authority's code and its meaning.
    await page.getByTestId('submit-button').click();
    await expect(page.getByTestId('submission')).toHaveAttribute('data-status', 'rejected');
    await expect(page.getByTestId('submission-codes')).toContainText('B4_2000003');
    await expect(page.getByTestId('submission-codes')).toContainText('Duplicate record');
    await expect(page.getByTestId('history')).toHaveAttribute('data-count', '3');
    await shot(page, 'submit-tbai-duplicate');
    // The whole panel (result, chain, certificate, history, lookup) on a tall page.
    await page.setViewportSize({ width: 1400, height: 2100 });
    await shot(page, 'submit-tbai-panel');
    await page.setViewportSize({ width: 1400, height: 860 });

    // The history opens an earlier submission; an accepted TicketBAI invoice can be cancelled.
    await page.locator('[data-testid="history-row"]', { hasText: 'F1/101' }).click();
    await expect(page.getByTestId('submission')).toContainText('F1/101');
    await expect(page.getByTestId('submission')).toContainText('from the history');
    await expect(page.getByTestId('tbai-code')).toHaveText(code1);
    await page.getByTestId('cancel-button').click();
    await page.getByTestId('cancel-confirm').click();
    await expect(page.getByTestId('submission')).toContainText('Cancellation of F1/101');
    await expect(page.getByTestId('submission')).toHaveAttribute('data-status', 'accepted');
    await expect(page.getByTestId('history')).toHaveAttribute('data-count', '4');

    // Tax ID lookup (VNifV2 through the proxy; the sandbox census).
    await page.getByTestId('lookup-fill').click();
    await page.getByTestId('lookup-button').click();
    await expect(page.getByTestId('lookup-result')).toHaveAttribute('data-code', 'IDENTIFICADO');

    // The stamped copy of F1/102 as a new draft: the PDF prints its real TBAI code.
    await page.locator('[data-testid="history-row"][data-status="accepted"]', { hasText: 'F1/102' }).click();
    await expect(page.getByTestId('tbai-code')).toHaveText(code2);
    await page.getByTestId('stamped-draft').click();
    await expect(page.getByTestId('pane-pdf')).toBeVisible();
    await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'ok');
    const text = pdfText(await currentPdf(page)).replace(/\s+/g, '');
    expect(text).toContain(code2);
    expect(text).not.toContain('pendientedefirma');
  });

  test('VERI*FACTU: accepted, with the huella as the chain link', async ({ page }) => {
    await openStudio(page, `${proxy!.url}/`);
    await pickSample(page, 'verifactu-b2b.json');
    await openSubmit(page);
    await expect(page.getByTestId('submit-target')).toHaveValue('verifactu');
    await expect(page.getByTestId('submit-zone')).toHaveCount(0);
    await expect(page.getByTestId('chain-empty')).toBeVisible();
    await page.getByTestId('submit-button').click();
    const result = page.getByTestId('submission');
    await expect(result).toHaveAttribute('data-status', 'accepted');
    await expect(result).toContainText('VERI*FACTU (AEAT)');
    await expect(page.getByTestId('submission-reference')).toHaveText(/^A-[0-9A-F]{14}$/);
    const huella = (await page.getByTestId('stamp-verifactu-huella').textContent())!.trim();
    expect(huella).toMatch(/^[0-9A-F]{64}$/);
    await expect(page.getByTestId('chain')).toHaveAttribute('data-seq', '1');
    await expect(page.getByTestId('chain-invoice')).toHaveText('VF2025-000127');
    await expect(page.getByTestId('chain-head')).toContainText(huella);
    await expect(page.locator('[data-testid="history-row"]', { hasText: 'VF2025-000127' })).toHaveCount(1);
    await shot(page, 'submit-verifactu-accepted');
  });

  test('VERI*FACTU: the same invoice sent again goes as a subsanación of the accepted record', async ({ page }) => {
    await openStudio(page, `${proxy!.url}/`);
    await pickSample(page, 'verifactu-b2b.json');
    await changeCode(page, '000127', 'RESEND-1');
    await openSubmit(page);
    await page.getByTestId('submit-button').click();
    await expect(page.getByTestId('submission')).toHaveAttribute('data-status', 'accepted');
    await expect(page.getByTestId('submission-resend')).toHaveCount(0);
    await page.getByTestId('submit-button').click();
    await expect(page.getByTestId('submission-resend')).toHaveText('as a correction of the record the AEAT accepted (Subsanacion S)');
    await expect(page.getByTestId('submission')).toHaveAttribute('data-status', 'accepted');
  });

  test('sandbox trouble: a lost answer leaves the invoice pending, and the retry finds it registered', async ({ page }) => {
    await openStudio(page, `${proxy!.url}/`);
    await pickSample(page, 'verifactu-b2b.json');
    await changeCode(page, '000127', 'TROUBLE-1');
    await openSubmit(page);
    await page.locator('details.options summary').click();
    await page.getByTestId('trouble-kind').selectOption('drop-after');
    await page.getByTestId('trouble-queue').click();
    await expect(page.getByTestId('trouble-queued')).toContainText('the answer is lost');
    await page.getByTestId('submit-button').click();
    const result = page.getByTestId('submission');
    await expect(result).toHaveAttribute('data-status', 'pending');
    await expect(result).toContainText('The proxy retries by itself.');
    // The outbox retries after PROXY_RETRY_MS (5 s) and the panel asks again every 3 s.
    await expect(result).toHaveAttribute('data-status', 'accepted', { timeout: 20_000 });
    await expect(page.getByTestId('submission-note')).toHaveText('Delivered after 2 attempts: the authority already had this record from an earlier attempt, so the lost answer counts as accepted.');
    await expect(page.getByTestId('trouble-queued')).toHaveCount(0);
    await shot(page, 'submit-sandbox-trouble');
  });

  test("explain an authority's answer: codes, meanings and where to look in the document", async ({ page }) => {
    await openStudio(page, `${proxy!.url}/`);
    await openSubmit(page);
    await page.getByTestId('explain').locator('summary').click();
    const answer = readFileSync(resolve('../shared/conformance/converters/Verifactu-PHP/extracted-responses/incorrect-response.xml'), 'utf8');
    await page.getByTestId('explain-xml').fill(answer);
    await page.getByTestId('explain-button').click();
    const result = page.getByTestId('explain-result');
    await expect(result).toHaveAttribute('data-status', 'rejected');
    await expect(result).toContainText('VERI*FACTU answer (RespuestaRegFactuSistemaFacturacion)');
    const row = page.locator('[data-testid="explain-code"][data-code="3002"]');
    await expect(row).toContainText('No existe el registro de facturación.');
    await expect(row).toContainText('The billing record does not exist');
    await expect(row).toContainText('$.code');
    await expect(row).toContainText('NO-EXISTE');
    await shot(page, 'submit-explain');

    await page.getByTestId('explain-xml').fill('<Invoice/>');
    await page.getByTestId('explain-button').click();
    await expect(page.getByTestId('explain-problem')).toHaveText('<Invoice> is not a TicketBAI, LROE, SII or VERI*FACTU answer');
  });

  test('sandbox trouble: a record refused on demand, sent again with RechazoPrevio X and registered', async ({ page }) => {
    await openStudio(page, `${proxy!.url}/`);
    await pickSample(page, 'verifactu-b2b.json');
    await changeCode(page, '000127', 'REJECT-1');
    await openSubmit(page);
    await page.locator('details.options summary').click();
    await page.getByTestId('trouble-kind').selectOption('reject');
    await page.getByTestId('trouble-queue').click();
    await page.getByTestId('submit-button').click();
    const result = page.getByTestId('submission');
    await expect(result).toHaveAttribute('data-status', 'rejected');
    await expect(result).toContainText('1104');
    await page.getByTestId('submit-button').click();
    await expect(result).toHaveAttribute('data-status', 'accepted');
    await expect(page.getByTestId('submission-resend')).toHaveText('after the AEAT rejected an earlier record of this invoice (Subsanacion S, RechazoPrevio X)');
    await shot(page, 'submit-after-rejection');
  });
});
