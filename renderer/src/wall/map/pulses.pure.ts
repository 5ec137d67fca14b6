import type { WallAppeal } from '../../../../shared/domain';

export interface Pulse {
  id: number;
  lon: number;
  lat: number;
  bornAt: number;
  acute: boolean;
}

/** How long a new appeal's ring lives on the map. */
export const PULSE_MS = 3000;
/** A storm must not turn the pulse layer into a point cloud: the oldest rings give way. */
export const MAX_PULSES = 250;

export function addPulses(
  pulses: readonly Pulse[],
  appeals: readonly WallAppeal[],
  now: number,
  isAcute: (a: WallAppeal) => boolean = (a) => a.escalated,
): Pulse[] {
  const born: Pulse[] = [];
  for (const a of appeals) {
    if (a.lon === null || a.lat === null) continue;
    born.push({ id: a.id, lon: a.lon, lat: a.lat, bornAt: now, acute: isAcute(a) });
  }
  if (born.length === 0) return pulses as Pulse[];
  const all = [...livePulses(pulses, now), ...born];
  return all.length > MAX_PULSES ? all.slice(all.length - MAX_PULSES) : all;
}

export function livePulses(pulses: readonly Pulse[], now: number): Pulse[] {
  const first = pulses.findIndex((p) => now - p.bornAt < PULSE_MS);
  if (first === -1) return [];
  return first === 0 ? (pulses as Pulse[]) : pulses.slice(first);
}

/** Age 0..1 of a pulse: the ring grows and fades with it. */
export function pulseAge(pulse: Pulse, now: number): number {
  return Math.min(1, Math.max(0, (now - pulse.bornAt) / PULSE_MS));
}

export function pulseRadiusPx(pulse: Pulse, now: number, scale = 1): number {
  const t = pulseAge(pulse, now);
  return (6 + 34 * Math.sqrt(t)) * scale * (pulse.acute ? 1.4 : 1);
}

export function pulseAlpha(pulse: Pulse, now: number): number {
  return Math.round(255 * (1 - pulseAge(pulse, now)) ** 1.5);
}
