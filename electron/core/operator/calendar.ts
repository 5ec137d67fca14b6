/**
 * The Russian production calendar (производственный календарь) as data: holidays and transferred
 * working days per year from resources/calendar/ru.json; outside the listed years only weekends rest.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DAY_MS, startOfDay } from '../../../shared/time';
import type { Db } from '../db/open';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const CalendarFile = z.object({
  years: z.record(z.string(), z.object({ holidays: z.array(IsoDate), workdays: z.array(IsoDate) })),
});

export interface ProductionCalendar {
  timeZone: string;
  /** Non-working weekdays (holidays and days off moved by decree). */
  holidays: ReadonlySet<string>;
  /** Saturdays and Sundays that are working days by a transfer. */
  workdays: ReadonlySet<string>;
}

export function loadCalendar(file: string, timeZone: string): ProductionCalendar {
  const data = CalendarFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  const years = Object.values(data.years);
  return {
    timeZone,
    holidays: new Set(years.flatMap((y) => y.holidays)),
    workdays: new Set(years.flatMap((y) => y.workdays)),
  };
}

/** The local calendar date of an instant in the calendar's zone, as YYYY-MM-DD. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function localDate(at: number, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) dateFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(at);
}

export function isWorkday(calendar: ProductionCalendar, dayStart: number): boolean {
  const date = localDate(dayStart + 12 * 3_600_000, calendar.timeZone);
  if (calendar.holidays.has(date)) return false;
  if (calendar.workdays.has(date)) return true;
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Start of the next local day (robust to a zone that changes its offset). */
export const nextDayStart = (dayStart: number, timeZone: string): number => startOfDay(dayStart + DAY_MS + 12 * 3_600_000, timeZone);

/**
 * Fills work_calendar for the SQL deadline triggers: one row per local day with the running count of
 * working days. Rebuilt whole at start-up (a few thousand rows), so an edited calendar file applies.
 */
export function writeWorkCalendar(db: Db, calendar: ProductionCalendar, fromYear: number, toYear: number): void {
  const first = startOfDay(Date.UTC(fromYear, 0, 1, 12), calendar.timeZone);
  const end = startOfDay(Date.UTC(toYear + 1, 0, 1, 12), calendar.timeZone);
  const insert = db.prepare('INSERT INTO work_calendar (day_start, workday, seq) VALUES (?, ?, ?)');
  db.transaction(() => {
    db.prepare('DELETE FROM work_calendar').run();
    let seq = 0;
    for (let day = first; day < end; day = nextDayStart(day, calendar.timeZone)) {
      const workday = isWorkday(calendar, day);
      if (workday) seq++;
      insert.run(day, workday ? 1 : 0, seq);
    }
  })();
}
