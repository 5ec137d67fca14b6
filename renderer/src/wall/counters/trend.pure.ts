export type Direction = 'up' | 'down' | 'same';

/** Today against the same time yesterday, as a share; under 2 % either way reads as "the same". */
export function changeVsYesterday(today: number, yesterday: number): { direction: Direction; share: number } {
  if (yesterday === 0) return today === 0 ? { direction: 'same', share: 0 } : { direction: 'up', share: 1 };
  const share = (today - yesterday) / yesterday;
  if (Math.abs(share) < 0.02) return { direction: 'same', share };
  return { direction: share > 0 ? 'up' : 'down', share };
}
