import { describe, expect, it } from 'vitest';
import { APPEAL_STATUSES } from '../../../shared/domain';
import { assertTransition, canTransition, STATUS_TRANSITIONS } from '../../../electron/core/operator/stateMachine';

describe('the appeal state machine', () => {
  it('walks the main path new → assigned → in progress → answered → closed', () => {
    const path = ['new', 'assigned', 'in_progress', 'answered', 'closed'] as const;
    for (let i = 1; i < path.length; i++) expect(() => assertTransition(path[i - 1]!, path[i]!)).not.toThrow();
  });

  it('reopens closed, answered and rejected appeals, and nothing else comes out of them', () => {
    for (const from of ['closed', 'rejected'] as const) expect(STATUS_TRANSITIONS[from]).toEqual(['reopened']);
    expect(canTransition('answered', 'reopened')).toBe(true);
    expect(canTransition('reopened', 'in_progress')).toBe(true);
  });

  it('refuses skipping to closed, going back from closed, and no-op changes', () => {
    expect(() => assertTransition('new', 'closed')).toThrow(/cannot change to closed/);
    expect(() => assertTransition('closed', 'in_progress')).toThrow(/allowed: reopened/);
    expect(() => assertTransition('new', 'new')).toThrow(/already/);
  });

  it('defines transitions for every status and only to known statuses', () => {
    for (const status of APPEAL_STATUSES) {
      for (const to of STATUS_TRANSITIONS[status]) expect(APPEAL_STATUSES).toContain(to);
    }
    expect(canTransition('closed', 'closed')).toBe(false);
  });
});
