import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import { loadCategoryRules, prepareAppealUpsert } from '../../electron/core/db/appeals';
import { type App, expect, expectOnlyLocalRequests, test } from './fixtures';

const TEXT = 'Прорвало трубу отопления в подвале, вода заливает подъезд';

/** A fresh appeal from the ПОС (a source that accepts answers), as a sync worker would store it. */
function addAppeal(app: App, externalId: string, text = TEXT): number {
  const upsert = prepareAppealUpsert(app.core.db, loadCategoryRules(app.core.db));
  const now = Date.now();
  const result = app.core.db.transaction(() =>
    upsert([
      {
        sourceId: 'pos', externalId, channel: 'gosuslugi', receivedAt: now, sourceUpdatedAt: now, text, categoryId: 'heating',
        municipalityId: 'RU-NIZ-048', address: 'ул. Ленина, д. 5', lon: 43.95, lat: 56.3, status: 'new',
        author: { name: 'Анна Иванова', phone: '+7 900 111-22-33', email: null },
      },
    ]),
  )();
  return result.changedIds[0]!;
}

async function signIn(app: App, page: Page, login: string) {
  await app.open(page, '/operator');
  await page.getByTestId('login-name').fill(login);
  await page.getByTestId('login-password').fill(login);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user')).toBeVisible();
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
}

async function openBySearch(page: Page, search: string, id: number) {
  await page.getByTestId('search').fill(search);
  await page.getByTestId('search').press('Enter');
  const row = page.locator(`[data-testid="queue-row"][data-id="${id}"]`);
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByTestId('card')).toHaveAttribute('data-id', String(id));
}

const statusOf = (app: App, id: number) => app.core.db.prepare('SELECT status FROM appeals WHERE id = ?').pluck().get(id);

test('the operator window asks for a sign-in through the host and refuses a wrong password', async ({ app, page }) => {
  await app.open(page, '/operator');
  await page.getByTestId('login-name').fill('operator');
  await page.getByTestId('login-password').fill('wrong');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toBeVisible();
  await expect(page.getByTestId('queue')).toHaveCount(0);
});

test('the operator window lists appeals from the cache, with counts per view', async ({ app, page }) => {
  await signIn(app, page, 'supervisor');
  const total = (app.core.db.prepare('SELECT count(*) AS n FROM appeals').get() as { n: number }).n;
  await expect(page.getByTestId('queue-total')).toHaveText(new Intl.NumberFormat('ru-RU').format(total));
  const overdue = app.core.db
    .prepare("SELECT count(*) FROM appeals WHERE status IN ('new','assigned','in_progress','reopened') AND deadline_at < ?")
    .pluck()
    .get(Date.now()) as number;
  await expect(page.getByTestId('view-count-overdue')).toHaveText(new Intl.NumberFormat('ru-RU').format(overdue));
  await page.getByTestId('view-overdue').click();
  await expect(page.getByTestId('queue-total')).toHaveText(new Intl.NumberFormat('ru-RU').format(overdue));
  await page.keyboard.press('?');
  await expect(page.getByTestId('help')).toBeVisible();
  await page.screenshot({ path: 'test-results/operator-help.png' });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help')).toHaveCount(0);
  expectOnlyLocalRequests(app);
});

