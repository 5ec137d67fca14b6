import type { Appeal } from '@shared/domain';
import { OPEN_STATUSES } from '@shared/domain';

export const DUE_SOON_MS = 2 * 3_600_000;

/** How pressing an appeal's deadline is: drives the row's colour and the card's countdown. */
export function deadlineState(appeal: Pick<Appeal, 'deadlineAt' | 'status'>, now: number): 'overdue' | 'soon' | 'ok' | 'none' {
  if (appeal.deadlineAt === null || !OPEN_STATUSES.includes(appeal.status)) return 'none';
  const left = appeal.deadlineAt - now;
  if (left < 0) return 'overdue';
  return left < DUE_SOON_MS ? 'soon' : 'ok';
}
