import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { loadCategoryRules, prepareAppealUpsert, type AppealInput } from '../../electron/core/db/appeals';
import { openDatabase } from '../../electron/core/db/open';
import { startOfDay } from '../../shared/time';
import { type App, expect, expectOnlyLocalRequests, test } from './fixtures';

// One wall page at a time: two software-WebGL walls rendering side by side on a two-core machine starve
// each other past any sane timeout (a CI run saw a page stay `loading` for 60 s). The file's tests run
// in order in one worker; the other worker takes the lighter operator and briefing files meanwhile.
test.describe.configure({ mode: 'default' });

const TZ = 'Europe/Moscow';
const ru = (n: number) => new Intl.NumberFormat('ru-RU').format(n);

/** Page module of the wall: locators by data-testid only. */
const wall = (page: Page) => ({
  root: page.getByTestId('wall'),
  map: page.getByTestId('wall-map'),
  today: page.getByTestId('counter-today'),
  inWork: page.getByTestId('counter-in-work'),
  overdue: page.getByTestId('counter-overdue'),
  showCard: page.getByTestId('show-card'),
  sceneTitle: page.getByTestId('scene-title'),
});

/**
 * The fixture's `app.open` with a longer wait: software WebGL on a shared two-core machine can take
 * well over the default 10 s to compile its shaders; the page still reports readiness, never a sleep.
 */
async function openWall(app: App, page: Page): Promise<void> {
  page.on('request', (request) => app.requests.push(request.url()));
  await page.goto(`${app.host.url}/wall`);
  await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready', { timeout: 60_000 });
}

/** Waits until the scene is on and the camera has arrived at its subject. */
async function sceneSettled(page: Page, kind: string, timeout = 30_000): Promise<void> {
  const root = page.getByTestId('wall');
  await expect(root).toHaveAttribute('data-scene', kind, { timeout });
  const serial = await root.getAttribute('data-scene-serial');
  await expect(page.getByTestId('wall-map')).toHaveAttribute('data-framed', serial!, { timeout });
}

function writeWallConfig(app: App, config: unknown): void {
  writeFileSync(join(app.dataDir, 'wall.json'), JSON.stringify(config));
}

function dbCounts(app: App, now = Date.now()) {
  const n = (sql: string, ...args: unknown[]) => (app.core.db.prepare(sql).get(...args) as { n: number }).n;
  const open = "('new', 'assigned', 'in_progress', 'reopened')";
  return {
    today: n('SELECT count(*) AS n FROM appeals WHERE received_at >= ? AND received_at <= ?', startOfDay(now, TZ), now),
    inWork: n(`SELECT count(*) AS n FROM appeals WHERE status IN ${open}`),
    overdue: n(`SELECT count(*) AS n FROM appeals WHERE status IN ${open} AND deadline_at < ?`, now),
  };
}

/** Writes appeals the way a sync worker does: through its own connection to the cache file. */
function writeFromAnotherConnection(app: App, records: AppealInput[]): number[] {
  const db = openDatabase(app.core.dbFile, { migrate: false });
  try {
    const upsert = prepareAppealUpsert(db, loadCategoryRules(db));
    return db.transaction(() => upsert(records))().changedIds;
  } finally {
    db.close();
  }
}

const newAppeal = (externalId: string, over: Partial<AppealInput> = {}): AppealInput => ({
  sourceId: 'portal',
  externalId,
  channel: 'portal',
  receivedAt: Date.now(),
  sourceUpdatedAt: Date.now(),
  text: 'Нет отопления в подъезде',
  categoryId: 'heating',
  municipalityId: 'RU-NIZ-051',
  address: null,
  lon: 43.46,
  lat: 56.24,
  status: 'new',
  ...over,
});

