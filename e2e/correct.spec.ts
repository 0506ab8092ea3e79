/**
 * Correct…: the credit note of an issued invoice as a new draft, with the choices its regime and
 * addons allow, and a plain answer when the invoice cannot be corrected. Replicate: the same
 * invoice again as a new one.
 */
import { editorText, expect, openStudio, pickSample, shot, test } from './support/studio.ts';

test('a VERI*FACTU invoice gets a credit note with the chosen doc type, as a new draft that builds', async ({ page }) => {
  await openStudio(page);
  await pickSample(page, 'verifactu-b2b.json');
  await page.getByTestId('correct-button').click();
  const dialog = page.getByTestId('correct-dialog');
  await expect(dialog).toBeVisible();

  // The types ES allows, and the VERI*FACTU doc types for the reference.
  const type = page.getByTestId('correct-type');
  await expect(type.locator('option')).toHaveText(['Credit note', 'Corrective', 'Debit note']);
  await expect(page.getByTestId('correct-series')).toHaveValue('VF2025');
  await expect(page.getByTestId('correct-copy-tax')).toBeChecked();
  const docType = page.getByTestId('correct-ext-es-verifactu-doc-type');
  await expect(docType.locator('option', { hasText: 'R1' })).toHaveCount(1);

  await type.selectOption('credit-note');
  await docType.selectOption('R1');
  await page.getByTestId('correct-reason').fill('Devolución parcial');
  await page.getByTestId('correct-date').fill('2025-12-01');
  await shot(page, 'correct-dialog');
  await page.getByTestId('correct-create').click();
  await expect(dialog).toBeHidden();

  // The new draft is in the editor and builds.
  await expect.poll(() => editorText(page)).toContain('"type": "credit-note"');
  const doc = JSON.parse(await editorText(page)) as Record<string, any>;
  expect(doc.preceding[0]).toMatchObject({ type: 'standard', series: 'VF2025', code: '000127', issue_date: '2025-11-17', reason: 'Devolución parcial' });
  expect(doc.preceding[0].tax.categories[0].code).toBe('VAT');
  expect(doc.tax.ext['es-verifactu-doc-type']).toBe('R1');
  expect([doc.code, doc.issue_date]).toEqual([undefined, '2025-12-01']);
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByText('as a new draft')).toBeVisible();
  await shot(page, 'correct-created');
});

test('an invoice without a number cannot be corrected, and the dialog says so', async ({ page }) => {
  await openStudio(page);
  await pickSample(page, 'tbai-b2b.json');
  await page.getByTestId('correct-button').click();
  await expect(page.getByTestId('correct-blocking')).toContainText('cannot correct an invoice without a code');
  await expect(page.getByTestId('correct-create')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('correct-dialog')).toBeHidden();
});

test('File → Replicate makes a new draft with the same parties and lines, without number or dates', async ({ page }) => {
  await openStudio(page);
  await pickSample(page, 'verifactu-b2b.json');
  const original = JSON.parse(await editorText(page)) as Record<string, any>;
  await page.getByTestId('file-button').click();
  await page.getByTestId('replicate').click();
  await expect(page.getByTestId('doc-title')).toHaveText('New invoice like VERI*FACTU B2B standard invoice (F1)');
  const doc = JSON.parse(await editorText(page)) as Record<string, any>;
  expect([doc.uuid, doc.code, doc.issue_date]).toEqual([undefined, undefined, undefined]);
  expect([doc.series, doc.customer, doc.lines]).toEqual([original.series, original.customer, original.lines]);
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('total-payable')).toHaveText('1766.60');
});
