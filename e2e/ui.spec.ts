/** Views: dark mode, presentation mode, help, documents list, import and downloads. */
import { readFileSync } from 'node:fs';
import { build, defaultRegistry } from '../engine/index.ts';
import { convert } from '../engine/convert/index.ts';
import { editorText, expect, findInEditor, openStudio, pickSample, shot, test } from './support/studio.ts';

/** The TicketBAI B2B sample as the engine writes it in TicketBAI XML. */
function ticketBaiXml(): string {
  // An invoice sent to TicketBAI needs its number.
  const doc = { ...JSON.parse(readFileSync('samples/tbai-b2b.json', 'utf8')), code: '0042' };
  const built = build(doc, { now: () => Date.UTC(2025, 10, 10, 10), uuid: () => '019a6d00-0000-7000-8000-000000000001', registry: defaultRegistry, defaultType: 'bill/invoice' });
  if (!built.ok) throw new Error(built.error.message);
  const xml = convert(built.value, 'ticketbai', { now: '2025-11-10T10:00:00Z' });
  if (!xml.ok) throw new Error(JSON.stringify(xml.faults));
  return xml.value;
}

test('dark mode, presentation mode and the help panel', async ({ page }) => {
  await openStudio(page);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');

  await page.getByTestId('toggle-dark').click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('.monaco-editor').first()).toHaveClass(/vs-dark/);
  await shot(page, 'dark');

  await page.getByTestId('toggle-presentation').click();
  await expect(html).toHaveAttribute('data-presentation', 'true');
  await expect(page.getByTestId('pane-totals')).toBeVisible();
  await expect(page.getByTestId('pane-pdf')).toBeVisible();
  await shot(page, 'presentation-dark');

  // The keyboard toggles them back (focus outside the editor).
  await page.getByTestId('toggle-presentation').focus();
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await expect(html).toHaveAttribute('data-presentation', 'false');
  await page.keyboard.press('ControlOrMeta+Shift+D');
  await expect(html).toHaveAttribute('data-theme', 'light');

  await page.keyboard.press('?');
  const help = page.getByTestId('help-panel');
  await expect(help).toBeVisible();
  await expect(help).toContainText('Next / previous problem');
  await shot(page, 'help');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await page.getByTestId('help-button').click();
  await expect(help).toBeVisible();
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toBeHidden();
});

test('documents list: open, rename, duplicate, delete', async ({ page }) => {
  await openStudio(page);
  await pickSample(page, 'tbai-b2b.json');
  // An untouched sample draft is reused by the next sample: still one draft.
  await pickSample(page, 'sii-b2b.json');
  await page.getByTestId('documents-button').click();
  const panel = page.getByTestId('documents-panel');
  const rows = panel.getByTestId('document');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('SII B2B standard invoice');
  await panel.getByRole('button', { name: 'Close documents' }).click();

  // Edit it, then open another sample: the edited draft is kept.
  await page.locator('[data-testid="editor-json"] .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' ');
  await pickSample(page, 'tbai-b2c.json');
  await page.getByTestId('documents-button').click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute('aria-current', 'true');

  // Rename the first one.
  await rows.nth(0).getByTestId('rename').click();
  const input = panel.getByTestId('rename-input');
  await input.fill('Bizkaia shop ticket');
  await input.press('Enter');
  await expect(rows.nth(0)).toContainText('Bizkaia shop ticket');
  await expect(page.getByTestId('doc-title')).toHaveText('Bizkaia shop ticket');

  // Duplicate it.
  await rows.nth(0).getByTestId('duplicate').click();
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('Bizkaia shop ticket (copy)');
  await shot(page, 'documents');

  // Open the SII draft.
  const sii = rows.filter({ hasText: 'SII B2B standard invoice' });
  await sii.getByTestId('open-document').click();
  await expect(panel).toBeHidden();
  await expect(page.getByTestId('doc-title')).toHaveText('SII B2B standard invoice');
  await expect.poll(() => editorText(page)).toContain('"es-sii-v1"');

  // Delete the open draft: another one opens.
  await page.getByTestId('documents-button').click();
  await sii.getByTestId('delete').click();
  await sii.getByTestId('confirm-delete').click();
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('doc-title')).not.toHaveText('SII B2B standard invoice');

  // Reload: the list is still there.
  await page.reload();
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'ok');
  await page.getByTestId('documents-button').click();
  await expect(rows).toHaveCount(2);
});

