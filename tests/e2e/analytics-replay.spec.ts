import { expect, expectOnlyLocalRequests, test } from './fixtures';

const HOUR = 3_600_000;

test('the analytics map replays the last week hour by hour: the slider, play, and each hour equal to the database', async ({ app, page }) => {
  await app.open(page, '/operator');
  await page.getByTestId('login-name').fill('supervisor');
  await page.getByTestId('login-password').fill('supervisor');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('tab-analytics').click();
  const replay = page.getByTestId('replay');
  await expect(replay).toBeVisible();
  const slider = page.getByTestId('replay-slider');
  await expect(slider).toHaveAttribute('max', String(7 * 24 - 1));

  const countOf = (hourStart: number) =>
    app.core.db.prepare('SELECT count(*) FROM appeals WHERE received_at >= ? AND received_at < ? AND municipality_id IS NOT NULL').pluck().get(hourStart, hourStart + HOUR) as number;
  const firstHour = (Math.floor(Date.now() / HOUR) - 7 * 24 + 1) * HOUR;
  const shown = async () => Number((await page.getByTestId('replay-total').textContent())!.replace(/\D/g, ''));

  // An afternoon three days ago: its total and one municipality's colour input are the database's.
  const pick = 3 * 24 + 14;
  await slider.fill(String(pick));
  await expect(replay).toHaveAttribute('data-hour', String(pick));
  await expect.poll(shown).toBe(countOf(firstHour + pick * HOUR));
  const busiest = app.core.db
    .prepare('SELECT municipality_id AS id, count(*) AS n FROM appeals WHERE received_at >= ? AND received_at < ? AND municipality_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1')
    .get(firstHour + pick * HOUR, firstHour + (pick + 1) * HOUR) as { id: string; n: number };
  await expect(page.locator(`[data-testid="replay"] path[data-municipality="${busiest.id}"]`)).toHaveAttribute('data-count', String(busiest.n));
  await expect(page.getByTestId('replay-time')).toContainText(/\d{2}:\d{2}–\d{2}:\d{2}/);

  // Play moves the hour on by itself; the slider stops it.
  await page.getByTestId('replay-play').click();
  await expect(replay).not.toHaveAttribute('data-hour', String(pick));
  await page.getByTestId('replay-play').click();
  await page.screenshot({ path: 'test-results/analytics-replay.png', fullPage: true });
  expectOnlyLocalRequests(app);
});
