/** Editing a sample: totals and the built envelope follow the keyboard. */
import { builtText, editorText, expect, findInEditor, openStudio, pickSample, shot, test } from './support/studio.ts';

test('quantity edit updates the totals table and the built JSON', async ({ page }) => {
  await openStudio(page);
  await pickSample(page, 'tbai-b2b.json');
  const payable = page.getByTestId('total-payable');
  await expect(payable).toHaveText('2178.00');
  await shot(page, 'main-totals');

  // Select the 20 of `"quantity": "20"` with the keyboard and type 35.
  await findInEditor(page, '"quantity": "20"', { back: 1, length: 2 });
  await page.keyboard.type('35');
  expect(await editorText(page)).toContain('"quantity": "35"');

  // 35 h × 90.00 = 3150.00, plus 21% VAT 661.50.
  await expect(payable).toHaveText('3811.50');
  await expect(page.getByTestId('total-sum')).toHaveText('3150.00');
  await expect(page.getByTestId('line-total')).toHaveText('3150.00');

  await page.getByTestId('tab-built').click();
  const built = page.getByTestId('pane-built');
  await expect(built.locator('.view-lines')).toContainText('"$schema": "https://gobl.org/draft-0/envelope"');
  await expect.poll(() => builtText(page)).toContain('"payable": "3811.50"');
  const envelope = JSON.parse((await builtText(page))!);
  expect(envelope.doc.lines[0]).toMatchObject({ quantity: '35', sum: '3150.00' });
  expect(envelope.doc.totals).toMatchObject({ sum: '3150.00', tax: '661.50', payable: '3811.50' });
  await shot(page, 'built-tab');
});