test('import JSON and XML as new drafts, with a clear notice when a file cannot be read; downloads', async ({ page }) => {
  await openStudio(page);
  const json = readFileSync('samples/verifactu-b2b.json', 'utf8');
  await page.getByTestId('import-input').setInputFiles({ name: 'my-invoice.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await expect(page.getByTestId('doc-title')).toHaveText('my-invoice');
  await expect.poll(() => editorText(page)).toBe(json);
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'ok');

  await page.getByTestId('import-input').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"oops": ') });
  const bad = page.locator('[data-testid="notice"][data-kind="error"]');
  await expect(bad).toContainText('bad.json');
  await bad.getByRole('button', { name: 'Dismiss' }).click();
  await expect(bad).toHaveCount(0);

  // An XML file that is not a complete invoice: the notice says why.
  const broken = '<?xml version="1.0"?><T:TicketBai xmlns:T="urn:ticketbai:emision"></T:TicketBai>';
  await page.getByTestId('import-input').setInputFiles({ name: 'invoice.xml', mimeType: 'text/xml', buffer: Buffer.from(broken) });
  const notice = page.locator('[data-testid="notice"][data-kind="error"]');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(/Could not import invoice\.xml: \S/);
  await shot(page, 'import-xml-notice');
  // The open draft is untouched.
  await expect(page.getByTestId('doc-title')).toHaveText('my-invoice');
  await notice.getByRole('button', { name: 'Dismiss' }).click();

  // A TicketBAI XML written by the engine comes back as a GOBL draft (the worker's importer).
  await page.getByTestId('import-input').setInputFiles({ name: 'tbai-b2b.xml', mimeType: 'text/xml', buffer: Buffer.from(ticketBaiXml()) });
  await expect(page.getByTestId('doc-title')).toHaveText('tbai-b2b');
  await expect.poll(() => editorText(page)).toContain('"code": "A99805194"');
  expect(JSON.parse(await editorText(page))).toMatchObject({ $schema: 'https://gobl.org/draft-0/bill/invoice', code: '0042', customer: { tax_id: { code: 'B98602642' } } });
  await expect(page.getByTestId('build-status')).not.toHaveAttribute('data-status', /building|syntax/);
  await page.getByTestId('documents-button').click();
  await expect(page.getByTestId('document')).toHaveCount(3);
  await page.keyboard.press('Escape');
  await page.getByTestId('documents-panel').waitFor({ state: 'hidden' });
  await page.getByTestId('import-input').setInputFiles({ name: 'my-invoice.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await expect(page.getByTestId('doc-title')).toHaveText('my-invoice');

  await page.getByTestId('file-button').click();
  await expect(page.getByTestId('file-menu')).toBeVisible();
  await shot(page, 'file-menu');
  const [source] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-source').click()]);
  expect(source.suggestedFilename()).toBe('my-invoice.json');
  expect(readFileSync(await source.path(), 'utf8')).toBe(json);

  await page.getByTestId('file-button').click();
  const [env] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-envelope').click()]);
  expect(env.suggestedFilename()).toBe('my-invoice.envelope.json');
  const envelope = JSON.parse(readFileSync(await env.path(), 'utf8'));
  expect(envelope.$schema).toBe('https://gobl.org/draft-0/envelope');
  expect(envelope.doc.totals.payable).toBeDefined();
});

test('nothing but localhost is contacted, and the console stays clean', async ({ page, guard }) => {
  await openStudio(page);
  await pickSample(page, 'facturae-face.json');
  for (const tab of ['built', 'xml', 'pdf', 'totals']) await page.getByTestId(`tab-${tab}`).click();
  await page.getByTestId('toggle-diff').count();
  await page.getByTestId('share-button').click();
  await expect(page.getByTestId('share-link')).toHaveValue(/#doc=/);
  await page.keyboard.press('Escape');
  // The JSON schema service is loaded by now (hover/completion come from it).
  await page.waitForTimeout(300);
  expect(guard.external).toEqual([]);
  expect(guard.errors).toEqual([]);
});

test('the Built tab compares the document with another draft, at the GOBL level', async ({ page }) => {
  await openStudio(page);
  await pickSample(page, 'tbai-b2b.json');
  // Draft A: the sample with 35 hours.
  await findInEditor(page, '"quantity": "20"', { back: 1, length: 2 });
  await page.keyboard.type('35');
  await expect(page.getByTestId('total-payable')).toHaveText('3811.50');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  // Draft B: the sample again (a new draft, since A was edited).
  await pickSample(page, 'tbai-b2b.json');
  await expect(page.getByTestId('total-payable')).toHaveText('2178.00');

  await page.getByTestId('tab-built').click();
  const against = page.getByTestId('built-against');
  await expect(against.locator('option')).toHaveText(['nothing (the built envelope)', 'the input: what the build added', 'draft: TicketBAI B2B invoice (Bizkaia)']);
  await against.selectOption({ label: 'draft: TicketBAI B2B invoice (Bizkaia)' });
  await expect(page.getByTestId('built-compare-count')).toHaveText(/^\d+ differences \(left: TicketBAI B2B invoice \(Bizkaia\)\)$/);
  const diff = page.getByTestId('built-compare');
  await expect(diff).toContainText('"quantity": "35"');
  await expect(diff).toContainText('"quantity": "20"');
  await shot(page, 'built-compare');
  await against.selectOption('');
  await expect(page.getByTestId('built-compare')).toHaveCount(0);
});

test("GOBL's YAML: imported as JSON, and YAML pasted into the editor converts on request", async ({ page }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await openStudio(page);
  const yaml = readFileSync('../shared/conformance/gobl/examples/es/invoice-es-es-freelance.yaml', 'utf8');
  await page.getByTestId('import-input').setInputFiles({ name: 'invoice-es-es-freelance.yaml', mimeType: 'application/yaml', buffer: Buffer.from(yaml) });
  await expect(page.getByTestId('doc-title')).toHaveText('invoice-es-es-freelance');
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'ok');
  const imported = JSON.parse(await editorText(page)) as Record<string, any>;
  expect(imported.$schema).toBe('https://gobl.org/draft-0/bill/invoice');

  // Pasted over the editor, YAML is a JSON syntax error: the drawer offers to convert it.
  await page.evaluate((text) => navigator.clipboard.writeText(text), yaml);
  await page.locator('[data-testid="editor-json"] .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('ControlOrMeta+v');
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'syntax');
  await page.getByTestId('convert-yaml').click();
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'ok');
  expect(JSON.parse(await editorText(page))).toEqual(imported);
  await expect(page.getByTestId('convert-yaml')).toHaveCount(0);
});
