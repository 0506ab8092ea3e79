/**
 * The XML tab's tools. "Check XSD": the proxy validates the XML the tab shows against the official
 * schemas (without the proxy the tab says what the check needs). "Compare…": another XML of the
 * invoice beside it. VERI*FACTU chain links carried from one invoice to the next, offline.
 */
import type { Page } from '@playwright/test';
import { startProxy, stopProxy, type Proxy } from './support/proxy.ts';
import { expect, findInEditor, openStudio, pickSample, shot, test, xmlText } from './support/studio.ts';

async function openXml(page: Page): Promise<void> {
  await page.getByTestId('tab-xml').click();
  await expect(page.getByTestId('pane-xml')).toBeVisible();
  await expect.poll(() => xmlText(page)).toContain('<?xml');
  await expect(page.locator('[data-testid="xml-panel"] .host')).not.toHaveClass(/stale/);
}

test('without the proxy the check says what it needs', async ({ page }) => {
  await openStudio(page);
  await pickSample(page, 'verifactu-b2b.json');
  await openXml(page);
  await page.getByTestId('xml-check').click();
  await expect(page.getByTestId('xml-check-unavailable')).toContainText('needs the proxy (npm start)');
});

test.describe('through the proxy', () => {
  test.describe.configure({ mode: 'serial' });
  let proxy: Proxy | undefined;
  test.beforeAll(async () => {
    proxy = await startProxy('studio-xsd-');
  });
  test.afterAll(async () => {
    await stopProxy(proxy);
  });

  test('the VERI*FACTU request validates against the official XSD; another format has no verdict yet', async ({ page }) => {
    await openStudio(page, `${proxy!.url}/`);
    await pickSample(page, 'verifactu-b2b.json');
    await openXml(page);
    await page.getByTestId('xml-check').click();
    const result = page.getByTestId('xml-check-result');
    await expect(result).toHaveAttribute('data-valid', 'true');
    await expect(result).toContainText('Valid against SuministroLR.xsd (checked: the request in the SOAP Body)');
    await shot(page, 'xml-check-valid');

    // Another format is another document: the old verdict is not shown for it.
    await page.getByTestId('xml-format').selectOption('facturae');
    await expect(page.getByTestId('xml-check-result')).toHaveCount(0);
  });

  test('errors are listed with their lines, marked in the XML and reachable by a click', async ({ page }) => {
    await openStudio(page, `${proxy!.url}/`);
    await pickSample(page, 'verifactu-b2b.json');
    await openXml(page);
    // The engine's XML always validates, so the proxy's answer is replaced by one with an error
    // on the TipoFactura line to show how the tab presents errors.
    const xml = (await xmlText(page))!;
    const line = xml.slice(0, xml.indexOf('<sum1:TipoFactura>')).split('\n').length;
    await page.route('**/api/xml/check', (route) =>
      route.fulfill({ json: { checked: true, schema: 'verifactu/SuministroLR.xsd', valid: false, issues: [{ line, message: "Element 'TipoFactura': 'Z9' is not a valid value." }] } }),
    );
    await page.getByTestId('xml-check').click();
    const issues = page.getByTestId('xml-check-issues');
    await expect(issues).toContainText(`line ${line}`);
    await expect(page.getByTestId('xml-check-result')).toContainText('1 XSD error');
    await issues.getByRole('button', { name: `line ${line}` }).click();
    const selected = await page.evaluate(() => window.__studio!.monaco.editor.getModels().find((m) => m.uri.toString() === 'inmemory://studio/output.xml') && document.activeElement?.closest('[data-testid="pane-xml"]') !== null);
    expect(selected).toBe(true);
    const markers = await page.evaluate(() => {
      const { monaco } = window.__studio!;
      const model = monaco.editor.getModels().find((m) => m.uri.toString() === 'inmemory://studio/output.xml')!;
      return monaco.editor.getModelMarkers({ resource: model.uri }).map((m) => ({ line: m.startLineNumber, message: m.message }));
    });
    expect(markers).toEqual([{ line, message: "Element 'TipoFactura': 'Z9' is not a valid value." }]);
    await shot(page, 'xml-check-errors');
  });
});