test.describe('the video wall', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('renders the map with municipalities, and its counters equal the database', async ({ app, page }) => {
    await openWall(app, page);
    const w = wall(page);
    await expect(w.map.locator('canvas').first()).toBeVisible();
    const drawn = await page.evaluate(
      () => (globalThis as unknown as { __wall?: { renderedMunicipalities?: () => number } }).__wall?.renderedMunicipalities?.() ?? 0,
    );
    expect(drawn).toBeGreaterThan(40);
    const counts = dbCounts(app);
    await expect(w.today).toHaveText(ru(counts.today));
    await expect(w.inWork).toHaveText(ru(counts.inWork));
    await expect(w.overdue).toHaveText(ru(counts.overdue));
    await expect(page.getByTestId('sector-tile')).toHaveCount(11);
    await expect(page.getByTestId('attribution')).toContainText('© OpenStreetMap contributors');
    await expect(page.getByTestId('attribution')).toContainText('Natural Earth');
    await expect(page.getByTestId('legend')).toBeVisible();
    expectOnlyLocalRequests(app);
  });

  // The one-second budget of the issue is a speed figure: `npm run bench:wall` measures it (latencyP95Ms).
  // Here the test proves the path works — pushed, counted and pulsed — without racing a busy machine.
  test('a new appeal written by another connection reaches the wall, counter and pulse', async ({ app, page }) => {
    await openWall(app, page);
    const w = wall(page);
    const before = Number(await w.today.getAttribute('data-value'));
    expect(before).toBe(dbCounts(app).today);
    const [id] = writeFromAnotherConnection(app, [newAppeal('live-1')]);
    await expect(w.map).toHaveAttribute('data-last-appeal', String(id));
    await expect(w.today).toHaveAttribute('data-value', String(before + 1));
    await expect(w.today).toHaveText(ru(before + 1));
    expectOnlyLocalRequests(app);
  });

  test('the playlist advances through its scenes', async ({ app, page }) => {
    writeWallConfig(app, {
      playlist: [
        { kind: 'overview', seconds: 3 },
        { kind: 'capital', seconds: 3 },
        { kind: 'sector', seconds: 3 },
        { kind: 'kpi', seconds: 3 },
      ],
    });
    await openWall(app, page);
    const w = wall(page);
    await expect(w.root).toHaveAttribute('data-scene', 'overview');
    await expect(w.sceneTitle).toHaveText('Обзор региона');
    await expect(w.root).toHaveAttribute('data-scene', 'capital', { timeout: 15_000 });
    await expect(w.sceneTitle).toHaveText('Нижний Новгород');
    await expect(w.root).toHaveAttribute('data-scene', 'sector', { timeout: 15_000 });
    await expect(w.sceneTitle).toContainText('Сектор: ');
    await expect(w.root).toHaveAttribute('data-scene', 'kpi', { timeout: 15_000 });
    await expect(page.getByTestId('kpi-today')).toBeVisible();
    await expect(w.root).toHaveAttribute('data-scene', 'overview', { timeout: 15_000 });
  });

  test('a pushed appeal takes over the wall, then the playlist returns', async ({ app, page }) => {
    writeWallConfig(app, { playlist: [{ kind: 'overview', seconds: 600 }] });
    await openWall(app, page);
    const w = wall(page);
    // The newest snow appeal in Бор (the demo's newest snow appeal elsewhere depends on the hour the test runs).
    const id = (
      app.core.db
        .prepare("SELECT a.id FROM appeals a JOIN municipalities m ON m.id = a.municipality_id WHERE a.category_id = 'snow' AND m.name = 'Бор' ORDER BY a.id DESC LIMIT 1")
        .get() as { id: number }
    ).id;
    await app.core.registry.call('wall:show', { kind: 'appeal', id: String(id), seconds: 5 }, { role: 'operator' });
    await expect(w.root).toHaveAttribute('data-scene', 'show-appeal');
    await expect(w.showCard).toContainText(`Обращение № ${id}`);
    await expect(w.showCard).toContainText('Уборка снега и наледи');
    await expect(w.showCard).toContainText('Бор');
    await expect(w.root).toHaveAttribute('data-scene', 'overview', { timeout: 20_000 });
    await expect(w.showCard).toHaveCount(0);

    await app.core.registry.call('wall:show', { kind: 'municipality', id: 'RU-NIZ-051', seconds: 5 }, { role: 'operator' });
    await expect(w.root).toHaveAttribute('data-scene', 'show-municipality');
    await expect(w.sceneTitle).toContainText('Дзержинск');
    await expect(w.root).toHaveAttribute('data-scene', 'overview', { timeout: 20_000 });
  });

  test('names, phones, e-mails, texts and addresses never reach the wall', async ({ app, page }) => {
    const secrets = {
      name: 'Евлампия Приметная-Шифровальщикова',
      phone: '+7 999 765-43-21',
      email: 'evlampia.leak@example.ru',
      text: 'Текст-который-нельзя-показывать',
      address: 'ул. Потаённая, д. 77, кв. 13',
    };
    const ids = writeFromAnotherConnection(app, [
      newAppeal('pd-1', { escalated: true, author: { name: secrets.name, phone: secrets.phone, email: secrets.email }, text: secrets.text, address: secrets.address }),
      newAppeal('pd-2', { categoryId: 'gas', author: { name: secrets.name, phone: secrets.phone, email: secrets.email }, text: secrets.text, address: secrets.address }),
    ]);
    const frames: string[] = [];
    page.on('websocket', (ws) => {
      ws.on('framereceived', (f) => frames.push(String(f.payload)));
      ws.on('framesent', (f) => frames.push(String(f.payload)));
    });
    writeWallConfig(app, { playlist: [{ kind: 'overview', seconds: 600 }] });
    await openWall(app, page);
    await expect(page.getByTestId('ticker-item').first()).toBeVisible();
    // Push one of them to the wall and write one more while the page watches, so every path is exercised.
    await app.core.registry.call('wall:show', { kind: 'appeal', id: String(ids[0]), seconds: 30 }, { role: 'operator' });
    await expect(wall(page).showCard).toContainText(`№ ${ids[0]}`);
    const [liveId] = writeFromAnotherConnection(app, [newAppeal('pd-3', { author: { name: secrets.name, phone: secrets.phone, email: secrets.email }, text: secrets.text, address: secrets.address })]);
    await expect(wall(page).map).toHaveAttribute('data-last-appeal', String(liveId));

    const seeded = app.core.db.prepare('SELECT name, phone, email FROM appeal_authors').all() as { name: string | null; phone: string | null; email: string | null }[];
    const texts = app.core.db.prepare('SELECT DISTINCT text FROM appeals').pluck().all() as string[];
    const addresses = app.core.db.prepare('SELECT DISTINCT address FROM appeals WHERE address IS NOT NULL').pluck().all() as string[];
    const forbidden = new Set([...Object.values(secrets), ...seeded.flatMap((a) => [a.name, a.phone, a.email]), ...texts, ...addresses].filter((v): v is string => !!v && v.length >= 6));
    expect(forbidden.size).toBeGreaterThan(100);

    const dom = await page.content();
    const text = await page.locator('body').innerText();
    const traffic = frames.join('\n');
    expect(frames.length).toBeGreaterThan(3);
    const leaks = [...forbidden].flatMap((value) => [
      ...(dom.includes(value) ? [`DOM: ${value}`] : []),
      ...(text.includes(value) ? [`text: ${value}`] : []),
      ...(traffic.includes(value) ? [`bridge: ${value}`] : []),
    ]);
    expect(leaks).toEqual([]);
  });
});

