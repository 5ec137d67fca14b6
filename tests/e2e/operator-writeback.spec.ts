import { expect, test } from './fixtures';

// The embedded source simulator, delivering appeals through the sync worker and taking answers back.
// A backlog and no live traffic: a simulator that moves the appeal's status while the operator writes
// would (rightly) turn the answer into a version conflict; that path has its own test.
test.use({ coreOptions: { demoAppeals: 0, watchIntervalMs: 100, sync: { simulator: { rate: 0, backlog: 600, seed: 3 } } } });

test('an answer written in the card reaches the source simulator exactly once', async ({ app, page }) => {
  const sync = await app.core.sync!;
  const fromSimulator = app.core.db.prepare(
    "SELECT external_id FROM appeals WHERE id = ? AND source_id = 'pos' AND external_id NOT LIKE 'demo-%' AND status = 'in_progress'",
  ).pluck();
  await expect
    .poll(() => app.core.db.prepare("SELECT count(*) FROM appeals WHERE source_id = 'pos' AND external_id NOT LIKE 'demo-%'").pluck().get(), { timeout: 30_000 })
    .toBeGreaterThan(0);

  await app.open(page, '/operator');
  await page.getByTestId('login-name').fill('supervisor');
  await page.getByTestId('login-password').fill('supervisor');
  await page.getByTestId('login-submit').click();
  // Newest first: the simulator keeps adding appeals, and a virtualized list renders only what is in
  // view, so the appeal to answer is taken from the rows on screen, not from the database.
  await page.getByTestId('sort').selectOption('received');
  await page.getByTestId('filter-source').selectOption('pos');
  await page.getByTestId('filter-status').selectOption('in_progress');
  let id = 0;
  await expect
    .poll(async () => {
      const shown = await page.getByTestId('queue-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-id'))));
      id = shown.find((candidate) => fromSimulator.get(candidate) !== undefined) ?? 0;
      return id;
    }, { timeout: 30_000 })
    .toBeGreaterThan(0);
  const externalId = fromSimulator.get(id) as string;
  const row = page.locator(`[data-testid="queue-row"][data-id="${id}"]`);
  await row.click();
  await expect(page.getByTestId('card')).toHaveAttribute('data-id', String(id));

  // One write-back: the answer.
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
