/** A bad tax ID: marker at the field, problem in the drawer, navigation, and the fix. */
import { cursorLine, expect, findInEditor, goblMarkers, lineOf, openStudio, pickSample, shot, test } from './support/studio.ts';

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
