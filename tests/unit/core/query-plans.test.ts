import { describe, expect, it } from 'vitest';
import { filterSql } from '../../../electron/core/db/appeals';
import { openDatabase } from '../../../electron/core/db/open';

const plan = (db: ReturnType<typeof openDatabase>, sql: string, params: unknown[] = []) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');

describe('query plans of the wall and the queue', () => {
  const db = openDatabase(':memory:');
  db.exec('ANALYZE');

  it.each([
    ['today counter', 'SELECT count(*) FROM appeals WHERE received_at >= ? AND received_at < ?', [0, 1], 'appeals_received'],
    ['overdue', "SELECT count(*) FROM appeals WHERE status IN ('new','assigned') AND deadline_at < ?", [0], 'appeals_status_deadline'],
    ['municipality history', 'SELECT count(*) FROM appeals WHERE municipality_id = ? AND received_at >= ?', ['x', 0], 'appeals_municipality_received'],
    ['sector history', 'SELECT count(*) FROM appeals WHERE sector_id = ? AND received_at >= ?', ['x', 0], 'appeals_sector_received'],
    ['upsert key', 'SELECT id FROM appeals WHERE source_id = ? AND external_id = ?', ['s', 'e'], 'sqlite_autoindex_appeals_1'],
    ['appeal history', 'SELECT * FROM appeal_events WHERE appeal_id = ? ORDER BY at', [1], 'appeal_events_appeal'],
  ])('%s uses %s', (_name, sql, params, index) => {
    expect(plan(db, sql, params)).toMatch(new RegExp(`USING (COVERING )?INDEX ${index}\\b`));
  });

  it('the queue filtered by status and deadline uses an index, not a scan', () => {
    const { where, params } = filterSql({ overdue: true }, Date.now());
    expect(plan(db, `SELECT id FROM appeals ${where}`, params)).toMatch(/USING (COVERING )?INDEX appeals_status_deadline/);
  });
});
