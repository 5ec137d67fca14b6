import { HOUR_MS } from '../../../shared/time';

/** Adds (sign 1) or subtracts (sign -1) the counts of a range to the caller's accumulator. */
export type AddRange = (from: number, to: number, sign: 1 | -1) => void;

/**
 * Counts [from, to) from an hourly rollup and raw rows: whole hours from the rollup (`hours`, hour
 * numbers [h0, h1)), each ragged edge the cheaper way: its raw rows, or the hour's rollup row minus
 * the raw rest of the hour, whichever has fewer rows by `size` (a count over the received_at index,
 * a fraction of a millisecond). So the live edge (this hour up to now) costs one rollup row, its
 * rest lying in the future. Hours before `firstHour` (past a rollup's retention) are read raw.
 */
export function addHourSpans(
  from: number,
  to: number,
  hours: AddRange,
  raw: AddRange,
  size: (from: number, to: number) => number,
  firstHour = Number.NEGATIVE_INFINITY,
): void {
  if (to <= from) return;
  const edge = (a: number, b: number) => {
    const h = Math.floor(a / HOUR_MS);
    if (h < firstHour || size(a, b) <= size(h * HOUR_MS, a) + size(b, (h + 1) * HOUR_MS)) return raw(a, b, 1);
    hours(h, h + 1, 1);
    raw(h * HOUR_MS, a, -1);
    raw(b, (h + 1) * HOUR_MS, -1);
  };
  const firstWhole = Math.max(Math.ceil(from / HOUR_MS), firstHour);
  const lastWhole = Math.floor(to / HOUR_MS);
  if (firstWhole >= lastWhole) {
    // Within one hour (or all of it before firstHour): one edge, or raw rows throughout.
    if (Math.floor(from / HOUR_MS) === Math.floor((to - 1) / HOUR_MS)) edge(from, to);
    else raw(from, to, 1);
    return;
  }
  hours(firstWhole, lastWhole, 1);
  if (from < firstWhole * HOUR_MS) {
    if (firstWhole * HOUR_MS - from <= HOUR_MS) edge(from, firstWhole * HOUR_MS);
    else raw(from, firstWhole * HOUR_MS, 1);
  }
  if (lastWhole * HOUR_MS < to) edge(lastWhole * HOUR_MS, to);
}
