import type { Db } from '../db/open';
import { foldAppeals, markFolded } from '../analytics/fold';
import { rebuildRollups, syncRollupZone } from '../analytics/rollups';
import type { GenAppeal } from './model';

const INSERT = `INSERT INTO appeals (id, source_id, external_id, channel, received_at, created_at, updated_at, source_updated_at,
  text, category_id, sector_id, municipality_id, address, lon, lat, h3, status, agency_id, deadline_at, first_response_at,
  resolved_at, escalated, priority, duplicate_of, rating, reopened)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * Writes generated appeals through the ordinary schema (every trigger fires, and new rows are folded
 * into rollups): small sets, tests. A bulk load skips the fold and rebuilds the rollups once instead.
 */
export function prepareGenInsert(db: Db, options: { fold?: boolean } = {}) {
  const fold = options.fold ?? true;
  const insert = db.prepare(INSERT);
  return db.transaction((rows: readonly GenAppeal[]) => {
    for (const r of rows) {
      insert.run(r.id, r.sourceId, r.externalId, r.channel, r.receivedAt, r.receivedAt, r.updatedAt, r.updatedAt, r.text, r.categoryId,
        r.sectorId, r.municipalityId, r.address, r.lon, r.lat, r.h3, r.status, r.agencyId, r.deadlineAt, r.firstResponseAt,
        r.resolvedAt, r.escalated, r.priority, r.duplicateOf, r.rating, r.reopened);
    }
    if (fold) foldAppeals(db);
  });
}

export interface BulkLoad {
  write(rows: readonly GenAppeal[]): void;
  /** Rebuilds rollups (and, unless skipped, the full-text index), restores indexes and triggers. */
  finish(onStep?: (step: string) => void): void;
}

/**
 * Bulk mode for millions of rows: journal in memory, triggers and secondary indexes of `appeals` set aside
 * while rows stream in (indexes built once, sorted, are far cheaper than kept up row by row), then
 * rollups rebuilt from the raw rows and everything put back exactly as the schema had it.
 */
export function beginBulkLoad(db: Db, timeZone: string, options: { skipFts?: boolean } = {}): BulkLoad {
  syncRollupZone(db, timeZone);
  // OFF is refused by better-sqlite3's defensive mode; an in-memory rollback journal is as fast for appends.
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -524288');
  db.pragma('temp_store = FILE');
  const saved = db
    .prepare("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'appeals' AND type IN ('index', 'trigger') AND sql IS NOT NULL")
    .all() as { type: 'index' | 'trigger'; name: string; sql: string }[];
  for (const { type, name } of saved) db.exec(`DROP ${type.toUpperCase()} "${name}"`);
  const write = prepareGenInsert(db, { fold: false });
  return {
    write,
    finish(onStep = () => {}) {
      // Indexes first: the rollup rebuild reads raw rows by received time.
      for (const { name, sql } of saved.filter((s) => s.type === 'index')) {
        onStep(`index ${name}`);
        db.exec(sql);
      }
      onStep('rollups');
      db.transaction(() => {
        // The generator wrote every deadline itself: nothing to fold row by row before the rebuild.
        markFolded(db);
        rebuildRollups(db, { chunkMs: 30 * 86_400_000 });
      })();
      if (!options.skipFts && db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'appeals_fts'").get()) {
        onStep('full-text index');
        // Same folding as the FTS triggers of migration 0004 (ё indexed as е).
        db.exec(`INSERT INTO appeals_fts (rowid, text, address) SELECT id, replace(replace(text, 'ё', 'е'), 'Ё', 'Е'),
          replace(replace(address, 'ё', 'е'), 'Ё', 'Е') FROM appeals`);
      }
      for (const { sql } of saved.filter((s) => s.type === 'trigger')) db.exec(sql);
      onStep('analyze');
      db.pragma('analysis_limit = 1000');
      db.exec('ANALYZE');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    },
  };
}
