import type { Appeal } from '@shared/domain';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { client } from '../session';

export type Outcome = { kind: 'ok'; text: string } | { kind: 'error' | 'conflict'; text: string } | null;

/**
 * Runs one action on the open appeal. A conflict (someone else changed it since this card loaded)
 * shows the appeal's current state, fetched fresh, and reloads the card; nothing is overwritten.
 */
export function useAction(reload: () => void) {
  const { t } = useTranslation('operator');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (id: number, action: () => Promise<Appeal | { ok: true }>, done?: string): Promise<boolean> => {
      setBusy(true);
      try {
        await action();
        setOutcome(done ? { kind: 'ok', text: done } : null);
        reload();
        return true;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'conflict') {
          const current = await client.invoke('appeals:get', { id }).catch(() => null);
          setOutcome({
            kind: 'conflict',
            text: t('actions.conflict', {
              status: current ? t(`common:status.${current.appeal.status}`) : '?',
              version: current?.appeal.version ?? '?',
              actor: current?.events.at(-1)?.actor ?? '?',
            }),
          });
          reload();
        } else if (error instanceof ApiError && error.code === 'forbidden') {
          setOutcome({ kind: 'error', text: t('actions.forbidden') });
        } else {
          setOutcome({ kind: 'error', text: t('actions.failed', { message: (error as Error).message }) });
        }
        return false;
      } finally {
        setBusy(false);
      }
    },
    [reload, t],
  );
  return { run, outcome, busy, clear: () => setOutcome(null) };
}
