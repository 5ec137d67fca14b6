import { describe, expect, it } from 'vitest';
import type { AppealFilter, AppealSort } from '../../../shared/api/appeals';
import { filterSql, ORDER_BY, pageSql } from '../../../electron/core/db/appeals';
import { openDatabase } from '../../../electron/core/db/open';

const db = openDatabase(':memory:');
db.exec('ANALYZE');
const NOW = Date.now();
/** A region-scale cache: thirty million appeals, half a million of them open. */
const SIZES = { all: 30_000_000, open: 500_000 };

function plan(filter: AppealFilter, sort: AppealSort | null): string {
  const { where, params } = filterSql(filter, NOW);
  const sql = sort ? `SELECT id FROM appeals ${where} ORDER BY ${ORDER_BY[sort]} LIMIT 100` : `SELECT count(*) FROM appeals ${where}`;
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');
}

describe('query plans of the operator queue', () => {
  it.each([
    ['category', { categoryIds: ['snow'] }, 'appeals_category_received'],
    ['agency', { agencyIds: ['gzhi'] }, 'appeals_agency_received'],
    ['status', { statuses: ['new'] }, 'appeals_status_(received|deadline)'],
    ['municipality', { municipalityIds: ['m'] }, 'appeals_municipality_received'],
    ['source', { sourceIds: ['pos'] }, 'appeals_source_received'],
    ['sector', { sectorIds: ['housing'] }, 'appeals_sector_'],
    ['escalated', { escalated: true }, 'appeals_escalated'],
    ['overdue', { overdue: true }, 'appeals_(status_deadline|sector_status_deadline)'],
    ['date range', { receivedFrom: 0, receivedTo: 1 }, 'appeals_received'],
  ] as [string, AppealFilter, string][])('counting by %s uses an index', (_name, filter, index) => {
    const detail = plan(filter, null);
    expect(detail).toMatch(new RegExp(`USING (COVERING )?INDEX ${index}`));
    expect(detail).not.toMatch(/SCAN appeals(?! USING)/);
  });

  it.each(['received', 'deadline', 'priority'] as const)('the first page by %s reads an index in order, without sorting', (sort) => {
    const detail = plan({}, sort);
    expect(detail).not.toMatch(/TEMP B-TREE/);
    expect(detail).toMatch(/USING (COVERING )?INDEX appeals_/);
  });

  it.each([
    ['overdue', { overdue: true }],
    ['open statuses of some sectors', { statuses: ['new', 'assigned'], sectorIds: ['housing', 'roads'] }],
    ['a common word', { search: 'отопление' }],
  ] as [string, AppealFilter][])('a first page of many matches (%s) reads the order index instead of sorting them', (_name, filter) => {
    for (const sort of ['received', 'deadline', 'priority'] as const) {
      const { where, params } = filterSql(filter, NOW, sort);
      const detail = (db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM appeals ${where} ORDER BY ${ORDER_BY[sort]} LIMIT 100`).all(...params) as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
      expect(detail, sort).not.toMatch(/TEMP B-TREE/);
    }
  });

  it.each([
    ['overdue', { overdue: true }],
    ['due within 4 h', { dueWithinHours: 4 }],
    ['new in housing', { statuses: ['new'], sectorIds: ['housing'] }],
  ] as [string, AppealFilter][])('a first page of many open appeals (%s) by deadline walks the index of open appeals only', (_name, filter) => {
    const page = pageSql(filter, 'deadline', NOW, { total: 50_001, capped: true, sizes: SIZES, wanted: 100 });
    const detail = (db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM ${page.from} ${page.where} ORDER BY ${ORDER_BY.deadline} LIMIT 100`).all(...page.params) as { detail: string }[])
      .map((r) => r.detail)
      .join('\n');
    expect(detail).toMatch(/INDEX appeals_open_deadline/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
    // A filter that closed appeals can match keeps the whole table's order index.
    expect(pageSql({ statuses: ['new', 'closed'] }, 'deadline', NOW, { total: 50_001, capped: true, sizes: SIZES, wanted: 100 }).from).toBe('appeals');
    // A few thousand matches among half a million open appeals: sorting them reads fewer rows.
    expect(pageSql(filter, 'deadline', NOW, { total: 6_000, capped: false, sizes: SIZES, wanted: 100 }).from).toBe('appeals');
  });

  it('searches through the full-text index, never a LIKE scan of the texts', () => {
    const { where } = filterSql({ search: 'отоплением' }, NOW);
    expect(where).toContain('appeals_fts MATCH');
    expect(where).not.toMatch(/LIKE/);
    expect(plan({ search: 'отоплением' }, null)).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
  });

  it('counts an operator’s own sectors by status from the index alone', () => {
    expect(plan({ sectorIds: ['housing', 'roads'], statuses: ['new'] }, null)).toMatch(/COVERING INDEX appeals_sector_status_deadline/);
  });
});
