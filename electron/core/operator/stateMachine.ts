import { canTransition, STATUS_TRANSITIONS } from '../../../shared/api/operator';
import { ContractError } from '../../../shared/api';
import type { AppealStatus } from '../../../shared/domain';

export { canTransition, STATUS_TRANSITIONS };

/** Refuses a status change the state machine does not allow, naming what is allowed instead. */
export function assertTransition(from: AppealStatus, to: AppealStatus): void {
  if (from === to) throw new ContractError(`The appeal is already ${to}`, 'failed');
  if (!canTransition(from, to)) {
    const allowed = STATUS_TRANSITIONS[from].join(', ') || 'none';
    throw new ContractError(`Status ${from} cannot change to ${to} (allowed: ${allowed})`, 'failed');
  }
}

/** Statuses that stop the deadline clock: the resident has been answered or the case is over. */
export const isResolved = (status: AppealStatus): boolean =>
  status === 'answered' || status === 'closed' || status === 'rejected';
