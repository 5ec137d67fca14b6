import type { EventName, MethodName } from './index';
import type { Role } from '../domain';

/** What a call returns across a boundary: errors travel as data, so their code survives IPC. */
export type Envelope = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

/**
 * What a window's preload exposes as `window.cur`: one named function per method its role may call
 * and one subscription per event it may receive. Never a generic `invoke(channel, …)`.
 */
export interface Bridge {
  role: Role;
  call: Partial<Record<MethodName, (arg: unknown) => Promise<Envelope>>>;
  on: Partial<Record<EventName, (listener: (payload: unknown) => void) => () => void>>;
}

/** The IPC channel of a method or event is its contract name (`domain:verb`). */
export const channelOf = (name: MethodName | EventName): string => name;
