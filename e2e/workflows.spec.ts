/**
 * The Workflows and Organisation panels against the real proxy: the spec starts
 * `proxy/src/server.ts` on a free loopback port with a temporary data folder, serving the built
 * studio (dist/) and its embedded sandbox authority, and opens the studio through it. A seed
 * workflow runs on the editor's document and every step is seen completing; its outputs open;
 * re-run and cancel work; the organisation is set up in one click and the band shows TEST.
 * Without the proxy (vite preview) the panel says how to start it, with no failing request.
 */
import type { Page } from '@playwright/test';
import { startProxy, stopProxy, type Proxy } from './support/proxy.ts';
import { expect, openStudio, pickSample, shot, test } from './support/studio.ts';

async function openWorkflows(page: Page): Promise<void> {
  await page.getByTestId('workflows-button').click();
  await expect(page.getByTestId('workflows-panel')).toBeVisible();
  await expect(page.getByTestId('wf-run')).toBeVisible();
}

const steps = (page: Page) => page.getByTestId('wf-job').locator('[data-testid="wf-step"]');

test.describe('with the proxy', () => {
  test.describe.configure({ mode: 'serial', timeout: 120_000 });
  let proxy: Proxy | undefined;

  test.beforeAll(async () => {
    proxy = await startProxy('studio-wf-proxy-');
  });
  test.afterAll(async () => stopProxy(proxy));

  test('a seed workflow runs on the document, its steps complete live, outputs open, re-run and cancel', async ({ page }) => {
    await openStudio(page, `${proxy!.url}/`);
    await pickSample(page, 'tbai-b2b.json');
    await openWorkflows(page);
    await expect(page.getByTestId('env-band')).toHaveAttribute('data-env', 'sandbox');
    await page.getByTestId('wf-pick').selectOption('ticketbai-issue.json');
    await page.getByTestId('wf-run').click();

    // The steps appear and finish one by one; the job ends completed with the documented state.
    await expect(page.getByTestId('wf-job')).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
    const providers = await steps(page).evaluateAll((els) => els.map((e) => `${e.getAttribute('data-provider')}:${e.getAttribute('data-status')}`));
    expect(providers).toEqual([
      'sequence.enumerate:ok',
      'silo.state:ok',
      'silo.close:ok',
      'gov-es.ticketbai.generate:ok',
      'gov-es.ticketbai.send:ok',
      'pdf:ok',
      'silo.state:ok',
    ]);
    await expect(page.getByTestId('wf-entry-code')).toHaveText('F000001');
    await expect(page.getByTestId('wf-entry-state')).toHaveText('sent');

    // Outputs: the signed TicketBAI XML, a step's output.
    await page.getByTestId('wf-artifact-ticketbai.xml').click();
    await expect(page.getByTestId('wf-viewer')).toContainText('<NumFactura>F000001</NumFactura>');
    await steps(page).nth(0).locator('button.row').click();
    await expect(page.getByTestId('wf-step-output')).toContainText('"code": "F000001"');
    await expect(page.getByTestId('wf-artifact-invoice.pdf')).toBeVisible();
    await shot(page, 'workflows-ticketbai-issue');

    // Re-run: a new attempt on the same entry keeps its number.
    await page.getByTestId('wf-rerun').click();
    await expect(page.getByTestId('wf-job')).toContainText('attempt 2');
    await expect(page.getByTestId('wf-job')).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
    await expect(page.getByTestId('wf-entry-code')).toHaveText('F000001');

    // Cancel it: the cancel workflow runs on the issued entry.
    await page.getByTestId('wf-pick').selectOption('ticketbai-cancel.json');
    await expect(page.getByTestId('wf-target')).toHaveValue('entry');
    await page.getByTestId('wf-run').click();
    await expect(page.getByTestId('wf-job')).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
    await expect(page.getByTestId('wf-entry-state')).toHaveText('void');
  });

  test('a bad pasted workflow is refused before anything runs', async ({ page }) => {
    await openStudio(page, `${proxy!.url}/`);
    await openWorkflows(page);
    await page.getByTestId('wf-pick').selectOption('paste');
    await page.getByTestId('wf-paste').fill(JSON.stringify({ name: 'x', schema: 'bill/invoice', steps: [{ id: 'a', name: 'A', provider: 'gov-es.nothing' }] }));
    await page.getByTestId('wf-run').click();
    await expect(page.getByTestId('wf-problems')).toContainText('unknown provider "gov-es.nothing"');
    await expect(page.getByTestId('wf-job')).toHaveCount(0);
  });

  test('the organisation is set up in one click; workflows run as its TEST client', async ({ page }) => {
    // A Madrid supplier: its territory makes the taxpayer VERI*FACTU (and keeps its numbers apart
    // from the Bizkaia supplier the first test issued F000001 for).
    await openStudio(page, `${proxy!.url}/`);
    await pickSample(page, 'verifactu-b2b.json');
    await page.getByTestId('organisation-button').click();
    await page.getByTestId('org-quick-setup').click();
    await expect(page.getByTestId('org-taxpayer')).toContainText('VERI*FACTU');
    await expect(page.getByTestId('org-clients')).toContainText('POS 1');
    await expect(page.locator('[data-testid="env-band"][data-env="TEST"]').first()).toBeVisible();
    await shot(page, 'organisation-setup');
    await page.keyboard.press('Escape');
    // The band stays on the page while signed in.
    await expect(page.locator('.app > [data-testid="env-band"]')).toHaveAttribute('data-env', 'TEST');

    await openWorkflows(page);
    await expect(page.getByTestId('workflows-panel')).toContainText('Running as client POS 1');
    await page.getByTestId('wf-pick').selectOption('verifactu-issue.json');
    await page.getByTestId('wf-run').click();
    await expect(page.getByTestId('wf-job')).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
    // The sample has its own number: the sequence keeps it (a code is only given to documents without one).
    await expect(page.getByTestId('wf-entry-code')).toHaveText('000127');
    await expect(page.getByTestId('wf-entry-state')).toHaveText('sent');
  });
});

test('without the proxy the Workflows panel says how to start it', async ({ page }) => {
  await openStudio(page);
  await page.getByTestId('workflows-button').click();
  await expect(page.getByTestId('wf-no-proxy')).toContainText('npm start');
});
