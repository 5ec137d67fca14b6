import type { AppealCard } from '@shared/api/appeals';
import { useCallback, useEffect, useState } from 'react';
import { client } from '../session';

/** The open appeal's card, refetched when anything changes (another operator, a sync, the wall). */
export function useCard(id: number | null) {
  const [card, setCard] = useState<AppealCard | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    if (id === null) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = () =>
      client.invoke('appeals:get', { id }).then(
        (c) => !cancelled && (setCard(c), setError(null)),
        (e: Error) => !cancelled && setError(e),
      );
    void load();
    const off = client.listen('db:changed', () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void load();
      }, 150);
    });
    return () => {
      cancelled = true;
      off();
      if (timer) clearTimeout(timer);
    };
  }, [id, tick]);

  return { card: card && card.appeal.id === id ? card : null, error, reload };
}
