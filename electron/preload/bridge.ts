import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { type Bridge, channelOf, type Envelope } from '../../shared/api/bridge';
import { eventsForRole, methodsForRole } from '../../shared/api';
import type { Role } from '../../shared/domain';

type Ipc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * The `window.cur` of one role: a named function per method the role may call and a subscription
 * per event it may receive, nothing else. The renderer never sees a channel name it could vary,
 * and never the IpcRendererEvent (its `sender` would hand it ipcRenderer itself).
 */
export function createBridge(role: Role, ipc: Ipc): Bridge {
  const call: Bridge['call'] = {};
  for (const name of methodsForRole(role)) {
    const channel = channelOf(name);
    call[name] = (arg: unknown) => ipc.invoke(channel, arg) as Promise<Envelope>;
  }
  const on: Bridge['on'] = {};
  for (const name of eventsForRole(role)) {
    const channel = channelOf(name);
    on[name] = (listener) => {
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipc.on(channel, forward);
      return () => {
        ipc.removeListener(channel, forward);
      };
    };
  }
  return Object.freeze({ role, call: Object.freeze(call), on: Object.freeze(on) }) satisfies Bridge;
}
