import { latLngToCell } from 'h3-js';
import { type AppealFilter, type AppealPage, type AppealQuery, type AppealSort, COUNT_CAP } from '../../../shared/api/appeals';
import type { Appeal, AppealEvent, AppealStatus } from '../../../shared/domain';
import { OPEN_STATUSES } from '../../../shared/domain';
import type { Statement } from 'better-sqlite3';
import { foldAppeals } from '../analytics/fold';
import { ftsMatch } from '../operator/fts';
import { flushFtsPending } from '../operator/ftsIndex';
import { type AttachmentInput, prepareAttachmentWrite } from './attachments';
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
  /** The source's list of files; absent when the source has none to tell (the cached list stays). */
  attachments?: AttachmentInput[];
  /** The appeal's page at the source (absolute http(s) only); absent or null keeps the cached one. */
  sourceUrl?: string | null;
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
 * than what the cache holds (by the source's own timestamp) is ignored. Call inside a transaction:
 * new rows are folded into rollups and deadlines at the end of each call (analytics/fold.ts).
 */
export function prepareAppealUpsert(db: Db, rules: CategoryRules) {
  const upsert = db.prepare(`
    INSERT INTO appeals (source_id, external_id, channel, received_at, created_at, updated_at, source_updated_at,
      text, category_id, sector_id, municipality_id, address, lon, lat, h3, status, agency_id, deadline_at,
      first_response_at, resolved_at, escalated, priority, source_url)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (source_id, external_id) DO UPDATE SET
      channel = excluded.channel, updated_at = excluded.updated_at, source_updated_at = excluded.source_updated_at,
      text = excluded.text, category_id = excluded.category_id, sector_id = excluded.sector_id,
      municipality_id = excluded.municipality_id, address = excluded.address, lon = excluded.lon, lat = excluded.lat,
      h3 = excluded.h3, status = excluded.status, agency_id = coalesce(excluded.agency_id, appeals.agency_id),
      deadline_at = excluded.deadline_at, first_response_at = coalesce(appeals.first_response_at, excluded.first_response_at),
      resolved_at = excluded.resolved_at, escalated = max(appeals.escalated, excluded.escalated),
      priority = excluded.priority, source_url = coalesce(excluded.source_url, appeals.source_url),
      version = appeals.version + 1
    WHERE excluded.source_updated_at > appeals.source_updated_at
    RETURNING id, version`).raw();
  const event = db.prepare(
    'INSERT INTO appeal_events (appeal_id, at, kind, actor, data) VALUES (?, ?, ?, ?, ?)',
  );
  const author = db.prepare(
    `INSERT INTO appeal_authors (appeal_id, name, phone, email) VALUES (?, ?, ?, ?)
     ON CONFLICT (appeal_id) DO UPDATE SET name = excluded.name, phone = excluded.phone, email = excluded.email`,
  );
  const attachments = prepareAttachmentWrite(db);

  return (records: readonly AppealInput[], now = Date.now()): UpsertResult => {
    const result: UpsertResult = { inserted: 0, updated: 0, unchanged: 0, changedIds: [] };
    for (const r of records) {
      const categoryId = r.categoryId && rules.sectorOf.has(r.categoryId) ? r.categoryId : null;
      const hours = categoryId ? rules.deadlineHoursOf.get(categoryId) : null;
      // Positional, in the column order above: binding a named object costs more than the insert's own work.
      const row = upsert.get(
        r.sourceId,
        r.externalId,
        r.channel,
        r.receivedAt,
        now,
        now,
        r.sourceUpdatedAt,
        r.text,
        categoryId,
        r.sectorId ?? (categoryId ? rules.sectorOf.get(categoryId) : null) ?? null,
        r.municipalityId,
        r.address,
        r.lon,
        r.lat,
        r.lat !== null && r.lon !== null ? latLngToCell(r.lat, r.lon, H3_RESOLUTION) : null,
        r.status,
        r.agencyId ?? null,
        r.deadlineAt ?? (hours ? r.receivedAt + hours * 3_600_000 : null),
        r.firstResponseAt ?? null,
        r.resolvedAt ?? null,
        r.escalated ? 1 : 0,
        r.priority ?? 0,
        r.sourceUrl ?? null,
      ) as [id: number, version: number] | undefined;
      if (!row) {
        result.unchanged++;
        continue;
      }
      const [id, version] = row;
      const isNew = version === 1;
      if (isNew) result.inserted++;
      else result.updated++;
      result.changedIds.push(id);
      event.run(id, now, isNew ? 'received' : 'source-update', r.sourceId, isNew ? null : JSON.stringify({ status: r.status }));
      if (r.author) author.run(id, r.author.name, r.author.phone, r.author.email);
      if (r.attachments) attachments(id, r.attachments);
    }
    // New rows get their working-day deadlines and enter the rollups in one pass, in this transaction.
    if (result.inserted > 0) foldAppeals(db);
    return result;
  };
}

export const APPEAL_COLUMNS = `id, source_id AS sourceId, external_id AS externalId, channel, received_at AS receivedAt,
  created_at AS createdAt, updated_at AS updatedAt, text, category_id AS categoryId, sector_id AS sectorId,
  municipality_id AS municipalityId, address, lon, lat, status, agency_id AS agencyId, deadline_at AS deadlineAt,
  first_response_at AS firstResponseAt, resolved_at AS resolvedAt, escalated, priority, version`;

export type AppealRow = Omit<Appeal, 'escalated'> & { escalated: number };
export const toAppeal = (row: AppealRow): Appeal => ({ ...row, escalated: row.escalated === 1 });

const OPEN_SQL = `(${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

function inList(column: string, values: readonly string[] | undefined, params: unknown[]): string | null {
  if (!values || values.length === 0) return null;
  params.push(...values);
  return `${column} IN (${values.map(() => '?').join(', ')})`;
}

/**
 * Builds the WHERE clause of the queue's filter; every branch can use an index on its own.
 * With `scanOrder`, the filter's columns are written `+column` so that SQLite cannot drive the query
 * by them and reads the index of that order instead, testing each row: the right plan when a
 * filter matches many rows and only the first page is wanted (sorting them all would cost more).
 */
export function filterSql(
  filter: AppealFilter,
  now: number,
  scanOrder: AppealSort | false = false,
  /** The search as a membership test only, so that another filter's index drives the count. */
  searchAsCheck = false,
): { where: string; params: unknown[] } {
  // The received order's own index also serves a date range and the escalated partial index.
  const c = (column: string) =>
    (scanOrder && !(scanOrder === 'received' && (column === 'received_at' || column === 'escalated'))) || (searchAsCheck && column === 'id')
      ? `+${column}`
      : column;
  const params: unknown[] = [];
  const clauses = [
    inList(c('source_id'), filter.sourceIds, params),
    inList(c('sector_id'), filter.sectorIds, params),
    inList(c('category_id'), filter.categoryIds, params),
    inList(c('municipality_id'), filter.municipalityIds, params),
    inList(c('agency_id'), filter.agencyIds, params),
    inList(c('status'), filter.statuses, params),
  ].filter((clause): clause is string => clause !== null);
  if (filter.escalated !== undefined) clauses.push(`${c('escalated')} = ${filter.escalated ? 1 : 0}`);
  if (filter.overdue) {
    clauses.push(`${c('status')} IN ${OPEN_SQL} AND ${c('deadline_at')} < ?`);
    params.push(now);
  }
  if (filter.dueWithinHours !== undefined) {
    clauses.push(`${c('status')} IN ${OPEN_SQL} AND ${c('deadline_at')} >= ? AND ${c('deadline_at')} < ?`);
    params.push(now, now + filter.dueWithinHours * 3_600_000);
  }
  if (filter.receivedFrom !== undefined) {
    clauses.push(`${c('received_at')} >= ?`);
    params.push(filter.receivedFrom);
  }
  if (filter.receivedTo !== undefined) {
    clauses.push(`${c('received_at')} < ?`);
    params.push(filter.receivedTo);
  }
  const match = filter.search ? ftsMatch(filter.search) : null;
  if (match) {
    // Full-text index (trigram, stems for word forms): never a scan of the texts.
    clauses.push(`${c('id')} IN (SELECT rowid FROM appeals_fts WHERE appeals_fts MATCH ?)`);
    params.push(match);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** Orders of the queue; each matches an index so the first page never sorts the whole table. */
export const ORDER_BY = {
  received: 'received_at DESC, id DESC',
  deadline: '(deadline_at IS NULL), deadline_at ASC, id ASC',
  priority: 'priority DESC, received_at DESC, id DESC',
} as const;

const statements = new WeakMap<Db, Map<string, Statement>>();

/** The queue builds a handful of distinct SQL texts; each is prepared once per handle. */
export function prepared(db: Db, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    if (cache.size > 500) cache.clear();
    cache.set(sql, statement);
  }
  return statement;
}

/** Above this many matches the first page reads the order's index and tests rows; below, it sorts the matches. */
const SCAN_ORDER_FROM = 5_000;
const SEARCH_COUNT_CAP = 10_000;

/** Matching rows, exact up to COUNT_CAP (then COUNT_CAP + 1): the cost is bounded by the cap. */
export function countCapped(db: Db, where: string, params: unknown[], cap = COUNT_CAP): number {
  const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM appeals ${where} LIMIT ${cap + 1})`;
  return (prepared(db, sql).get(...params) as { n: number }).n;
}

