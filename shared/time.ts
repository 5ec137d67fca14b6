/** Offset of a time zone from UTC at a given instant, in milliseconds (Intl knows the zone's rules). */
export function zoneOffsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** Start of the calendar day containing `at` in the region's time zone. */
export function startOfDay(at: number, timeZone: string): number {
  const offset = zoneOffsetMs(at, timeZone);
  const local = at + offset;
  return local - (((local % 86_400_000) + 86_400_000) % 86_400_000) - offset;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
