import { expect, test } from './fixtures';

// The embedded simulator with malformed records injected: the panel must show states and quarantine.
test.use({ coreOptions: { demoAppeals: 200, watchIntervalMs: 100, sync: { simulator: { rate: 5, faults: ['malformed'], faultRate: 0.5 } } } });

test('the sources panel shows live source states and re-tries a quarantined record', async ({ app, page }) => {
  await app.open(page, '/operator');
  await page.getByTestId('login-name').fill('supervisor');
  await page.getByTestId('login-password').fill('supervisor');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('tab-sources').click();
  await expect(page.getByTestId('sources-panel')).toBeVisible();
  await expect(page.getByTestId('source-state-pos')).toHaveAttribute('data-state', 'ok', { timeout: 20_000 });
  const row = page.locator('[data-testid^="quarantine-row-"]').first();
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row).toContainText(/status|id|created_at|record|expected/);
  await page.screenshot({ path: 'test-results/sources-panel.png', fullPage: true });
  await row.locator('[data-testid^="quarantine-retry-"]').click();
  await expect(row).toContainText('Снова отклонена');
});
