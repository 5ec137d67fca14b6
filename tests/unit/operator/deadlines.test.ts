import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWorkday, loadCalendar, writeWorkCalendar } from '../../../electron/core/operator/calendar';
import { computeDeadline } from '../../../electron/core/operator/deadlines';
import { openDatabase } from '../../../electron/core/db/open';
import { ROOT } from '../helpers';
import { foldAppeals } from '../../../electron/core/analytics/fold';

const TZ = 'Europe/Moscow';
const calendar = loadCalendar(join(ROOT, 'resources', 'calendar', 'ru.json'), TZ);
/** Moscow local time (UTC+3, no daylight saving) as epoch ms. */
const msk = (iso: string) => Date.parse(`${iso}+03:00`);

describe('the production calendar', () => {
  it('rests on holidays and weekends and works on transferred Saturdays', () => {
    expect(isWorkday(calendar, msk('2026-01-09T00:00:00'))).toBe(false); // transferred from 3 January
    expect(isWorkday(calendar, msk('2026-01-12T00:00:00'))).toBe(true);
    expect(isWorkday(calendar, msk('2026-03-09T00:00:00'))).toBe(false); // 8 March fell on a Sunday
    expect(isWorkday(calendar, msk('2025-11-01T00:00:00'))).toBe(true); // a working Saturday
    expect(isWorkday(calendar, msk('2026-11-07T00:00:00'))).toBe(false); // an ordinary Saturday
  });

  it('has 247 working days in 2025 and in 2026', () => {
    for (const year of [2025, 2026]) {
      let n = 0;
      for (let d = msk(`${year}-01-01T00:00:00`); d < msk(`${year + 1}-01-01T00:00:00`); d += 86_400_000) if (isWorkday(calendar, d)) n++;
      expect(n, String(year)).toBe(247);
    }
  });
});

describe('the deadline calculator', () => {
  it('counts hours round the clock, across midnight', () => {
    expect(computeDeadline({ unit: 'hours', amount: 12 }, msk('2026-05-08T20:30:00'), calendar)).toBe(msk('2026-05-09T08:30:00'));
    expect(computeDeadline({ unit: 'hours', amount: 2 }, msk('2026-12-31T23:00:00'), calendar)).toBe(msk('2027-01-01T01:00:00'));
  });

  it('counts working days from the next day and ends at the end of the last one', () => {
    // Received Monday 16 Nov 2026: 5 working days are Tue..Mon, due by the end of Monday 23 Nov.
    expect(computeDeadline({ unit: 'workdays', amount: 5 }, msk('2026-11-16T10:00:00'), calendar)).toBe(msk('2026-11-24T00:00:00'));
    // Received on Friday evening: the weekend does not count.
    expect(computeDeadline({ unit: 'workdays', amount: 1 }, msk('2026-11-20T23:59:00'), calendar)).toBe(msk('2026-11-24T00:00:00'));
  });

  it('skips the New Year holidays and the 4 November holiday', () => {
    // Received 30 Dec 2025: 31 Dec and 1–11 Jan rest; the first working day is 12 Jan 2026.
    expect(computeDeadline({ unit: 'workdays', amount: 1 }, msk('2025-12-30T12:00:00'), calendar)).toBe(msk('2026-01-13T00:00:00'));
    // Received Tue 3 Nov 2026: 4 Nov rests, so 2 working days are Thu 5 and Fri 6.
    expect(computeDeadline({ unit: 'workdays', amount: 2 }, msk('2026-11-03T09:00:00'), calendar)).toBe(msk('2026-11-07T00:00:00'));
  });

  it('gives the same deadline in SQL as in code, for any writer, once its rows are folded', () => {
    const db = openDatabase(':memory:');
    writeWorkCalendar(db, calendar, 2025, 2027);
    db.exec(`INSERT INTO sectors VALUES ('housing', 'ЖКХ', 0); INSERT INTO categories VALUES ('yard', 'Двор', 'housing', 240, 0);
      INSERT INTO deadline_rules VALUES ('yard', 'workdays', 10);`);
    const insert = db.prepare(`INSERT INTO appeals (source_id, external_id, channel, received_at, created_at, updated_at, source_updated_at, text, category_id, status, deadline_at)
      VALUES ('s', ?, 'x', ?, 0, 0, 0, 'текст', 'yard', 'new', 1) RETURNING deadline_at AS d`);
    for (const [i, at] of ['2025-12-30T12:00:00', '2026-05-07T18:00:00', '2026-11-03T00:00:00', '2027-06-11T23:59:00'].entries()) {
      insert.run(`e${i}`, msk(at));
      foldAppeals(db);
      const row = db.prepare('SELECT deadline_at AS d FROM appeals WHERE external_id = ?').get(`e${i}`) as { d: number };
      expect(row.d, at).toBe(computeDeadline({ unit: 'workdays', amount: 10 }, msk(at), calendar));
    }
    db.close();
  });
});
