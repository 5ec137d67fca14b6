import { useEffect, useState } from 'react';
import type { EventName, MethodArg, MethodName, MethodResult } from '@shared/api';
import type { ApiClient } from '../api/client';

/**
 * Fetches a contract method and refetches when any of the given events arrives, at most once per
 * `minIntervalMs` (the core already coalesces; this guards the renderer against bursts).
 */
export function useContract<M extends MethodName>(
  client: ApiClient,
  name: M,
  arg: MethodArg<M>,
  refreshOn: readonly EventName[],
  minIntervalMs = 250,
): { data: MethodResult<M> | null; error: Error | null } {
  const [data, setData] = useState<MethodResult<M> | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const argKey = JSON.stringify(arg);
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const load = () => {
      last = Date.now();
      client.invoke(name, JSON.parse(argKey) as MethodArg<M>).then(
        (result) => !cancelled && (setData(result), setError(null)),
        (err: Error) => !cancelled && setError(err),
      );
    };
    const schedule = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        load();
      }, Math.max(0, minIntervalMs - (Date.now() - last)));
    };
    load();
    const offs = refreshOn.map((event) => client.listen(event, schedule));
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
      offs.forEach((off) => off());
    };
    // refreshOn is a constant list per call site
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, name, argKey, minIntervalMs]);
  return { data, error };
}
