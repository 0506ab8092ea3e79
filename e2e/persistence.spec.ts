/** Drafts survive reloads; permalinks carry the document to another browser. */
import { editorText, expect, findInEditor, openStudio, pickSample, shot, test, watch } from './support/studio.ts';

test('reload keeps the draft', async ({ page }) => {
  await openStudio(page);
  await pickSample(page, 'tbai-b2b.json');
  await findInEditor(page, '"quantity": "20"', { back: 1, length: 2 });
  await page.keyboard.type('35');
  await expect(page.getByTestId('total-payable')).toHaveText('3811.50');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const before = await editorText(page);

  await page.reload();
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('total-payable')).toHaveText('3811.50');
  expect(await editorText(page)).toBe(before);
  await expect(page.getByTestId('doc-title')).toHaveText('TicketBAI B2B invoice (Bizkaia)');
});

test('Ctrl+S saves at once', async ({ page }) => {
  await openStudio(page);
  await findInEditor(page, '"quantity": "20"', { back: 1, length: 2 });
  await page.keyboard.type('7');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'unsaved');
  await page.keyboard.press('ControlOrMeta+s');
  // Sooner than the autosave pause (400 ms) would.
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 300 });
  await page.reload();
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'ok');
  expect(await editorText(page)).toContain('"quantity": "7"');
});

test('a permalink opened in a fresh browser shows the same document', async ({ page, browser }) => {
  await openStudio(page);
  await pickSample(page, 'tbai-b2b.json');
  await findInEditor(page, '"quantity": "20"', { back: 1, length: 2 });
  await page.keyboard.type('35');
  await expect(page.getByTestId('total-payable')).toHaveText('3811.50');
  const source = await editorText(page);

  await page.getByTestId('share-button').click();
  const dialog = page.getByTestId('share-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('share-anonymize')).toBeChecked();
  const anonLink = await page.getByTestId('share-link').inputValue();
  await shot(page, 'share-dialog');
  await page.getByTestId('share-anonymize').uncheck();
  await expect(page.getByTestId('share-link')).not.toHaveValue(anonLink);
  const link = await page.getByTestId('share-link').inputValue();
  expect(new URL(link).hash).toMatch(/^#doc=[A-Za-z0-9_-]+&tab=totals$/);
  // The same as a Markdown block for an issue: the link, the invoice, its document.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('share-markdown').click();
  await expect(page.getByText('Markdown copied')).toBeVisible();
  const md = await page.evaluate(() => navigator.clipboard.readText());
  expect(md.split('\n').slice(0, 4)).toEqual([
    `**TicketBAI B2B invoice (Bizkaia)** — [open in gobl-studio](${link})`,
    '',
    '- Invoice: F1 (no number) · 2025-11-10 · payable 3811.50 EUR · es-tbai-v1',
    '- Builds without problems',
  ]);
  expect(md).toContain(`\`\`\`json\n${source.trimEnd()}\n\`\`\``);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // A fresh context: no drafts, no cache.
  const other = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  const fresh = await other.newPage();
  const guard = watch(fresh);
  await openStudio(fresh, link);
  expect(await editorText(fresh)).toBe(source);
  await expect(fresh.getByTestId('total-payable')).toHaveText('3811.50');
  await expect(fresh.getByTestId('doc-title')).toHaveText('Shared document');
  // The fragment is consumed: a reload reopens the draft instead of making another one.
  expect(new URL(fresh.url()).hash).toBe('');

  // The anonymized link, pasted into the same tab (only the fragment changes: no reload).
  await fresh.goto(anonLink);
  await expect.poll(() => editorText(fresh)).toContain('"name": "Supplier Test S.L."');
  await expect(fresh.getByTestId('build-status')).toHaveAttribute('data-status', 'ok');
  const anon = await editorText(fresh);
  expect(anon).toContain('"name": "Supplier Test S.L."');
  expect(anon).toContain('"name": "Customer Test S.L."');
  expect(anon).not.toContain('A99805194');
  expect(anon).not.toContain('HFPn5yhXZ9tdD4pHRbvwymaVPrGZQr');
  await expect(fresh.getByTestId('total-payable')).toHaveText('3811.50');
  await expect(fresh.getByTestId('problem')).toHaveCount(0);
  expect(guard.external).toEqual([]);
  expect(guard.errors).toEqual([]);
  await other.close();
});

test('a permalink opens on the tab it was shared from, with the XML province chosen', async ({ page, browser }) => {
  await openStudio(page);
  await pickSample(page, 'tbai-b2b.json');
  await page.getByTestId('tab-xml').click();
  await page.getByTestId('xml-zone').selectOption('SS');
  await page.getByTestId('share-button').click();
  await expect(page.getByTestId('share-length')).toContainText('opens on the XML tab');
  const link = await page.getByTestId('share-link').inputValue();
  expect(new URL(link).hash).toMatch(/&tab=xml&zone=SS$/);

  const other = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  const fresh = await other.newPage();
  const guard = watch(fresh);
  await openStudio(fresh, link);
  await expect(fresh.getByTestId('tab-xml')).toHaveAttribute('aria-selected', 'true');
  await expect(fresh.getByTestId('xml-zone')).toHaveValue('SS');
  expect(guard.errors).toEqual([]);
  await other.close();
});
