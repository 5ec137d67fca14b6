import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Page } from '@playwright/test';
import { type App, expect, expectOnlyLocalRequests, test } from './fixtures';

/** Opens the operator window, signs in and waits for the signed-in header. */
async function signIn(app: App, page: Page, login: 'supervisor' | 'operator'): Promise<void> {
  await app.open(page, '/operator');
  await page.getByTestId('login-name').fill(login);
  await page.getByTestId('login-password').fill(login);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user')).toBeVisible();
}

const ROWS = 1200;

/** A hotline export as Excel saves "CSV" in Russia: Windows-1251, ';', Russian dates in the region's zone. */
function hotlineExport(): Buffer {
  const now = new Date(Date.now() + 3 * 3_600_000 - 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const date = `${p(now.getUTCDate())}.${p(now.getUTCMonth() + 1)}.${now.getUTCFullYear()} ${p(now.getUTCHours())}:${p(now.getUTCMinutes())}`;
  let text = 'Номер;Дата;Текст;Категория;Статус;Адрес;Район\r\n';
  for (let i = 0; i < ROWS; i++)
    text += `E2E-${i};${date};Не работает уличное освещение у дома ${i};Освещение;new;ул. Рождественская, ${i % 40};\r\n`;
  return iconv.encode(text, 'windows-1251');
}

const digits = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

test('a supervisor imports a Windows-1251 hotline export: upload, mapping, progress, queue grows', async ({
  app,
  page,
}, testInfo) => {
  await app.open(page, '/operator');
  await page.getByTestId('login-name').fill('supervisor');
  await page.getByTestId('login-password').fill('supervisor');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
  await expect(page.getByTestId('queue-total')).not.toHaveText('…');
  const before = digits(await page.getByTestId('queue-total').textContent());
  const stored = () =>
    app.core.db
      .prepare("SELECT count(*) FROM appeals WHERE source_id = 'hotline' AND external_id LIKE 'E2E-%'")
      .pluck()
      .get() as number;

  await page.getByTestId('tab-sources').click();
  await expect(page.getByTestId('file-import')).toBeVisible();
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'горячая-линия.csv', mimeType: 'text/csv', buffer: hotlineExport() });
  await expect(page.getByTestId('import-source')).toHaveValue('hotline');
  await page.getByTestId('import-encoding').selectOption('windows-1251');
  await page.getByTestId('import-upload').click();

  // The header names are guessed into the form, the preview shows the file decoded.
  await expect(page.getByTestId('import-mapping')).toBeVisible();
  await expect(page.getByTestId('import-map-externalId')).toHaveValue('Номер');
  await expect(page.getByTestId('import-map-receivedAt')).toHaveValue('Дата');
  await expect(page.getByTestId('import-map-text')).toHaveValue('Текст');
  await expect(page.getByTestId('import-map-municipality')).toHaveValue('Район');
  await expect(page.getByTestId('import-preview').locator('tbody tr')).toHaveCount(5);
  await expect(page.getByTestId('import-preview')).toContainText('Не работает уличное освещение у дома 3');
  await page.screenshot({ path: testInfo.outputPath('import-mapping.png'), fullPage: true });

  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-progress')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('import-rows')).toHaveText(new Intl.NumberFormat('ru-RU').format(ROWS));
  await expect(page.getByTestId('import-stored')).toHaveText(new Intl.NumberFormat('ru-RU').format(ROWS));
  await expect(page.getByTestId('import-quarantined')).toHaveText('0');
  await page.screenshot({ path: testInfo.outputPath('import-done.png'), fullPage: true });
  expect(stored()).toBe(ROWS);

  await page.getByTestId('tab-queue').click();
  await expect(page.getByTestId('queue-total')).toHaveText(new Intl.NumberFormat('ru-RU').format(before + ROWS));
  expectOnlyLocalRequests(app);
});

test('a long import shows its progress and can be cancelled; committed rows stay', async ({ app, page }, testInfo) => {
  const rows = 120_000;
  let text = '\uFEFFНомер,Дата,Текст\n';
  for (let i = 0; i < rows; i++) text += `BIG-${i},2026-01-15T10:00:00+03:00,Обращение ${i}\n`;
  await signIn(app, page, 'supervisor');
  await page.getByTestId('tab-sources').click();
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.getByTestId('import-upload').click();
  await expect(page.getByTestId('import-map-text')).toHaveValue('Текст');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-progress')).toHaveAttribute('data-state', 'running');
  // The import goes on while the supervisor looks at the queue, and its progress is still there after.
  await page.getByTestId('tab-queue').click();
  await expect(page.getByTestId('file-import')).toHaveCount(0);
  await page.getByTestId('tab-sources').click();
  await expect(page.getByTestId('import-progress')).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('import-file-name')).toHaveText(/big\.csv/);
  await expect.poll(async () => digits(await page.getByTestId('import-stored').textContent())).toBeGreaterThan(0);
  await page.screenshot({ path: testInfo.outputPath('import-running.png'), fullPage: true });
  await page.getByTestId('import-cancel').click();
  await expect(page.getByTestId('import-progress')).toHaveAttribute('data-state', 'cancelled');
  const stored = digits(await page.getByTestId('import-stored').textContent());
  expect(stored).toBeLessThan(rows);
  expect(app.core.db.prepare("SELECT count(*) FROM appeals WHERE external_id LIKE 'BIG-%'").pluck().get()).toBe(stored);
});

test('an XLSX export imports with the header guessed and date cells read', async ({ app, page }) => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Лист1');
  sheet.addRow(['№', 'Дата и время', 'Содержание', 'Телефон заявителя']);
  for (let i = 0; i < 300; i++)
    sheet
      .addRow([`X-${i}`, new Date(Date.UTC(2026, 0, 20, 12, 30)), `Не вывозят мусор ${i}`, '+7 900 000-00-00'])
      .getCell(2).numFmt = 'dd.mm.yyyy hh:mm';
  const buffer = Buffer.from(await book.xlsx.writeBuffer());
  await signIn(app, page, 'supervisor');
  await page.getByTestId('tab-sources').click();
  await page
    .getByTestId('import-file')
    .setInputFiles({
      name: 'выгрузка.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    });
  await expect(page.getByTestId('import-encoding')).toBeDisabled();
  await page.getByTestId('import-upload').click();
  await expect(page.getByTestId('import-map-externalId')).toHaveValue('№');
  await expect(page.getByTestId('import-map-receivedAt')).toHaveValue('Дата и время');
  await expect(page.getByTestId('import-map-text')).toHaveValue('Содержание');
  await expect(page.getByTestId('import-map-phone')).toHaveValue('Телефон заявителя');
  await expect(page.getByTestId('import-preview')).toContainText('2026-01-20T12:30:00+03:00');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-progress')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('import-stored')).toHaveText('300');
  const received = app.core.db
    .prepare("SELECT DISTINCT received_at FROM appeals WHERE source_id = 'hotline' AND external_id LIKE 'X-%'")
    .pluck()
    .all();
  expect(received).toEqual([Date.parse('2026-01-20T12:30:00+03:00')]);
});

test('an operator does not see the file import', async ({ app, page }) => {
  await signIn(app, page, 'operator');
  await page.getByTestId('tab-sources').click();
  await expect(page.getByTestId('sources-panel')).toBeVisible();
  await expect(page.getByTestId('file-import')).toHaveCount(0);
});
