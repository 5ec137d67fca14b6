/** Exponential backoff with "equal jitter" (half fixed, half random), never shorter than Retry-After. */
export function backoffMs(failures: number, base: number, max: number, random: () => number, retryAfterMs: number | null): number {
  const ceiling = Math.min(max, base * 2 ** Math.min(failures - 1, 20));
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  return Math.max(retryAfterMs ?? 0, Math.round(jittered));
}
