import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cellToParent } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/app';
import { loadCategoryRules, prepareAppealUpsert } from '../../../electron/core/db/appeals';
import { loadWallConfig } from '../../../electron/core/wall/config';
import { HOUR_MS } from '../../../shared/time';
import { REGIONS_DIR, ROOT, tempDir } from '../helpers';

const TZ = 'Europe/Moscow';

describe('wall settings (<dataDir>/wall.json)', () => {
  it('uses defaults when the file is absent', () => {
    const config = loadWallConfig(tempDir(), TZ);
    expect(config.origin).toBe('default');
    expect(config.problem).toBeNull();
    expect(config.playlist.map((s) => s.kind)).toEqual(['overview', 'capital', 'sector', 'municipality', 'kpi']);
    expect(config.load).toBe('per10k');
    expect(config.timeZone).toBe(TZ);
  });

  it('reads a valid file and fills what it leaves out', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'wall.json'), JSON.stringify({ playlist: [{ kind: 'kpi', seconds: 5 }], load: 'absolute' }));
    const config = loadWallConfig(dir, TZ);
    expect(config).toMatchObject({ origin: 'file', playlist: [{ kind: 'kpi', seconds: 5 }], load: 'absolute', windowHours: 24 });
  });

  it('falls back to defaults on a broken file and says why', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'wall.json'), JSON.stringify({ playlist: [{ kind: 'nowhere', seconds: 5 }], windowHours: 0 }));
    const broken = loadWallConfig(dir, TZ);
    expect(broken.origin).toBe('default');
    expect(broken.problem).toMatch(/playlist/);
    expect(broken.problem).toMatch(/windowHours/);
    writeFileSync(join(dir, 'wall.json'), '{ not json');
    expect(loadWallConfig(dir, TZ).problem).toMatch(/wall\.json/);
  });
});

describe('the wall part of the contract', () => {
  it('aggregates the window into H3 cells, by sector and at coarser resolutions', async () => {
    const dataDir = tempDir();
    const core = createCore({ dataDir, regionsDir: REGIONS_DIR, demoAppeals: 0, watchIntervalMs: 60_000 });
    try {
      // An empty cache still gets the demo's scripted snowstorm; this test wants only its own rows.
      core.db.exec('DELETE FROM appeals');
      const now = Date.now();
      const upsert = prepareAppealUpsert(core.db, loadCategoryRules(core.db));
      const base = { sourceId: 'portal', channel: 'portal', text: 'т', address: null, status: 'new' as const };
      core.db.transaction(() =>
        upsert([
          { ...base, externalId: 'a', receivedAt: now - HOUR_MS, sourceUpdatedAt: now, categoryId: 'heating', municipalityId: 'RU-NIZ-048', lon: 44.0, lat: 56.3 },
          { ...base, externalId: 'b', receivedAt: now - 2 * HOUR_MS, sourceUpdatedAt: now, categoryId: 'heating', municipalityId: 'RU-NIZ-048', lon: 44.0, lat: 56.3 },
          { ...base, externalId: 'c', receivedAt: now - HOUR_MS, sourceUpdatedAt: now, categoryId: 'snow', municipalityId: 'RU-NIZ-048', lon: 44.01, lat: 56.31 },
          { ...base, externalId: 'old', receivedAt: now - 48 * HOUR_MS, sourceUpdatedAt: now, categoryId: 'heating', municipalityId: 'RU-NIZ-048', lon: 44.0, lat: 56.3 },
          { ...base, externalId: 'nowhere', receivedAt: now, sourceUpdatedAt: now, categoryId: 'heating', municipalityId: null, lon: null, lat: null },
        ]),
      )();
      const ctx = { role: 'wall' as const };
      const fine = (await core.registry.call('wall:hexes', { resolution: 7 }, ctx)) as { cells: string[]; counts: number[] };
      expect(fine.counts.reduce((a, b) => a + b, 0)).toBe(3);
      const coarse = (await core.registry.call('wall:hexes', { resolution: 5 }, ctx)) as { cells: string[]; counts: number[]; resolution: number };
      expect(coarse.resolution).toBe(5);
      expect(coarse.cells).toEqual([cellToParent(fine.cells[0]!, 5)]);
      expect(coarse.counts).toEqual([3]);
      const around = (await core.registry.call('wall:hexes', { resolution: 7, bbox: [43.9, 56.2, 44.1, 56.4] }, ctx)) as { counts: number[] };
      expect(around.counts.reduce((a, b) => a + b, 0)).toBe(3);
      const elsewhere = (await core.registry.call('wall:hexes', { resolution: 7, bbox: [42, 55, 43, 55.5] }, ctx)) as { cells: string[] };
      expect(elsewhere.cells).toEqual([]);
      const housing = (await core.registry.call('wall:hexes', { resolution: 7, sectorId: 'housing' }, ctx)) as { counts: number[] };
      expect(housing.counts.reduce((a, b) => a + b, 0)).toBe(2);
      await expect(core.registry.call('wall:hexes', { resolution: 9 }, ctx)).rejects.toThrow(/resolution/);

      const id = (core.db.prepare("SELECT id FROM appeals WHERE external_id = 'a'").get() as { id: number }).id;
      const shown = await core.registry.call('wall:appeal', { id }, ctx);
      expect(shown).toEqual(expect.objectContaining({ id, categoryId: 'heating', municipalityId: 'RU-NIZ-048' }));
      expect(Object.keys(shown as object).sort()).toEqual(['categoryId', 'escalated', 'id', 'lat', 'lon', 'municipalityId', 'receivedAt', 'sectorId']);
      expect(await core.registry.call('wall:appeal', { id: 999_999 }, ctx)).toBeNull();
      await expect(core.registry.call('wall:appeal', { id }, { role: 'operator' })).rejects.toThrow(/may not call/);

      const summary = (await core.registry.call('wall:summary', {}, ctx)) as { windowHours: number; byMunicipality: unknown[]; todayByMunicipality: { count: number }[] };
      expect(summary.windowHours).toBe(24);
      expect(summary.byMunicipality).toEqual([{ municipalityId: 'RU-NIZ-048', count: 3 }]);

      writeFileSync(join(dataDir, 'wall.json'), JSON.stringify({ windowHours: 72 }));
      const wider = (await core.registry.call('wall:summary', {}, ctx)) as { windowHours: number; byMunicipality: unknown[] };
      expect(wider.windowHours).toBe(72);
      expect(wider.byMunicipality).toEqual([{ municipalityId: 'RU-NIZ-048', count: 4 }]);
      expect(((await core.registry.call('wall:config', {}, ctx)) as { origin: string }).origin).toBe('file');
    } finally {
      core.close();
    }
  });

  it('never selects from the personal-data table', () => {
    // The wall's SQL lives in one file; a reference to appeal_authors there would be a leak in waiting.
    const source = readFileSync(join(ROOT, 'electron/core/wall/summary.ts'), 'utf8');
    expect(source).not.toMatch(/appeal_authors|author|phone|email/i);
  });
});
