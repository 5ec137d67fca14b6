/** What each user role may do, checked by the core on every call (the UI only mirrors it). */
import { ContractError } from '../../../shared/api';
import type { AppealFilter } from '../../../shared/api/appeals';
import type { SessionUser } from '../../../shared/api/operator';
import type { Appeal } from '../../../shared/domain';

/** A sector id no appeal has: an operator whose filter leaves none of their sectors sees nothing. */
const NO_SECTOR = '\u0000none';

export const canSeePersonalData = (user: SessionUser): boolean => user.role === 'operator' || user.role === 'supervisor';

export function assertCanWrite(user: SessionUser): void {
  if (user.role === 'viewer') throw new ContractError('A viewer cannot change appeals', 'forbidden');
}

export function assertSupervisor(user: SessionUser, what: string): void {
  if (user.role !== 'supervisor') throw new ContractError(`Only a supervisor may ${what}`, 'forbidden');
}

export function inScope(user: SessionUser, appeal: Pick<Appeal, 'sectorId'>): boolean {
  return user.role !== 'operator' || (appeal.sectorId !== null && user.sectorIds.includes(appeal.sectorId));
}

export function assertInScope(user: SessionUser, appeal: Pick<Appeal, 'id' | 'sectorId'>): void {
  if (!inScope(user, appeal)) throw new ContractError(`Appeal ${appeal.id} is outside your sectors`, 'forbidden');
}

/** Narrows a queue filter to the sectors the user works on. */
export function scopeFilter(user: SessionUser, filter: AppealFilter): AppealFilter {
  if (user.role !== 'operator') return filter;
  const own = user.sectorIds;
  const sectors = filter.sectorIds?.length ? filter.sectorIds.filter((s) => own.includes(s)) : own;
  return { ...filter, sectorIds: sectors.length ? sectors : [NO_SECTOR] };
}
