// Building an Intl.DateTimeFormat costs far more than formatting with it, and callers ask for the
// same zone again and again (the simulator for every record it renders): keep one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
// Zones change offset only on quarter-hour boundaries, so an offset holds for its whole quarter hour.
const QUARTER_HOUR_MS = 900_000;
const offsets = new Map<string, number>();

/** Offset of a time zone from UTC at a given instant, in milliseconds (Intl knows the zone's rules). */
export function zoneOffsetMs(at: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(at / QUARTER_HOUR_MS)}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const offset = asUtc - Math.floor(at / 1000) * 1000;
  if (offsets.size >= 4096) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** Start of the calendar day containing `at` in the region's time zone. */
export function startOfDay(at: number, timeZone: string): number {
  const offset = zoneOffsetMs(at, timeZone);
  const local = at + offset;
  return local - (((local % 86_400_000) + 86_400_000) % 86_400_000) - offset;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