test('filter, search, open, assign, answer and close; the answer is queued once and shows on a second workstation', async ({ app, page, browser }) => {
  const id = addAppeal(app, 'e2e-flow');
  await signIn(app, page, 'supervisor');

  await page.getByTestId('filter-sector').selectOption('housing');
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
  const housing = app.core.db.prepare("SELECT count(*) FROM appeals WHERE sector_id = 'housing'").pluck().get() as number;
  await expect(page.getByTestId('queue-total')).toHaveText(new Intl.NumberFormat('ru-RU').format(housing));

  // A word form that is not in the text: «трубы» finds «трубу».
  await openBySearch(page, 'трубы подвал', id);
  await expect(page.getByTestId('card-text')).toHaveText(TEXT);
  await expect(page.getByTestId('card-author')).toContainText('+7 900 111-22-33');

  const other = await browser.newContext();
  const second = await other.newPage();
  await signIn(app, second, 'operator');
  await openBySearch(second, 'трубу', id);
  await expect(second.getByTestId('card-status')).toHaveAttribute('data-status', 'new');

  await page.keyboard.press('a');
  await expect(page.getByTestId('dialog-assign')).toBeVisible();
  await page.getByTestId('assign-agency').selectOption('gzhi');
  await page.getByTestId('assign-submit').click();
  await expect(page.getByTestId('card-status')).toHaveAttribute('data-status', 'assigned');
  await expect(page.getByTestId('card-agency')).toHaveText('Государственная жилищная инспекция');
  // The second workstation sees the change without reloading (how fast is a benchmark figure, not a test's).
  await expect(second.getByTestId('card-status')).toHaveAttribute('data-status', 'assigned');
  await expect(second.locator(`[data-testid="queue-row"][data-id="${id}"]`)).toHaveAttribute('data-status', 'assigned');

  await page.keyboard.press('r');
  await page.getByTestId('answer-template').selectOption({ index: 1 });
  await expect(page.getByTestId('answer-text')).not.toHaveValue('');
  await page.getByTestId('answer-text').fill('Аварийная бригада направлена, течь устранят сегодня.');
  await page.getByTestId('answer-submit').click();
  await expect(page.getByTestId('card-status')).toHaveAttribute('data-status', 'answered');

  await page.getByTestId('action-status').click();
  await page.getByTestId('status-to-closed').click();
  await expect(page.getByTestId('card-status')).toHaveAttribute('data-status', 'closed');
  await expect(page.getByTestId('card-timeline').locator('li')).toHaveCount(4);
  await page.screenshot({ path: 'test-results/operator-card.png' });

  expect(statusOf(app, id)).toBe('closed');
  // The write-back is queued exactly once (delivery to the source is the sync worker's job).
  const answers = app.core.db.prepare("SELECT payload FROM outbox WHERE appeal_id = ? AND action = 'answer'").all(id) as { payload: string }[];
  expect(answers).toHaveLength(1);
  expect(JSON.parse(answers[0]!.payload)).toMatchObject({ externalId: 'e2e-flow', text: 'Аварийная бригада направлена, течь устранят сегодня.' });
  const audit = app.core.db.prepare('SELECT action, actor FROM audit_log WHERE appeal_id = ? ORDER BY id').all(id);
  expect(audit).toEqual([
    { action: 'assign', actor: 'supervisor' },
    { action: 'answer', actor: 'supervisor' },
    { action: 'status', actor: 'supervisor' },
  ]);
  await expect(second.getByTestId('card-status')).toHaveAttribute('data-status', 'closed');
  await other.close();
  expectOnlyLocalRequests(app);
});

test('two workstations change the same appeal: the second gets a conflict with the current state', async ({ app, page, browser }) => {
  const id = addAppeal(app, 'e2e-conflict');
  await signIn(app, page, 'supervisor');
  await openBySearch(page, 'трубу', id);
  const other = await browser.newContext();
  const second = await other.newPage();
  // The second workstation's live updates lag (a slow link): it still shows version 1 when it acts.
  let lagging = false;
  await second.routeWebSocket(/\/ws/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      if (!(lagging && String(message).includes('"t":"event"'))) ws.send(message);
    });
    ws.onMessage((message) => server.send(message));
  });
  await signIn(app, second, 'operator');
  await openBySearch(second, 'трубу', id);
  lagging = true;

  // Both have the form open on version 1; the first saves, then the second.
  await page.getByTestId('action-status').click();
  await second.getByTestId('action-status').click();
  await page.getByTestId('status-to-in_progress').click();
  await expect(page.getByTestId('card-status')).toHaveAttribute('data-status', 'in_progress');
  // Keep the second workstation's stale form: its click must not overwrite the first change.
  await second.getByTestId('status-to-rejected').click();
  await expect(second.getByTestId('conflict')).toContainText('supervisor');
  await expect(second.getByTestId('conflict')).toContainText('В работе');
  await expect(second.getByTestId('card-status')).toHaveAttribute('data-status', 'in_progress');
  expect(statusOf(app, id)).toBe('in_progress');
  await second.screenshot({ path: 'test-results/operator-conflict.png' });
  await other.close();
});

