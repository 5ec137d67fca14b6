import type { Page } from '@playwright/test';
import { loadCategoryRules, prepareAppealUpsert, type AppealInput } from '../../electron/core/db/appeals';
import { openDatabase } from '../../electron/core/db/open';
import { type App, expect, expectOnlyLocalRequests, test } from './fixtures';

/** The few page globals these tests touch (the e2e tsconfig has no DOM types). */
type PageGlobals = { navigator: { clipboard?: { readText(): Promise<string> } }; getSelection(): { toString(): string } | null };

const TEXT = 'Сосулька над входом в подъезд, фото прилагаю';
const PHOTO = { name: 'сосулька.jpg', url: 'https://pos.example/files/777.jpg', size: 120_000, mime: 'image/jpeg' };
const PLAN = { name: 'схема двора.pdf', url: 'https://pos.example/files/778.pdf?download=1', size: 2_500_000 };

/** Writes a ПОС appeal the way a sync worker does: through its own connection to the cache file. */
function writeFromAnotherConnection(app: App, record: AppealInput): number {
  const db = openDatabase(app.core.dbFile, { migrate: false });
  try {
    const upsert = prepareAppealUpsert(db, loadCategoryRules(db));
    return db.transaction(() => upsert([record]))().changedIds[0]!;
  } finally {
    db.close();
  }
}

async function signInAndOpen(app: App, page: Page, id: number, login = 'supervisor') {
  await app.open(page, '/operator');
  await page.getByTestId('login-name').fill(login);
  await page.getByTestId('login-password').fill(login);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
  await page.getByTestId('search').fill('сосулька');
  await page.getByTestId('search').press('Enter');
  const row = page.locator(`[data-testid="queue-row"][data-id="${id}"]`);
  await row.click();
  await expect(page.getByTestId('card')).toHaveAttribute('data-id', String(id));
}

test('a ПОС appeal lists its attachments in the card, as links to copy, never fetched', async ({ app, page, context }) => {
  const now = Date.now();
  const id = writeFromAnotherConnection(app, {
    sourceId: 'pos', externalId: 'e2e-attach', channel: 'gosuslugi', receivedAt: now, sourceUpdatedAt: now, text: TEXT, categoryId: 'snow',
    municipalityId: 'RU-NIZ-048', address: null, lon: 43.95, lat: 56.3, status: 'new', attachments: [PHOTO, PLAN],
  });
  // What the outbox writes once the source has the answer: the timeline says so in Russian.
  app.core.db
    .prepare("INSERT INTO appeal_events (appeal_id, at, kind, actor, data) VALUES (?, ?, 'writeback-delivered', 'pos', ?)")
    .run(id, now + 1000, JSON.stringify({ action: 'answer' }));
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signInAndOpen(app, page, id);

  const items = page.getByTestId('card-attachment');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0).getByTestId('attachment-name')).toHaveText(PHOTO.name);
  await expect(items.nth(0).getByTestId('attachment-size')).toHaveText(' · 117 КБ');
  await expect(items.nth(0).getByTestId('attachment-url')).toHaveText(PHOTO.url);
  await expect(items.nth(1).getByTestId('attachment-name')).toHaveText(PLAN.name);
  await expect(items.nth(1).getByTestId('attachment-size')).toHaveText(' · 2,4 МБ');
  await expect(page.getByTestId('card').locator(`img[src^="https://"]`)).toHaveCount(0);

  await items.nth(1).getByTestId('attachment-copy').click();
  await expect(items.nth(1).getByTestId('attachment-copy')).toHaveAttribute('data-copied', 'copied');
  await expect(items.nth(1)).toContainText('Ссылка скопирована');
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.clipboard!.readText())).toBe(PLAN.url);

  const delivered = page.getByTestId('card-timeline').locator('li[data-kind="writeback-delivered"]');
  await expect(delivered).toContainText('Доставлено в источник');
  await expect(delivered).toContainText('ответ');
  await page.getByTestId('card').screenshot({ path: 'test-results/helper5/operator-card-attachments.png' });
  expectOnlyLocalRequests(app);
});

test('without a clipboard (plain http to another workstation) the link is selected for Ctrl+C', async ({ app, page }) => {
  const now = Date.now();
  const id = writeFromAnotherConnection(app, {
    sourceId: 'pos', externalId: 'e2e-attach-2', channel: 'gosuslugi', receivedAt: now, sourceUpdatedAt: now, text: TEXT, categoryId: 'snow',
    municipalityId: 'RU-NIZ-048', address: null, lon: 43.95, lat: 56.3, status: 'new', attachments: [PHOTO],
  });
  // An insecure context has no navigator.clipboard at all.
  await page.addInitScript(() => Object.defineProperty((globalThis as unknown as PageGlobals).navigator, 'clipboard', { value: undefined }));
  await signInAndOpen(app, page, id);
  const item = page.getByTestId('card-attachment');
  await expect(item).toHaveCount(1);
  await item.getByTestId('attachment-copy').click();
  await expect(item.getByTestId('attachment-copy')).toHaveAttribute('data-copied', 'selected');
  await expect(item).toContainText('Ссылка выделена');
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).getSelection()?.toString())).toBe(PHOTO.url);
  expectOnlyLocalRequests(app);
});

const POST_LINK = 'https://vk.com/wall-51234567_8910';

test('an Инцидент appeal shows its link in the source to copy, and hides it from a viewer', async ({ app, page, context, browser }) => {
  const now = Date.now();
  const id = writeFromAnotherConnection(app, {
    sourceId: 'incident', externalId: 'e2e-link', channel: 'vk', receivedAt: now, sourceUpdatedAt: now, text: 'Сосулька над детской площадкой, уберите!',
    categoryId: 'snow', municipalityId: 'RU-NIZ-048', address: null, lon: 43.95, lat: 56.3, status: 'new', sourceUrl: POST_LINK,
    author: { name: 'Иван Петров', phone: null, email: null },
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signInAndOpen(app, page, id);

  const link = page.getByTestId('card-source-link');
  await expect(link.getByTestId('card-source-url')).toHaveText(POST_LINK);
  await expect(page.getByTestId('card').locator('dt', { hasText: 'Ссылка в источнике' })).toBeVisible();
  // Text only: no anchor the window could follow, nothing fetched from the network.
  await expect(page.getByTestId('card').locator(`a[href^="https://"], img[src^="https://"]`)).toHaveCount(0);
  await link.getByTestId('card-source-url-copy').click();
  await expect(link.getByTestId('card-source-url-copy')).toHaveAttribute('data-copied', 'copied');
  await expect(link).toContainText('Ссылка скопирована');
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.clipboard!.readText())).toBe(POST_LINK);
  await page.getByTestId('card').screenshot({ path: 'test-results/helper5b/operator-card-source-link.png' });

  // A viewer may not see who wrote it, and a social-network link can tell: the core never sends it.
  const viewer = await browser.newPage();
  try {
    await signInAndOpen(app, viewer, id, 'viewer');
    await expect(viewer.getByTestId('card-author')).toContainText('скрыты');
    await expect(viewer.getByTestId('card-source-link')).toContainText('Персональные данные скрыты для вашей роли');
    await expect(viewer.getByTestId('card-source-url')).toHaveCount(0);
    await expect(viewer.getByTestId('card')).not.toContainText('vk.com');
    await viewer.getByTestId('card').screenshot({ path: 'test-results/helper5b/operator-card-source-link-viewer.png' });
  } finally {
    await viewer.close();
  }
  expectOnlyLocalRequests(app);
});