export function queryAppeals(db: Db, query: Required<AppealQuery>, now = Date.now()): AppealPage {
  const match = query.filter.search ? ftsMatch(query.filter.search) : null;
  const { where, params } = filterSql(query.filter, now);
  let total: number;
  let cap = COUNT_CAP;
  if (match) {
    flushFtsPending(db);
    // Common words match tens of thousands of appeals: a search is counted to a lower cap.
    cap = SEARCH_COUNT_CAP;
    const found = (prepared(db, `SELECT count(*) AS n FROM (SELECT 1 FROM appeals_fts WHERE appeals_fts MATCH ? LIMIT ${cap + 1})`).get(match) as { n: number }).n;
    const { search: _search, ...rest } = query.filter;
    if (Object.keys(rest).length === 0) {
      // The index mirrors the table, so a search alone is counted in the index without touching rows.
      total = found;
    } else {
      // Drive the count by whichever side is smaller: the search's matches or the other filters' rows.
      const other = filterSql(rest, now);
      const others = countCapped(db, other.where, other.params, cap);
      const driver = found > others ? filterSql(query.filter, now, false, true) : { where, params };
      total = countCapped(db, driver.where, driver.params, cap);
    }
  } else {
    total = countCapped(db, where, params);
  }
  const page = pageSql(query.filter, query.sort, now, { total, capped: total > cap, sizes: indexSizes(db), wanted: query.limit + query.offset });
  const rows = prepared(db, `SELECT ${APPEAL_COLUMNS} FROM ${page.from} ${page.where} ORDER BY ${ORDER_BY[query.sort]} LIMIT ? OFFSET ?`).all(
    ...page.params,
    query.limit,
    query.offset,
  ) as AppealRow[];
  return { total: Math.min(total, cap), capped: total > cap, rows: rows.map(toAppeal) };
}

