/**
 * The briefing's aggregates ("cells"): sums per municipality × category × sector × body, and per
 * municipality × time bucket, for a period and the one it is compared with.
 *
 * Local days come from roll_brief (migration 0009, kept by the fold); only the ragged parts are
 * read from raw rows, grouped in SQL: hour-bucketed periods ("today" and its yesterday), the part
 * of a day where a period ends mid-day (added, or subtracted from the rollup's whole day when the
 * rest of the day is the smaller part: always for today, whose rest lies after now), and appeals
 * written but not yet folded. Whether an open appeal is overdue depends on "now", so the rollup
 * counts only settled ones; the open ones' deadlines are read from the partial index of open
 * appeals, on whichever side of now fewer of them lie. On a 30-million-appeal cache this reads
 * about two days of rows instead of two months of them.
 */
import { OPEN_STATUSES } from '../../../shared/domain';
import { DAY_MS, HOUR_MS } from '../../../shared/time';
import { ensureFolded } from '../analytics/fold';
import type { Db } from '../db/open';
import { type BriefingPeriod, bucketMs } from './periods';

export interface Acc {
  n: number;
  responded: number;
  respMs: number;
  resolved: number;
  overdue: number;
  open: number;
}

/** One group of a period's appeals: its keys, and the sums an accumulator holds. */
export interface Cell extends Acc {
  m: string | null;
  c: string | null;
  s: string | null;
  a: string | null;
  /** Bucket index from the start of its own period (current or previous). */
  b: number;
  cur: 0 | 1;
}

/** The period's aggregates: by territory × kind × body (b = 0), and by territory × time bucket. */
export interface PeriodCells {
  cells: Cell[];
  series: Cell[];
}

