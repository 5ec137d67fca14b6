import { expect, expectOnlyLocalRequests, test } from './fixtures';

test('the operator window lists appeals from the cache', async ({ app, page }) => {
  await app.open(page, '/operator');
  const total = (app.core.db.prepare('SELECT count(*) AS n FROM appeals').get() as { n: number }).n;
  await expect(page.getByTestId('queue-total')).toHaveText(new Intl.NumberFormat('ru-RU').format(total));
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
  expectOnlyLocalRequests(app);
});