const OPEN = new Set<string>(OPEN_STATUSES);

/** How many rows the order indexes hold: the whole table's, and the partial one of open appeals. */
export interface IndexSizes {
  all: number;
  open: number;
}

/** Cheap estimates (no count over the table): the highest id, and "in work" from its rollup. */
export function indexSizes(db: Db): IndexSizes {
  return {
    all: prepared(db, 'SELECT coalesce(max(id), 0) FROM appeals').pluck().get() as number,
    open: prepared(db, 'SELECT coalesce(sum(n), 0) FROM roll_open_sector').pluck().get() as number,
  };
}

/**
 * The table, index and filter that read one page of `total` matches in the query's order. Sorting
 * reads every match; walking the order's index and testing each row reads about `wanted × index
 * rows / total` of them: the cheaper plan wins. A capped count means "very many": walk.
 */
export function pageSql(
  filter: AppealFilter,
  sort: AppealSort,
  now: number,
  matches: { total: number; capped: boolean; sizes: IndexSizes; wanted: number },
): { from: string; where: string; params: unknown[] } {
  const { total, capped, sizes, wanted } = matches;
  const walkCheaper = (indexRows: number) => capped || (total > SCAN_ORDER_FROM && (wanted * indexRows) / Math.max(total, 1) < total);
  if (sort === 'deadline' && openOnly(filter)) {
    if (!walkCheaper(sizes.open)) return { from: 'appeals', ...filterSql(filter, now) };
    // Open appeals are the newest, so they sit at the far end of the whole table's deadline index
    // behind years of closed ones; the partial index of open appeals (migration 0009) holds only
    // them, in deadline order. Its WHERE term is repeated as is so that SQLite may use it.
    const scan = filterSql(filter, now, sort);
    return { from: 'appeals INDEXED BY appeals_open_deadline', where: `${scan.where} AND status IN ${OPEN_SQL}`, params: scan.params };
  }
  // Deadlines follow receipt: the matches of a "received since" filter sit at the far end of the
  // deadline index, so walking it would read most of the table before the first match (seconds on
  // millions of rows). Sorting the window's matches is bounded by the window instead.
  if (!walkCheaper(sizes.all) || (sort === 'deadline' && filter.receivedFrom !== undefined)) return { from: 'appeals', ...filterSql(filter, now) };
  return { from: 'appeals', ...filterSql(filter, now, sort) };
}

