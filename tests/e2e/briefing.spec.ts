import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BriefingData } from '../../shared/api/briefing';
import { openOfflineCore } from '../../electron/core/briefing/offlineCore';
import { startHost } from '../../electron/core/host/server';
import { expect, expectOnlyLocalRequests, REGIONS_DIR, ROOT, test, WEB_DIR } from './fixtures';

const PAGE_COUNT = 7;
const PAGES_DIR = join(ROOT, 'test-results', 'briefing-pages');
const normalize = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');

test('presenter navigation: keys and a clicker move through the pages, with a counter', async ({ app, page }) => {
  await app.open(page, '/briefing');
  const counter = page.getByTestId('page-counter');
  await expect(counter).toHaveText(`1 / ${PAGE_COUNT}`);
  await page.keyboard.press('PageDown');
  await expect(counter).toHaveText(`2 / ${PAGE_COUNT}`);
  await expect(page.getByTestId('briefing-map')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(counter).toHaveText(`3 / ${PAGE_COUNT}`);
  await page.keyboard.press('PageUp');
  await expect(counter).toHaveText(`2 / ${PAGE_COUNT}`);
  await page.keyboard.press('End');
  await expect(counter).toHaveText(`${PAGE_COUNT} / ${PAGE_COUNT}`);
  await page.keyboard.press('ArrowRight');
  await expect(counter).toHaveText(`${PAGE_COUNT} / ${PAGE_COUNT}`);
  await page.keyboard.press('Home');
  await expect(counter).toHaveText(`1 / ${PAGE_COUNT}`);

  // A custom period, by calendar dates of the region.
  const day = (offsetDays: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(Date.now() + offsetDays * 86_400_000);
  await page.getByTestId('period').selectOption('custom');
  await page.getByTestId('custom-from').fill(day(-3));
  await page.getByTestId('custom-to').fill(day(-1));
  const [fromDay, toDay] = [day(-3), day(-1)].map((d) => Number(d.slice(8, 10)));
  await expect(page.locator('.page-slot.current .page-period')).toContainText(new RegExp(`^${fromDay}\\D.*${toDay} `));
  await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready');
  expectOnlyLocalRequests(app);
});

test('«Скачать PDF» shows the progress while pages render, then opens the browser print', async ({ app, page }) => {
  // Records what the progress indicator said at the moment the print dialog would open.
  await page.addInitScript(`
    window.__printed = [];
    window.print = () => window.__printed.push(document.querySelector('[data-testid="export-progress"]')?.textContent ?? 'no progress');
  `);
  await app.open(page, '/briefing');
  await page.getByTestId('print').click();
  const printedOf = () => (globalThis as unknown as { __printed: string[] }).__printed;
  await page.waitForFunction(() => (globalThis as unknown as { __printed: string[] }).__printed.length === 1);
  const printed = await page.evaluate(printedOf);
  expect(printed[0]).toContain(`страница ${PAGE_COUNT} из ${PAGE_COUNT}`);
  await expect(page.getByTestId('export-progress')).toHaveCount(0);
  expectOnlyLocalRequests(app);
});

test('the PDF has one A4 landscape page per briefing page with the period, the figures and Cyrillic names', async ({ app, page }, testInfo) => {
  await app.open(page, '/briefing');
  const data = (await app.core.registry.call('briefing:data', { period: 'week' }, { role: 'briefing' })) as BriefingData;
  const { n } = app.core.db
    .prepare('SELECT count(*) AS n FROM appeals WHERE received_at >= ? AND received_at < ?')
    .get(data.period.from, data.period.to) as { n: number };
  expect(data.kpis.received).toBe(n);
  await expect(page.getByTestId('kpi-received')).toContainText(new Intl.NumberFormat('ru-RU').format(n));

  const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
  const file = testInfo.outputPath('briefing.pdf');
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  expect(info).toMatch(new RegExp(`Pages:\\s+${PAGE_COUNT}\\b`));
  expect(info).toMatch(/Page size:\s+84\d(\.\d+)? x 59\d(\.\d+)? pts \(A4\)/);

  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const pages = text.split('\f').filter((p) => p.trim() !== '');
  expect(pages).toHaveLength(PAGE_COUNT);
  const timeZone = 'Europe/Moscow';
  const period = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).formatRange(data.period.from, data.period.to - 1);
  for (const [i, p] of pages.entries()) {
    const flat = normalize(p);
    expect(flat, `page ${i + 1} carries the period`).toContain(normalize(period));
    expect(flat, `page ${i + 1} carries the time of the data`).toContain('Данные на');
    expect(flat, `page ${i + 1} is numbered`).toContain(`Стр. ${i + 1} из ${PAGE_COUNT}`);
  }
  const all = normalize(text);
  expect(all).toContain(String(n));
  const names = new Map(app.core.pack.municipalities.map((m) => [m.id, m.name]));
  const busiest = [...data.byMunicipality].sort((a, b) => b.received - a.received)[0]!;
  expect(all).toContain(names.get(busiest.id)!);
  expect(all).toMatch(/Ключевые показатели/);

  rmSync(PAGES_DIR, { recursive: true, force: true });
  mkdirSync(PAGES_DIR, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '80', file, join(PAGES_DIR, 'page')]);
  expectOnlyLocalRequests(app);
});

