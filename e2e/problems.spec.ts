/** A bad tax ID: marker at the field, problem in the drawer, navigation, and the fix. */
import { cursorLine, editorText, expect, findInEditor, goblMarkers, lineOf, openStudio, pickSample, shot, test } from './support/studio.ts';

test('an invalid tax ID is marked at its field and listed; fixing it clears both', async ({ page }) => {
  await openStudio(page);
  await pickSample(page, 'tbai-b2b.json');
  const problems = page.getByTestId('problem');
  await expect(problems).toHaveCount(0);

  // A99805194 → A99805195: wrong organisation check digit.
  await findInEditor(page, 'A99805194', { back: 0, length: 1 });
  await page.keyboard.type('5');
  const line = await lineOf(page, '"A99805195"');
  expect(line).toBeGreaterThan(0);

  const problem = page.locator('[data-testid="problem"][data-code="GOBL-ES-TAX-IDENTITY-01"]');
  await expect(problem).toHaveCount(1);
  await expect(problem).toHaveAttribute('data-path', '$.supplier.tax_id.code');
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'faults');
  await expect.poll(() => goblMarkers(page)).toEqual([expect.objectContaining({ line, severity: 8 })]);
  // The squiggle is drawn on that line of the editor.
  await expect(page.locator('[data-testid="editor-json"] .squiggly-error')).toHaveCount(1);
  await shot(page, 'problem-marker');

  // Clicking the problem moves the cursor to the field.
  await page.keyboard.press('ControlOrMeta+Home');
  expect(await cursorLine(page)).toBe(1);
  await problem.click();
  await expect.poll(() => cursorLine(page)).toBe(line);

  // F8 jumps to the next problem from the top of the document.
  await page.keyboard.press('ControlOrMeta+Home');
  expect(await cursorLine(page)).toBe(1);
  await page.keyboard.press('F8');
  await expect.poll(() => cursorLine(page)).toBe(line);
  await expect(page.locator('.marker-widget')).toBeVisible();
  await shot(page, 'problem-f8');
  await page.keyboard.press('Escape');

  // Fix it: markers and the problem go away.
  await findInEditor(page, 'A99805195', { back: 0, length: 1 });
  await page.keyboard.type('4');
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'ok');
  await expect(problems).toHaveCount(0);
  await expect.poll(() => goblMarkers(page)).toEqual([]);
  await expect(page.locator('[data-testid="editor-json"] .squiggly-error')).toHaveCount(0);
});

test('a missing extension code: Ctrl/⌘+. on its marker offers the codes of its list, and one fixes it', async ({ page }) => {
  await openStudio(page);
  await pickSample(page, 'tbai-b2b.json');
  // Make it a credit note of invoice F1-0041 without the TicketBAI correction code.
  await findInEditor(page, '"series": "F1",');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('"type": "credit-note", "preceding": [{"series": "F1", "code": "0041", "issue_date": "2025-11-01"}],');
  const problem = page.locator('[data-testid="problem"][data-code="GOBL-ES-TBAI-BILL-INVOICE-06"]');
  await expect(problem).toHaveCount(1);
  await expect(problem).toHaveAttribute('data-path', '$.preceding[0].ext');
  await expect(problem).toContainText('quick fix: Ctrl/⌘+.');

  await problem.click();
  await page.keyboard.press('ControlOrMeta+.');
  const fix = page.getByText('Set es-tbai-correction to R1', { exact: false });
  await expect(fix.first()).toBeVisible();
  await shot(page, 'problem-quick-fix');
  await fix.first().click();
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'ok');
  const doc = JSON.parse(await editorText(page)) as { preceding: unknown[] };
  expect(doc.preceding).toEqual([{ series: 'F1', code: '0041', issue_date: '2025-11-01', ext: { 'es-tbai-correction': 'R1' } }]);
  // One undo takes the fix back.
  await page.keyboard.press('ControlOrMeta+z');
  await expect(problem).toHaveCount(1);
});
