import { type AppealInput, loadCategoryRules, prepareAppealUpsert } from '../db/appeals';
import type { Db } from '../db/open';
import type { Connector, IndicatorInput, NormalizeContext, Page } from '../connectors/types';
import { prepareFtsFlush } from '../operator/ftsIndex';

export interface BatchResult {
  inserted: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  skipped: number;
  indicators: number;
}

/** How a quarantined record was read (migration 0010): null for the source's connector, 'file' for a file import. */
export type Origin = 'file' | null;

/** Quarantine keeps the raw payload as received, bounded so one huge record cannot bloat the cache. */
const MAX_RAW_CHARS = 256 * 1024;

/**
 * The batch writer: one page of one source becomes one transaction holding its appeals, its
 * quarantined records and the cursor that follows it, so a crash at any instant leaves either the
 * whole page with its cursor or neither.
 */
export function prepareBatchStore(db: Db) {
  const upsert = prepareAppealUpsert(db, loadCategoryRules(db));
  const quarantine = db.prepare('INSERT INTO quarantine (source_id, at, reason, raw, origin) VALUES (?, ?, ?, ?, ?)');
  const setCursor = db.prepare('UPDATE sources SET cursor = ? WHERE id = ?');
  const getCursor = db.prepare('SELECT cursor FROM sources WHERE id = ?').pluck();
  const existing = db.prepare(
    `SELECT text, category_id AS categoryId, municipality_id AS municipalityId, address, lon, lat, received_at AS receivedAt
     FROM appeals WHERE source_id = ? AND external_id = ?`,
  );
  const aliasOf = db.prepare('SELECT external_id FROM sync_aliases WHERE source_id = ? AND alias = ?').pluck();
  const addAlias = db.prepare('INSERT INTO sync_aliases (source_id, alias, external_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const indicator = db.prepare(
    `INSERT INTO service_indicators (source_id, office_id, at, office_name, municipality_id, queue_length, wait_minutes, overdue_services)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (source_id, office_id, at) DO UPDATE SET office_name = excluded.office_name, municipality_id = excluded.municipality_id,
       queue_length = excluded.queue_length, wait_minutes = excluded.wait_minutes, overdue_services = excluded.overdue_services`,
  );

  // New appeals are indexed for search inside the batch's own transaction: otherwise the core's
  // once-a-second flush on the windows' thread would index thousands of rows (and wait for this
  // worker's write lock) in the middle of a backlog.
  const hasFts = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'appeals_fts_pending'").get() !== undefined;
  const flushFts = hasFts ? prepareFtsFlush(db) : () => 0;

  const writeIndicators = (sourceId: string, rows: IndicatorInput[]) => {
    for (const r of rows) indicator.run(sourceId, r.officeId, r.at, r.officeName, r.municipalityId, r.queueLength, r.waitMinutes, r.overdueServices);
  };

  const commit = db.transaction((sourceId: string, appeals: AppealInput[], aliases: [string, string][], indicators: IndicatorInput[], bad: { reason: string; raw: string }[], cursor: string | null | undefined, now: number, origin: Origin) => {
    for (const [alias, root] of aliases) addAlias.run(sourceId, alias, root);
    // A record changed twice in one page is upserted in a later segment, after the search index
    // took the first version: SQLite's upsert overrides the OR IGNORE inside migration 0004's
    // trigger, so an unflushed appeal whose text changes would abort the whole batch.
    const result = { inserted: 0, updated: 0, unchanged: 0 };
    for (const segment of uniqueSegments(appeals)) {
      const r = upsert(segment, now);
      result.inserted += r.inserted;
      result.updated += r.updated;
      result.unchanged += r.unchanged;
      if (r.inserted + r.updated > 0) flushFts();
    }
    writeIndicators(sourceId, indicators);
    for (const b of bad) quarantine.run(sourceId, now, b.reason, b.raw.length > MAX_RAW_CHARS ? b.raw.slice(0, MAX_RAW_CHARS) : b.raw, origin);
    if (cursor !== undefined) setCursor.run(cursor, sourceId);
    return result;
  });

  return {
    cursorOf: (sourceId: string) => (getCursor.get(sourceId) as string | null | undefined) ?? null,

    /** Normalizes a page and commits it with its cursor; `origin` marks records read from a file. */
    commitPage(
      sourceId: string,
      connector: Connector,
      page: Omit<Page, 'cursor' | 'more'> & { cursor?: string | null },
      ctx: NormalizeContext,
      now = Date.now(),
      origin: Origin = null,
    ): BatchResult {
      const appeals: AppealInput[] = [];
      const aliases: [string, string][] = [];
      const indicators: IndicatorInput[] = [];
      const bad = [...page.rejected];
      let skipped = 0;
      for (const record of page.records) {
        let n;
        try {
          n = connector.normalize(record.value, ctx);
        } catch (error) {
          n = { kind: 'invalid' as const, reason: `normalizer failed: ${(error as Error).message}` };
        }
        if (n.kind === 'appeal') {
          if (n.alias) {
            const root = (aliasOf.get(sourceId, n.appeal.externalId) as string | undefined) ?? n.appeal.externalId;
            n.appeal.externalId = root;
            aliases.push([n.alias, root]);
          }
          if (n.partial) Object.assign(n.appeal, existing.get(sourceId, n.appeal.externalId) ?? {});
          appeals.push(n.appeal);
        } else if (n.kind === 'indicator') indicators.push(n.indicator);
        else if (n.kind === 'skip') skipped++;
        else bad.push({ reason: n.reason, raw: record.text || safeStringify(record.value) });
      }
      const r = commit(sourceId, appeals, aliases, indicators, bad, page.cursor, now, origin);
      return { inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, quarantined: bad.length, skipped, indicators: indicators.length };
    },
  };
}
export type BatchStore = ReturnType<typeof prepareBatchStore>;

/** Splits a batch so that no appeal appears twice within one segment. */
function uniqueSegments(appeals: AppealInput[]): AppealInput[][] {
  const segments: AppealInput[][] = [[]];
  let seen = new Set<string>();
  for (const a of appeals) {
    if (seen.has(a.externalId)) {
      segments.push([]);
      seen = new Set();
    }
    seen.add(a.externalId);
    segments[segments.length - 1]!.push(a);
  }
  return segments;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
