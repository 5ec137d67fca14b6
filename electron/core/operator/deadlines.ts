/**
 * Deadlines per type of appeal: a rule is a number of hours (counted round the clock) or of working
 * days by the production calendar (the day of receipt does not count; the deadline is the end of the
 * last working day, i.e. the start of the next day).
 */
import type { DeadlineRule } from '../../../shared/api/operator';
import { startOfDay, HOUR_MS } from '../../../shared/time';
import type { Db } from '../db/open';
import { isWorkday, nextDayStart, type ProductionCalendar } from './calendar';

export function computeDeadline(rule: Pick<DeadlineRule, 'unit' | 'amount'>, receivedAt: number, calendar: ProductionCalendar): number {
  if (rule.unit === 'hours') return receivedAt + rule.amount * HOUR_MS;
  let day = startOfDay(receivedAt, calendar.timeZone);
  let counted = 0;
  while (counted < rule.amount) {
    day = nextDayStart(day, calendar.timeZone);
    if (isWorkday(calendar, day)) counted++;
  }
  return nextDayStart(day, calendar.timeZone);
}

/** Categories with a deadline of 5 days or more are counted in working days, the urgent ones in hours. */
const WORKDAYS_FROM_HOURS = 120;

/**
 * Seeds a rule for every category that has none, from the region config's hours. Existing rules are
 * data a supervisor may have changed and are kept.
 */
export function seedDeadlineRules(db: Db): void {
  const categories = db.prepare('SELECT id, deadline_hours AS hours, acute FROM categories WHERE deadline_hours IS NOT NULL').all() as {
    id: string;
    hours: number;
    acute: number;
  }[];
  const insert = db.prepare('INSERT INTO deadline_rules (category_id, unit, amount) VALUES (?, ?, ?) ON CONFLICT (category_id) DO NOTHING');
  db.transaction(() => {
    for (const c of categories) {
      if (c.acute === 0 && c.hours >= WORKDAYS_FROM_HOURS && c.hours % 24 === 0) insert.run(c.id, 'workdays', c.hours / 24);
      else insert.run(c.id, 'hours', c.hours);
    }
  })();
}

export function listDeadlineRules(db: Db): DeadlineRule[] {
  return db.prepare('SELECT category_id AS categoryId, unit, amount FROM deadline_rules ORDER BY category_id').all() as DeadlineRule[];
}

export function deadlineRuleOf(db: Db, categoryId: string | null): DeadlineRule | null {
  if (!categoryId) return null;
  return (db.prepare('SELECT category_id AS categoryId, unit, amount FROM deadline_rules WHERE category_id = ?').get(categoryId) as DeadlineRule | undefined) ?? null;
}
