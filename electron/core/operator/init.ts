import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/open';
import type { RegionPack } from '../region/pack';
import { seedDemoUsers } from './auth';
import { loadCalendar, type ProductionCalendar, writeWorkCalendar } from './calendar';
import { seedDeadlineRules } from './deadlines';
import { flushFtsPending } from './ftsIndex';
import { seedRoutingRules } from './routing';

const CALENDAR_YEARS: [number, number] = [2024, 2030];

/**
 * Operator data the core needs before any appeal arrives: the working-day calendar and deadline
 * rules (the SQL triggers read them), routing rules and the demo accounts (only into empty tables).
 */
export function initOperator(db: Db, pack: RegionPack, resourcesDir: string): ProductionCalendar {
  const file = join(resourcesDir, 'calendar', 'ru.json');
  const calendar = existsSync(file)
    ? loadCalendar(file, pack.config.timeZone)
    : { timeZone: pack.config.timeZone, holidays: new Set<string>(), workdays: new Set<string>() };
  writeWorkCalendar(db, calendar, ...CALENDAR_YEARS);
  seedDeadlineRules(db);
  seedRoutingRules(db, pack.config.capitalId);
  seedDemoUsers(db);
  flushFtsPending(db);
  // New appeals are indexed for search in batches; a search flushes first anyway, this keeps it short.
  const timer = setInterval(() => {
    if (!db.open) clearInterval(timer);
    else flushFtsPending(db);
  }, 1000);
  timer.unref();
  return calendar;
}