/** Whether a filter can only match open appeals (the queue's "overdue", "due soon", "new" views). */
function openOnly(filter: AppealFilter): boolean {
  return Boolean(filter.overdue || filter.dueWithinHours !== undefined || (filter.statuses?.length && filter.statuses.every((s) => OPEN.has(s))));
}

/** Rows before an appeal in the query's order: where the queue must scroll to stay on it. */
export function positionOf(db: Db, query: Required<AppealQuery>, id: number, now = Date.now()): number | null {
  const appeal = prepared(db, 'SELECT id, received_at AS r, deadline_at AS d, priority AS p FROM appeals WHERE id = ?').get(id) as
    | { id: number; r: number; d: number | null; p: number }
    | undefined;
  if (!appeal) return null;
  if (query.filter.search) flushFtsPending(db);
  const { where, params } = filterSql(query.filter, now);
  const inQuery = prepared(db, `SELECT 1 FROM appeals ${where ? `${where} AND` : 'WHERE'} id = ?`).get(...params, id);
  if (!inQuery) return null;
  let before: string;
  let extra: unknown[];
  if (query.sort === 'received') {
    before = '(received_at > ? OR (received_at = ? AND id > ?))';
    extra = [appeal.r, appeal.r, id];
  } else if (query.sort === 'priority') {
    before = '(priority > ? OR (priority = ? AND (received_at > ? OR (received_at = ? AND id > ?))))';
    extra = [appeal.p, appeal.p, appeal.r, appeal.r, id];
  } else if (appeal.d === null) {
    before = '(deadline_at IS NOT NULL OR id < ?)';
    extra = [id];
  } else {
    before = '(deadline_at < ? OR (deadline_at = ? AND id < ?))';
    extra = [appeal.d, appeal.d, id];
  }
  const sql = `SELECT count(*) AS n FROM appeals ${where ? `${where} AND` : 'WHERE'} ${before}`;
  return (prepared(db, sql).get(...params, ...extra) as { n: number }).n;
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