const OPEN_SQL = `(${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/**
 * The sums of roll_brief (same columns, same order) over raw rows. Overdue: a settled appeal whose
 * deadline passed before it was resolved (or, unresolved, answered); an open one past its deadline now.
 */
const RAW_SUMS = `count(*), sum(status IN ${OPEN_SQL}), sum(status = 'closed' OR resolved_at IS NOT NULL), count(first_response_at),
  coalesce(sum(max(first_response_at - received_at, 0)), 0),
  sum(CASE WHEN status IN ${OPEN_SQL} THEN coalesce(deadline_at < @now, 0)
    ELSE coalesce(deadline_at < coalesce(resolved_at, first_response_at), 0) END)`;
// better-sqlite3 binds every JS number as REAL: arithmetic casts its parameters back, or integer
// division would become a fraction and every row its own group.
const KEYS = 'municipality_id, category_id, sector_id, agency_id';
/** roll_brief keeps '' where the appeal has no value. */
const BRIEF_KEYS = `nullif(municipality_id, ''), nullif(category_id, ''), nullif(sector_id, ''), nullif(agency_id, '')`;
const BRIEF_SUMS = 'sum(n), sum(open_n), sum(resolved_n), sum(responded_n), sum(response_ms), sum(overdue_n + CAST(@withOpen AS INTEGER) * open_n)';

/** m, c, s, a, slot (hour or day number), then n, open, resolved, responded, response ms, overdue. */
type SumRow = [m: string | null, c: string | null, s: string | null, a: string | null, slot: number, n: number, open: number, resolved: number, responded: number, respMs: number, overdue: number];

/** What one range (a period's current or previous part) takes from where. */
interface Part {
  agg: Agg;
  cur: 0 | 1;
  from: number;
  to: number;
  origin: number;
  step: number;
  /**
   * Local days [d0, d1) read from roll_brief, covering [from, to) of the range; absent: all of it
   * from raw rows. The last day may be partial: then its part after the range (`minus`) is read
   * from raw rows and subtracted, when that part is the smaller one (always for a range ending now).
   */
  days?: { d0: number; d1: number; from: number; to: number; minus?: [number, number] };
}

interface Agg {
  cells: Map<number, Cell>;
  series: Map<number, Cell>;
}

/** Small integer ids for the keys, so that group keys are numbers, not concatenations. */
function interner() {
  const ids = new Map<string | null, number>();
  return (value: string | null): number => {
    let id = ids.get(value);
    if (id === undefined) ids.set(value, (id = ids.size));
    return id;
  };
}

// Key spaces: municipalities, categories, sectors and bodies each well under 4096 in any region.
const K = 4096;

function cellOf(map: Map<number, Cell>, key: number, m: string | null, c: string | null, s: string | null, a: string | null, b: number, cur: 0 | 1): Cell {
  let cell = map.get(key);
  if (!cell) map.set(key, (cell = { m, c, s, a, b, cur, n: 0, responded: 0, respMs: 0, resolved: 0, overdue: 0, open: 0 }));
  return cell;
}

function addSums(cell: Cell, r: SumRow, sign: 1 | -1): void {
  cell.n += sign * r[5];
  cell.open += sign * r[6];
  cell.resolved += sign * r[7];
  cell.responded += sign * r[8];
  cell.respMs += sign * r[9];
  cell.overdue += sign * r[10];
}

const text = (v: string | null) => v ?? '';
const compareCells = (x: Cell, y: Cell): number =>
  y.cur - x.cur || text(x.m).localeCompare(text(y.m)) || text(x.c).localeCompare(text(y.c)) || text(x.s).localeCompare(text(y.s)) ||
  text(x.a).localeCompare(text(y.a)) || x.b - y.b;

/**
 * Cells in one canonical order, whichever path produced them: the pages break ties (equal counts,
 * a category filed under two sectors) by the order of cells, and both paths must give the same page.
 */
export function canonical(found: PeriodCells): PeriodCells {
  return { cells: found.cells.sort(compareCells), series: found.series.sort(compareCells) };
}

function tableExists(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(name) === 1;
}

/** Prepared once per handle; `scan` aggregates several periods in one pass over each source. */
export function prepareBriefingCells(db: Db) {
  const rawHours = db.prepare(
    `SELECT ${KEYS}, (received_at - CAST(@phase AS INTEGER)) / ${HOUR_MS}, ${RAW_SUMS}
     FROM appeals WHERE received_at >= @from AND received_at < @to GROUP BY 1, 2, 3, 4, 5`,
  ).raw();
  const hasRollup = tableExists(db, 'roll_brief') && tableExists(db, 'appeals_fold') && tableExists(db, 'analytics_zone');
  const rollup = hasRollup
    ? {
        zoneOffset: db.prepare('SELECT offset_ms FROM analytics_zone WHERE id = 1').pluck(),
        folded: db.prepare('SELECT folded_id FROM appeals_fold WHERE id = 1').pluck(),
        top: db.prepare('SELECT coalesce(max(id), 0) FROM appeals').pluck(),
        // Summed in SQL per range of days: a month is some 45 000 rows of the rollup. `@withOpen`
        // counts every open appeal as overdue (those still in time are then subtracted).
        cellsOfDays: db.prepare(
          `SELECT ${BRIEF_KEYS}, 0, ${BRIEF_SUMS} FROM roll_brief WHERE day >= @d0 AND day < @d1 GROUP BY 1, 2, 3, 4`,
        ).raw(),
        seriesOfDays: db.prepare(
          `SELECT nullif(municipality_id, ''), NULL, NULL, NULL, day, ${BRIEF_SUMS} FROM roll_brief WHERE day >= @d0 AND day < @d1 GROUP BY 1, 5`,
        ).raw(),
        // Open appeals are counted by the rollup, but not as overdue: that depends on now. Either
        // side of now is read, whichever has fewer open appeals (a backlog is mostly overdue).
        openSides: db.prepare(
          `SELECT (SELECT count(*) FROM appeals INDEXED BY appeals_open_deadline WHERE status IN ${OPEN_SQL}),
             (SELECT count(*) FROM appeals INDEXED BY appeals_open_deadline WHERE status IN ${OPEN_SQL} AND (deadline_at IS NULL) = 0 AND deadline_at < @now)`,
        ).raw(),
        openOverdue: db.prepare(
          `SELECT ${KEYS}, (received_at + CAST(@offset AS INTEGER)) / ${DAY_MS}, 0, 0, 0, 0, 0, count(*) FROM appeals
           WHERE status IN ${OPEN_SQL} AND deadline_at < @now AND received_at >= @from AND received_at < @to AND id <= @folded
           GROUP BY 1, 2, 3, 4, 5`,
        ).raw(),
        openInTime: db.prepare(
          `SELECT ${KEYS}, (received_at + CAST(@offset AS INTEGER)) / ${DAY_MS}, 0, 0, 0, 0, 0, count(*) FROM (
             SELECT ${KEYS}, received_at FROM appeals INDEXED BY appeals_open_deadline
             WHERE status IN ${OPEN_SQL} AND (deadline_at IS NULL) = 1 AND received_at >= @from AND received_at < @to AND id <= @folded
             UNION ALL
             SELECT ${KEYS}, received_at FROM appeals INDEXED BY appeals_open_deadline
             WHERE status IN ${OPEN_SQL} AND (deadline_at IS NULL) = 0 AND deadline_at >= @now AND received_at >= @from AND received_at < @to AND id <= @folded)
           GROUP BY 1, 2, 3, 4, 5`,
        ).raw(),
        // Rows a writer has not folded yet (a read-only handle cannot fold them): by id, not by time.
        unfolded: db.prepare(
          `SELECT ${KEYS}, (received_at - CAST(@phase AS INTEGER)) / ${HOUR_MS}, ${RAW_SUMS}
           FROM appeals WHERE id > @folded AND +received_at >= @from AND +received_at < @to GROUP BY 1, 2, 3, 4, 5`,
        ).raw(),
      }
    : null;

  /** The local days of [from, to) to read from the rollup, if its buckets are those days. */
  function wholeDays(from: number, to: number, origin: number, step: number, offset: number | null, now: number): Part['days'] {
    if (offset === null || step !== DAY_MS || to <= from) return undefined;
    if ((((origin + offset) % DAY_MS) + DAY_MS) % DAY_MS !== 0) return undefined;
    const d0 = Math.ceil((from + offset) / DAY_MS);
    let d1 = Math.floor((to + offset) / DAY_MS);
    const start = (d: number) => d * DAY_MS - offset;
    // The last partial day: the rollup's whole day less the rest of it, if the rest holds fewer
    // appeals: if it is shorter, or lies after now (appeals dated in the future are a handful).
    let minus: [number, number] | undefined;
    if (start(d1) < to && (to >= now || start(d1 + 1) - to < to - start(d1))) {
      minus = [to, start(d1 + 1)];
      d1++;
    }
    return d0 < d1 ? { d0, d1, from: start(d0), to: start(d1), minus } : undefined;
  }

  /** What the last scan read, for tests and the benchmark's log. */
  const last = { rolledDays: 0, rawPieces: 0, rawGroups: 0, unfoldedGroups: 0, openRead: '', rawMs: 0, rollupMs: 0, openOverdueMs: 0 };

  function scanInside(periods: readonly BriefingPeriod[], now: number): PeriodCells[] {
    Object.assign(last, { rolledDays: 0, rawPieces: 0, rawGroups: 0, unfoldedGroups: 0, openRead: '', rawMs: 0, rollupMs: 0, openOverdueMs: 0 });
    let t = performance.now();
    const lap = () => Math.round(-t + (t = performance.now()));
    const aggs: Agg[] = periods.map(() => ({ cells: new Map(), series: new Map() }));
    const idOf = interner();
    const putCell = (part: Part, r: SumRow, sign: 1 | -1) => {
      const key = (((idOf(r[0]) * K + idOf(r[1])) * K + idOf(r[2])) * K + idOf(r[3])) * 2 + part.cur;
      addSums(cellOf(part.agg.cells, key, r[0], r[1], r[2], r[3], 0, part.cur), r, sign);
    };
    const putSeries = (part: Part, r: SumRow, b: number, sign: 1 | -1) => {
      addSums(cellOf(part.agg.series, (idOf(r[0]) * 100_000 + b) * 2 + part.cur, r[0], null, null, null, b, part.cur), r, sign);
    };
    const put = (part: Part, r: SumRow, b: number, sign: 1 | -1 = 1) => {
      putCell(part, r, sign);
      putSeries(part, r, b, sign);
    };

    const offset = rollup ? ((rollup.zoneOffset.get() as number | undefined) ?? null) : null;
    const parts: Part[] = [];
    periods.forEach((period, i) => {
      const step = bucketMs(period.bucket);
      for (const [cur, from, to] of [[1, period.from, period.to], [0, period.prevFrom, period.prevTo]] as const) {
        if (to <= from) continue;
        parts.push({ agg: aggs[i]!, cur, from, to, origin: from, step, days: wholeDays(from, to, from, step, offset, now) });
      }
    });

    // Raw pieces, each read once (today so far serves the day, the week and the month), grouped by
    // hour: hours never straddle a bucket when the bucket's origin is on the same hour phase.
    const pieces = new Map<string, { from: number; to: number; phase: number; users: { part: Part; sign: 1 | -1 }[] }>();
    for (const part of parts) {
      const phase = ((part.origin % HOUR_MS) + HOUR_MS) % HOUR_MS;
      const { days } = part;
      const ranges: [number, number, 1 | -1][] = !days
        ? [[part.from, part.to, 1]]
        : [[part.from, days.from, 1], days.minus ? [...days.minus, -1] : [days.to, part.to, 1]];
      for (const [from, to, sign] of ranges) {
        if (from >= to) continue;
        const key = `${from}:${to}:${phase}`;
        let piece = pieces.get(key);
        if (!piece) pieces.set(key, (piece = { from, to, phase, users: [] }));
        piece.users.push({ part, sign });
      }
    }
    for (const piece of pieces.values()) {
      last.rawPieces++;
      for (const r of rawHours.iterate({ from: piece.from, to: piece.to, phase: piece.phase, now }) as IterableIterator<SumRow>) {
        last.rawGroups++;
        const start = r[4] * HOUR_MS + piece.phase;
        for (const { part, sign } of piece.users) put(part, r, Math.floor((start - part.origin) / part.step), sign);
      }
    }
    last.rawMs = lap();

    const rolled = parts.filter((p) => p.days);
    if (rollup && offset !== null && rolled.length) {
      const d0 = Math.min(...rolled.map((p) => p.days!.d0));
      const d1 = Math.max(...rolled.map((p) => p.days!.d1));
      const lo = d0 * DAY_MS - offset;
      const hi = d1 * DAY_MS - offset;
      const folded = rollup.folded.get() as number;
      last.rolledDays = d1 - d0;
      const byDay = (r: SumRow, sign: 1 | -1 = 1) => {
        const day = r[4];
        for (const part of rolled) if (day >= part.days!.d0 && day < part.days!.d1) put(part, r, day - (part.origin + offset) / DAY_MS, sign);
      };
      const [open, overdue] = rollup.openSides.get({ now }) as [number, number];
      // Either every open appeal counts as overdue less those still in time, or none does plus the overdue ones.
      const fromInTime = open - overdue < overdue;
      last.openRead = fromInTime ? 'in-time' : 'overdue';
      for (const part of rolled) {
        const { d0: from, d1: to } = part.days!;
        const args = { d0: from, d1: to, withOpen: fromInTime ? 1 : 0 };
        for (const r of rollup.cellsOfDays.iterate(args) as IterableIterator<SumRow>) putCell(part, r, 1);
        const originDay = (part.origin + offset) / DAY_MS;
        for (const r of rollup.seriesOfDays.iterate(args) as IterableIterator<SumRow>) putSeries(part, r, r[4] - originDay, 1);
      }
      last.rollupMs = lap();
      // `n` and `open` of these rows are already in the rollup: only their overdue counts here.
      const args = { offset, now, from: lo, to: hi, folded };
      if (fromInTime) for (const r of rollup.openInTime.iterate(args) as IterableIterator<SumRow>) byDay(r, -1);
      else for (const r of rollup.openOverdue.iterate(args) as IterableIterator<SumRow>) byDay(r);
      last.openOverdueMs = lap();
      if ((rollup.top.get() as number) > folded) {
        const phase = ((-offset % HOUR_MS) + HOUR_MS) % HOUR_MS;
        for (const r of rollup.unfolded.iterate({ folded, from: lo, to: hi, phase, now }) as IterableIterator<SumRow>) {
          last.unfoldedGroups++;
          const start = r[4] * HOUR_MS + phase;
          for (const part of rolled) {
            if (start >= part.days!.from && start < part.days!.to) put(part, r, Math.floor((start - part.origin) / part.step));
          }
        }
      }
    }
    // A group whose appeals all lie in a subtracted rest of a day nets to nothing: it is not there.
    const present = (map: Map<number, Cell>) => [...map.values()].filter((c) => c.n !== 0);
    return aggs.map((agg) => canonical({ cells: present(agg.cells), series: present(agg.series) }));
  }

  return {
    /** Whether whole days can come from roll_brief at all (a cache from before migration 0009 cannot). */
    hasRollup: rollup !== null,
    last: last as Readonly<typeof last>,
    scan(periods: readonly BriefingPeriod[], now: number): PeriodCells[] {
      if (rollup) ensureFolded(db);
      // One read transaction: the rollup, the watermark and the raw rows are one state of the cache.
      return db.transaction(() => scanInside(periods, now))();
    },
  };
}
