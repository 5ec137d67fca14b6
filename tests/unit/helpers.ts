import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import type { AppealInput } from '../../electron/core/db/appeals';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const REGIONS_DIR = join(ROOT, 'resources', 'regions');

/** A fresh data directory, removed when the test ends. */
export function tempDir(prefix = 'cur-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A normalized appeal as a connector hands it over: a new ПОС message unless `over` says otherwise. */
export const appealInput = (over: Partial<AppealInput> = {}): AppealInput => ({
  sourceId: 'pos',
  externalId: 'x-1',
  channel: 'gosuslugi',
  receivedAt: 1_700_000_000_000,
  sourceUpdatedAt: 1_700_000_000_000,
  text: 'Нет отопления',
  categoryId: null,
  municipalityId: null,
  address: null,
  lon: null,
  lat: null,
  status: 'new',
  ...over,
});
