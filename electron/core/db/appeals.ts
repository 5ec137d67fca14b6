import { latLngToCell } from 'h3-js';
import type { AppealFilter, AppealPage, AppealQuery } from '../../../shared/api/appeals';
import type { Appeal, AppealEvent, AppealStatus } from '../../../shared/domain';
import { OPEN_STATUSES } from '../../../shared/domain';
import type { Db } from './open';

/** Resolution of the H3 cell stored with each appeal (~5 km², a district-scale hexagon). */
export const H3_RESOLUTION = 7;

/** A normalized appeal as a connector (or the demo) hands it to the cache. */
export interface AppealInput {
  sourceId: string;
  externalId: string;
  channel: string;
  receivedAt: number;
  /** The source's own last-modified time: orders updates so an older one never wins. */
  sourceUpdatedAt: number;
  text: string;
  categoryId: string | null;
  sectorId?: string | null;
  municipalityId: string | null;
  address: string | null;
  lon: number | null;
  lat: number | null;
  status: AppealStatus;
  agencyId?: string | null;
  deadlineAt?: number | null;
  firstResponseAt?: number | null;
  resolvedAt?: number | null;
  escalated?: boolean;
  priority?: number;
  author?: { name: string | null; phone: string | null; email: string | null } | null;
}

export interface CategoryRules {
  sectorOf: Map<string, string>;
  deadlineHoursOf: Map<string, number | null>;
}

export function loadCategoryRules(db: Db): CategoryRules {
  const rows = db.prepare('SELECT id, sector_id, deadline_hours FROM categories').all() as {
    id: string;
    sector_id: string;
    deadline_hours: number | null;
  }[];
  return {
    sectorOf: new Map(rows.map((r) => [r.id, r.sector_id])),
    deadlineHoursOf: new Map(rows.map((r) => [r.id, r.deadline_hours])),
  };
}

export interface UpsertResult {
  inserted: number;
  updated: number;
  unchanged: number;
  changedIds: number[];
}

/**
 * Prepares the idempotent upsert once per handle. A re-sent record changes nothing; an update older
 * than what the cache holds (by the source's own timestamp) is ignored. Call inside a transaction.
 */
export function prepareAppealUpsert(db: Db, rules: CategoryRules) {
  const upsert = db.prepare(`
    INSERT INTO appeals (source_id, external_id, channel, received_at, created_at, updated_at, source_updated_at,
      text, category_id, sector_id, municipality_id, address, lon, lat, h3, status, agency_id, deadline_at,
      first_response_at, resolved_at, escalated, priority)
    VALUES (@sourceId, @externalId, @channel, @receivedAt, @now, @now, @sourceUpdatedAt,
      @text, @categoryId, @sectorId, @municipalityId, @address, @lon, @lat, @h3, @status, @agencyId, @deadlineAt,
      @firstResponseAt, @resolvedAt, @escalated, @priority)
    ON CONFLICT (source_id, external_id) DO UPDATE SET
      channel = excluded.channel, updated_at = excluded.updated_at, source_updated_at = excluded.source_updated_at,
      text = excluded.text, category_id = excluded.category_id, sector_id = excluded.sector_id,
      municipality_id = excluded.municipality_id, address = excluded.address, lon = excluded.lon, lat = excluded.lat,
      h3 = excluded.h3, status = excluded.status, agency_id = coalesce(excluded.agency_id, appeals.agency_id),
      deadline_at = excluded.deadline_at, first_response_at = coalesce(appeals.first_response_at, excluded.first_response_at),
      resolved_at = excluded.resolved_at, escalated = max(appeals.escalated, excluded.escalated),
      priority = excluded.priority, version = appeals.version + 1
    WHERE excluded.source_updated_at > appeals.source_updated_at
    RETURNING id, version`);
  const event = db.prepare(
    'INSERT INTO appeal_events (appeal_id, at, kind, actor, data) VALUES (?, ?, ?, ?, ?)',
  );
  const author = db.prepare(
    `INSERT INTO appeal_authors (appeal_id, name, phone, email) VALUES (?, ?, ?, ?)
     ON CONFLICT (appeal_id) DO UPDATE SET name = excluded.name, phone = excluded.phone, email = excluded.email`,
  );

  return (records: readonly AppealInput[], now = Date.now()): UpsertResult => {
    const result: UpsertResult = { inserted: 0, updated: 0, unchanged: 0, changedIds: [] };
    for (const r of records) {
      const categoryId = r.categoryId && rules.sectorOf.has(r.categoryId) ? r.categoryId : null;
      const hours = categoryId ? rules.deadlineHoursOf.get(categoryId) : null;
      const row = upsert.get({
        sourceId: r.sourceId,
        externalId: r.externalId,
        channel: r.channel,
        receivedAt: r.receivedAt,
        now,
        sourceUpdatedAt: r.sourceUpdatedAt,
        text: r.text,
        categoryId,
        sectorId: r.sectorId ?? (categoryId ? rules.sectorOf.get(categoryId) : null) ?? null,
        municipalityId: r.municipalityId,
        address: r.address,
        lon: r.lon,
        lat: r.lat,
        h3: r.lat !== null && r.lon !== null ? latLngToCell(r.lat, r.lon, H3_RESOLUTION) : null,
        status: r.status,
        agencyId: r.agencyId ?? null,
        deadlineAt: r.deadlineAt ?? (hours ? r.receivedAt + hours * 3_600_000 : null),
        firstResponseAt: r.firstResponseAt ?? null,
        resolvedAt: r.resolvedAt ?? null,
        escalated: r.escalated ? 1 : 0,
        priority: r.priority ?? 0,
      }) as { id: number; version: number } | undefined;
      if (!row) {
        result.unchanged++;
        continue;
      }
      const isNew = row.version === 1;
      if (isNew) result.inserted++;
      else result.updated++;
      result.changedIds.push(row.id);
      event.run(row.id, now, isNew ? 'received' : 'source-update', r.sourceId, isNew ? null : JSON.stringify({ status: r.status }));
      if (r.author) author.run(row.id, r.author.name, r.author.phone, r.author.email);
    }
    return result;
  };
}

