/**
 * Short-lived memo for figures of the past that writes rarely touch (days before today, the same
 * hours of past weeks): a late backfill or a status change of an old appeal shows within `ttlMs`.
 * Everything about today and the current hour is always read live.
 */
export function pastCache<V>(ttlMs = 60_000, maxEntries = 256) {
  const entries = new Map<string, { at: number; value: V }>();
  return (key: string, compute: () => V, clock = Date.now()): V => {
    const hit = entries.get(key);
    if (hit && clock - hit.at < ttlMs) return hit.value;
    const value = compute();
    if (entries.size >= maxEntries) entries.clear();
    entries.set(key, { at: clock, value });
    return value;
  };
}
