import type { Random } from '../demo/random';

export const FAULT_KINDS = ['500', '429', 'timeout', 'slow', 'truncated', 'malformed', 'duplicates', 'outoforder', 'ackloss'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultOptions {
  kinds: FaultKind[];
  /** Chance that a request meets one of the kinds (each equally likely). */
  rate: number;
  /** Retry-After sent with 429, in seconds. */
  retryAfterSec?: number;
  /** How long a "slow" answer waits, in ms. */
  slowMs?: number;
}

export function parseFaults(list: string | string[] | undefined, rate = 0.1): FaultOptions {
  const words = (Array.isArray(list) ? list : (list ?? '').split(',')).map((w) => w.trim()).filter(Boolean);
  const kinds = words.flatMap((w) => (w === 'all' ? [...FAULT_KINDS] : FAULT_KINDS.includes(w as FaultKind) ? [w as FaultKind] : []));
  const unknown = words.filter((w) => w !== 'all' && !FAULT_KINDS.includes(w as FaultKind));
  if (unknown.length) throw new Error(`unknown fault kinds: ${unknown.join(', ')} (known: ${FAULT_KINDS.join(', ')}, all)`);
  return { kinds, rate };
}

/** The fault this request meets, if any; record-level faults only apply to feed reads. */
export function drawFault(options: FaultOptions, random: Random): FaultKind | null {
  if (options.kinds.length === 0 || !random.chance(options.rate)) return null;
  return random.pick(options.kinds);
}