function wsSession(app: App) {
  const ws = new WebSocket(`${app.host.url.replace('http', 'ws')}/ws?role=operator`);
  let next = 1;
  const call = (method: string, arg: unknown) =>
    new Promise<{ ok: boolean; result?: unknown; error?: { code: string } }>((resolve) => {
      const id = next++;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString());
        if (message.t === 'result' && message.id === id) {
          ws.off('message', onMessage);
          resolve(message);
        }
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ t: 'call', id, method, arg }));
    });
  return { ready: new Promise((resolve) => ws.once('open', resolve)), call, close: () => ws.close() };
}

test('a viewer can read but cannot change anything, through the UI or the contract', async ({ app, page }) => {
  const id = addAppeal(app, 'e2e-viewer');
  await signIn(app, page, 'viewer');
  await openBySearch(page, 'трубу', id);
  await expect(page.getByTestId('read-only')).toBeVisible();
  await expect(page.getByTestId('actions')).toHaveCount(0);
  await expect(page.getByTestId('card-author')).not.toContainText('+7');
  await page.keyboard.press('a');
  await page.keyboard.press('r');
  await expect(page.getByTestId('dialog-assign')).toHaveCount(0);
  await expect(page.getByTestId('dialog-answer')).toHaveCount(0);

  const session = wsSession(app);
  await session.ready;
  expect(await session.call('appeals:query', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  expect(await session.call('auth:login', { login: 'viewer', password: 'viewer' })).toMatchObject({ ok: true });
  expect(await session.call('appeals:get', { id })).toMatchObject({ ok: true, result: { author: null } });
  for (const [method, arg] of [
    ['appeals:assign', { id, version: 1, agencyId: 'gzhi' }],
    ['appeals:answer', { id, version: 1, text: 'ответ' }],
    ['appeals:transition', { id, version: 1, to: 'in_progress' }],
    ['appeals:escalate', { id, version: 1, escalated: true }],
    ['routing:save', { categoryId: null, municipalityId: null, agencyId: 'gzhi' }],
  ] as const) {
    expect(await session.call(method, arg), method).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  }
  session.close();
  expect(statusOf(app, id)).toBe('new');
  expect(app.core.db.prepare('SELECT count(*) FROM outbox WHERE appeal_id = ?').pluck().get(id)).toBe(0);
});

test('a new appeal appears live without moving the row the operator is on', async ({ app, page }) => {
  await signIn(app, page, 'supervisor');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  const selected = page.locator('[data-testid="queue-row"][aria-selected="true"]');
  await expect(selected).toBeVisible();
  const id = await selected.getAttribute('data-id');
  const before = (await selected.boundingBox())!.y;
  const total = await page.getByTestId('queue-total').textContent();
  // A write by another connection, as a sync worker makes it.
  const newId = addAppeal(app, 'e2e-live', 'Не горят фонари во дворе дома');
  app.core.bus.emit('db:changed', { tables: ['appeals'], appealIds: [newId] });
  await expect(page.getByTestId('queue-total')).not.toHaveText(total!);
  await expect(page.locator(`[data-testid="queue-row"][data-id="${newId}"]`)).toBeAttached();
  await expect(selected).toHaveAttribute('data-id', id!);
  await expect.poll(async () => (await selected.boundingBox())!.y).toBe(before);
});