const SCENES = ['overview', 'capital', 'sector', 'municipality', 'kpi'] as const;

for (const size of [
  { width: 1920, height: 1080 },
  { width: 3840, height: 1080 },
]) {
  test(`a screenshot of every scene at ${size.width}×${size.height}`, async ({ app, page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(size);
    writeWallConfig(app, { playlist: SCENES.map((kind) => ({ kind, seconds: 15 })) });
    await openWall(app, page);
    const w = wall(page);
    for (const kind of SCENES) {
      await sceneSettled(page, kind);
      await page.screenshot({ path: `test-results/wall-screens/${size.width}x${size.height}-${kind}.png` });
    }
    // The newest snow appeal in Бор (the demo's newest snow appeal elsewhere depends on the hour the test runs).
    const id = (
      app.core.db
        .prepare("SELECT a.id FROM appeals a JOIN municipalities m ON m.id = a.municipality_id WHERE a.category_id = 'snow' AND m.name = 'Бор' ORDER BY a.id DESC LIMIT 1")
        .get() as { id: number }
    ).id;
    await app.core.registry.call('wall:show', { kind: 'appeal', id: String(id), seconds: 20 }, { role: 'operator' });
    await expect(w.showCard).toBeVisible();
    await sceneSettled(page, 'show-appeal');
    await page.screenshot({ path: `test-results/wall-screens/${size.width}x${size.height}-show-appeal.png` });
    expectOnlyLocalRequests(app);
  });
}

test('an operator rejects and escalates appeals: the wall counts one less in work and shows the escalation', async ({ app, page, browser }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  writeWallConfig(app, { playlist: [{ kind: 'overview', seconds: 600 }] });
  // Neither category is acute: the escalated one reaches the ticker only by the operator's action.
  const [rejectId, escalateId] = writeFromAnotherConnection(app, [
    newAppeal('op-reject', { text: 'Протекает кровля над пятым этажом', categoryId: 'roof', receivedAt: Date.now() - 60_000 }),
    newAppeal('op-escalate', { text: 'Глубокая выбоина на проезжей части у остановки', categoryId: 'potholes' }),
  ]);
  await openWall(app, page);
  const w = wall(page);
  const inWork = Number(await w.inWork.getAttribute('data-value'));
  expect(inWork).toBe(dbCounts(app).inWork);
  const newest = page.getByTestId('ticker-item').first();
  await expect(page.getByTestId('ticker')).toBeVisible();
  await expect(newest.filter({ hasText: 'Ямы на дорогах' }).filter({ hasText: 'Дзержинск' })).toHaveCount(0);

  const operatorContext = await browser.newContext();
  const operator = await operatorContext.newPage();
  await app.open(operator, '/operator');
  await operator.getByTestId('login-name').fill('supervisor');
  await operator.getByTestId('login-password').fill('supervisor');
  await operator.getByTestId('login-submit').click();
  await expect(operator.getByTestId('queue-row').first()).toBeVisible();
  const openCard = async (search: string, id: number) => {
    await operator.getByTestId('search').fill(search);
    await operator.getByTestId('search').press('Enter');
    await operator.locator(`[data-testid="queue-row"][data-id="${id}"]`).click();
    await expect(operator.getByTestId('card')).toHaveAttribute('data-id', String(id));
  };

  await openCard('кровля пятым', rejectId!);
  await operator.getByTestId('action-status').click();
  await operator.getByTestId('status-to-rejected').click();
  await expect(operator.getByTestId('card-status')).toHaveAttribute('data-status', 'rejected');
  await expect(w.inWork).toHaveAttribute('data-value', String(inWork - 1));
  await expect(w.inWork).toHaveText(ru(inWork - 1));

  await openCard('выбоина остановки', escalateId!);
  await operator.getByTestId('action-escalate').click();
  await expect(operator.getByTestId('card-escalated')).toBeVisible();
  await expect(newest).toContainText('Ямы на дорогах');
  await expect(newest).toContainText('Дзержинск');
  await expect(newest).toContainText('эскалация');
  // Escalation is not a status change: still in work.
  await expect(w.inWork).toHaveAttribute('data-value', String(inWork - 1));
  await page.screenshot({ path: 'test-results/wall-screens/operator-change.png' });
  await operatorContext.close();
  expectOnlyLocalRequests(app);
});