test('Compare… puts another XML of the invoice beside the studio’s and counts the real differences', async ({ page }) => {
  await openStudio(page);
  await pickSample(page, 'verifactu-b2b.json');
  await openXml(page);
  const ours = (await xmlText(page))!;
  await page.getByTestId('xml-compare-button').click();

  // The same document, compact and signed as an authority keeps it: no differences.
  const signed = ours.replace(/>\s+</g, '><').replace('</sum1:RegistroAlta>', '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignatureValue>x</ds:SignatureValue></ds:Signature></sum1:RegistroAlta>');
  await page.getByTestId('compare-paste').fill(signed);
  await page.getByTestId('compare-use-paste').click();
  await expect(page.getByTestId('compare-count')).toHaveText('no differences');
  // With signatures compared, the signature is the difference.
  await page.getByTestId('compare-drop-signature').uncheck();
  await expect(page.getByTestId('compare-count')).toHaveText('1 difference');

  // A customer's copy with another total: one difference, shown side by side.
  await page.getByRole('button', { name: 'Another file' }).click();
  await page.getByTestId('compare-input').setInputFiles({ name: 'customer.xml', mimeType: 'application/xml', buffer: Buffer.from(ours.replace('<sum1:ImporteTotal>1766.60</sum1:ImporteTotal>', '<sum1:ImporteTotal>1766.61</sum1:ImporteTotal>')) });
  await expect(page.getByTestId('xml-compare')).toContainText('customer.xml');
  await expect(page.getByTestId('compare-count')).toHaveText('1 difference');
  await expect(page.getByTestId('compare-diff')).toContainText('1766.61');
  await shot(page, 'xml-compare');

  // Text that is not XML is refused with a plain message.
  await page.getByRole('button', { name: 'Another file' }).click();
  await page.getByTestId('compare-paste').fill('{"not": "xml"}');
  await page.getByTestId('compare-use-paste').click();
  await expect(page.getByTestId('compare-problem')).toHaveText('The pasted text is not XML.');
  await page.getByTestId('compare-close').click();
  await expect(page.getByTestId('xml-compare')).toHaveCount(0);
});

test('VERI*FACTU: a record’s chain link, copied, makes the next invoice chain to it', async ({ page }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await openStudio(page);
  await pickSample(page, 'verifactu-b2b.json');
  await openXml(page);
  const first = (await xmlText(page))!;
  const huella = /<sum1:TipoHuella>01<\/sum1:TipoHuella>\s*<sum1:Huella>([0-9A-F]{64})</.exec(first)![1];
  await expect(page.getByTestId('xml-chain-link')).toContainText(huella.slice(0, 16));
  await page.getByTestId('xml-copy-link').click();
  await expect(page.getByTestId('xml-copy-link')).toHaveText('Copied');
  const link = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  expect(link).toEqual({ issuerNif: 'B87421566', seriesCode: 'VF2025-000127', issueDate: '17-11-2025', huella });

  // The next invoice: another number, the copied link pasted as its previous link.
  await findInEditor(page, '"code": "000127"', { back: 1, length: 6 });
  await page.keyboard.insertText('000128');
  await page.getByTestId('xml-previous').fill(JSON.stringify(link));
  await expect.poll(() => xmlText(page)).toContain('<sum1:NumSerieFactura>VF2025-000128</sum1:NumSerieFactura>');
  const second = (await xmlText(page))!;
  expect(second).toMatch(new RegExp(`<sum1:RegistroAnterior>[\\s\\S]*<sum1:NumSerieFactura>VF2025-000127</sum1:NumSerieFactura>[\\s\\S]*<sum1:Huella>${huella}</sum1:Huella>[\\s\\S]*</sum1:RegistroAnterior>`));
  await expect(page.getByTestId('xml-chain-link')).not.toContainText(huella.slice(0, 16));
});