const APPEAL_COLUMNS = `id, source_id AS sourceId, external_id AS externalId, channel, received_at AS receivedAt,
  created_at AS createdAt, updated_at AS updatedAt, text, category_id AS categoryId, sector_id AS sectorId,
  municipality_id AS municipalityId, address, lon, lat, status, agency_id AS agencyId, deadline_at AS deadlineAt,
  first_response_at AS firstResponseAt, resolved_at AS resolvedAt, escalated, priority, version`;

type AppealRow = Omit<Appeal, 'escalated'> & { escalated: number };
const toAppeal = (row: AppealRow): Appeal => ({ ...row, escalated: row.escalated === 1 });

const OPEN_SQL = `(${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

function inList(column: string, values: readonly string[] | undefined, params: unknown[]): string | null {
  if (!values || values.length === 0) return null;
  params.push(...values);
  return `${column} IN (${values.map(() => '?').join(', ')})`;
}

/** Builds the WHERE clause of the queue's filter; every branch can use an index on its own. */
export function filterSql(filter: AppealFilter, now: number): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const clauses = [
    inList('source_id', filter.sourceIds, params),
    inList('sector_id', filter.sectorIds, params),
    inList('category_id', filter.categoryIds, params),
    inList('municipality_id', filter.municipalityIds, params),
    inList('agency_id', filter.agencyIds, params),
    inList('status', filter.statuses, params),
  ].filter((c): c is string => c !== null);
  if (filter.escalated !== undefined) clauses.push(filter.escalated ? 'escalated = 1' : 'escalated = 0');
  if (filter.overdue) {
    clauses.push(`status IN ${OPEN_SQL} AND deadline_at < ?`);
    params.push(now);
  }
  if (filter.dueWithinHours !== undefined) {
    clauses.push(`status IN ${OPEN_SQL} AND deadline_at >= ? AND deadline_at < ?`);
    params.push(now, now + filter.dueWithinHours * 3_600_000);
  }
  if (filter.receivedFrom !== undefined) {
    clauses.push('received_at >= ?');
    params.push(filter.receivedFrom);
  }
  if (filter.receivedTo !== undefined) {
    clauses.push('received_at < ?');
    params.push(filter.receivedTo);
  }
  if (filter.search && filter.search.trim()) {
    clauses.push("text LIKE ? ESCAPE '\\'");
    params.push(`%${filter.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const ORDER_BY = {
  received: 'received_at DESC, id DESC',
  deadline: 'deadline_at IS NULL, deadline_at ASC, id ASC',
  priority: 'priority DESC, received_at DESC, id DESC',
} as const;

export function queryAppeals(db: Db, query: Required<AppealQuery>, now = Date.now()): AppealPage {
  const { where, params } = filterSql(query.filter, now);
  const total = (db.prepare(`SELECT count(*) AS n FROM appeals ${where}`).get(...params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT ${APPEAL_COLUMNS} FROM appeals ${where} ORDER BY ${ORDER_BY[query.sort]} LIMIT ? OFFSET ?`)
    .all(...params, query.limit, query.offset) as AppealRow[];
  return { total, rows: rows.map(toAppeal) };
}

export function getAppeal(db: Db, id: number): Appeal | null {
  const row = db.prepare(`SELECT ${APPEAL_COLUMNS} FROM appeals WHERE id = ?`).get(id) as AppealRow | undefined;
  return row ? toAppeal(row) : null;
}

export function getAppealEvents(db: Db, id: number): AppealEvent[] {
  return db
    .prepare('SELECT id, appeal_id AS appealId, at, kind, actor, data FROM appeal_events WHERE appeal_id = ? ORDER BY at, id')
    .all(id) as AppealEvent[];
}

export function countAppeals(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM appeals').get() as { n: number }).n;
}
