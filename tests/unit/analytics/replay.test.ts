import { describe, expect, it } from 'vitest';
import { prepareReplay } from '../../../electron/core/analytics/replay';
import { demoDb } from './demoDb';

const HOUR = 3_600_000;

describe('the replay of the last days', () => {
  it('gives every hour × municipality the count of raw rows, the current hour and later writes included', () => {
    const now = Date.UTC(2026, 10, 24, 12, 34, 56);
    const { db } = demoDb(8_000, now, 10);
    // A status change and a move to another municipality after the fold: the rollup follows both.
    db.prepare("UPDATE appeals SET municipality_id = 'RU-NIZ-003' WHERE id % 17 = 0").run();
    db.prepare('DELETE FROM appeals WHERE id % 23 = 0').run();
    const replay = prepareReplay(db)(3, now);
    expect(replay.hours).toBe(72);
    expect(replay.from).toBe((Math.floor(now / HOUR) - 71) * HOUR);
    const raw = db.prepare(
      'SELECT received_at / 3600000 AS hour, municipality_id AS m, count(*) AS n FROM appeals WHERE received_at >= ? AND received_at < ? AND municipality_id IS NOT NULL GROUP BY 1, 2',
    );
    const expected = new Array<number>(replay.counts.length).fill(0);
    for (const r of raw.all(replay.from, replay.from + 72 * HOUR) as { hour: number; m: string; n: number }[]) {
      expected[(r.hour - replay.from / HOUR) * replay.municipalityIds.length + replay.municipalityIds.indexOf(r.m)] = r.n;
    }
    expect(replay.counts).toEqual(expected);
    expect(replay.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(500);
  });
});