test('a PDF printed as soon as the first page shows still has every page', async ({ app, page }, testInfo) => {
  // The pages after the first are drawn a frame after it; with frames held back only printing draws them.
  await page.addInitScript('window.requestAnimationFrame = () => 0;');
  await app.open(page, '/briefing');
  await expect(page.locator('.page-slot .page')).toHaveCount(1);
  const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
  const file = testInfo.outputPath('first-page.pdf');
  writeFileSync(file, pdf);
  expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(new RegExp(`Pages:\\s+${PAGE_COUNT}\\b`));
  const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim() !== '');
  for (const [i, p] of pages.entries()) expect(normalize(p)).toContain(`Стр. ${i + 1} из ${PAGE_COUNT}`);
  await expect(page.locator('.page-slot .page')).toHaveCount(PAGE_COUNT);
});

test('a snapshot opens in briefing-only mode and every page renders with the network blocked', async ({ app, page }) => {
  const { file } = (await app.core.registry.call('briefing:snapshot', { passphrase: 'пароль губернатора' }, { role: 'operator' })) as { file: string };
  const offline = openOfflineCore(file, 'пароль губернатора');
  const host = await startHost({ core: offline, webDir: WEB_DIR, regionsDir: REGIONS_DIR, port: 0 });
  try {
    const requests: string[] = [];
    const foreign: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.context().route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(host.url) || /^(data|blob):/.test(url)) return route.continue();
      foreign.push(url);
      return route.abort('blockedbyclient');
    });
    await page.goto(`${host.url}/briefing`);
    await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready');
    await expect(page.getByTestId('data-stamp')).toContainText('Офлайн-снимок · данные на');
    await expect(page.getByTestId('snapshot-open')).toHaveCount(0);
    for (let i = 1; i <= PAGE_COUNT; i++) {
      await expect(page.getByTestId('page-counter')).toHaveText(`${i} / ${PAGE_COUNT}`);
      const current = page.locator(`.page-slot.current [data-page="${i}"]`);
      await expect(current).toBeVisible();
      await expect(current.getByTestId('page-data-at')).toContainText('Данные на');
      await page.keyboard.press('PageDown');
    }
    await expect(page.getByTestId('briefing-map')).toHaveCount(1);
    await page.getByTestId('territory').selectOption({ label: 'Бор' });
    await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready');
    await expect(page.locator('.page-kicker').first()).toContainText('Бор');
    await page.getByTestId('period').selectOption('today');
    await expect(page.getByTestId('period').locator('option')).toHaveText(['Сегодня', 'Неделя', 'Месяц']);
    await page.keyboard.press('Home');
    await page.screenshot({ path: join(PAGES_DIR, '..', 'briefing-offline-screen.png') });
    expect(foreign).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(host.url) && !/^(data|blob):/.test(u))).toEqual([]);
  } finally {
    await host.close();
    offline.close();
  }
});
