import { expect, test } from './fixtures';

// The embedded source simulator, delivering appeals through the sync worker and taking answers back.
test.use({ coreOptions: { demoAppeals: 200, watchIntervalMs: 100, sync: { simulator: { rate: 5 } } } });

test('an answer written in the card reaches the source simulator exactly once', async ({ app, page }) => {
  const sync = await app.core.sync!;
  const find = app.core.db.prepare(
    "SELECT id, external_id AS externalId FROM appeals WHERE source_id = 'pos' AND external_id NOT LIKE 'demo-%' AND status = 'new' ORDER BY id DESC LIMIT 1",
  );
  await expect.poll(() => find.get(), { timeout: 30_000 }).toBeTruthy();
  const { id, externalId } = find.get() as { id: number; externalId: string };

  await app.open(page, '/operator');
  await page.getByTestId('login-name').fill('supervisor');
  await page.getByTestId('login-password').fill('supervisor');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('filter-source').selectOption('pos');
  await page.getByTestId('filter-status').selectOption('new');
  const row = page.locator(`[data-testid="queue-row"][data-id="${id}"]`);
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByTestId('card')).toHaveAttribute('data-id', String(id));

  // Answered at once, as a social-network post is: one write-back, the answer.
  await page.keyboard.press('r');
  await page.getByTestId('answer-text').fill('Ответ заявителю: работы выполнены.');
  await page.getByTestId('answer-text').press('Control+Enter');
  await expect(page.getByTestId('card-status')).toHaveAttribute('data-status', 'answered');

  const answers = () => sync.simulator!.writeBacks().filter((w) => w.externalId === externalId && w.action === 'answer');
  await expect.poll(() => answers().length, { timeout: 20_000 }).toBe(1);
  expect(answers()[0]).toMatchObject({ sourceId: 'pos', payload: { text: 'Ответ заявителю: работы выполнены.' }, received: 1 });
  await expect
    .poll(() => app.core.db.prepare("SELECT count(*) FROM outbox WHERE appeal_id = ? AND action = 'answer' AND delivered_at IS NOT NULL").pluck().get(id), { timeout: 20_000 })
    .toBe(1);
});
