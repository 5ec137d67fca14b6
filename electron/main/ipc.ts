import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { type Envelope, channelOf } from '../../shared/api/bridge';
import { ContractError, type MethodName, methodNames, methods, parseArg } from '../../shared/api';
import type { Role } from '../../shared/domain';
import type { EventBus, Registry } from '../core/rpc';
import { isAppUrl } from './protocol';
import type { RoleOf } from './security';
import type { WindowRegistry } from './windows';

/**
 * Methods only the shell can answer (they need the calling window itself, e.g. its printToPDF):
 * same channel, same role check and argument validation as the core's, then handled in main.
 */
export type ShellHandler = (arg: unknown, caller: { role: Role; sender: WebContents }) => Promise<unknown>;
export type ShellHandlers = Partial<Record<MethodName, ShellHandler>>;

function failure(code: string, message: string): Envelope {
  return { ok: false, error: { code, message } };
}

/**
 * One `ipcMain.handle` per contract method, on the channel of its name. The caller's role is the
 * role its window was created with, never anything the renderer says; the core checks it again.
 * Calls act as the computer's local user (`via: 'ipc'`): sign-in is the host's concern.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  registry: Pick<Registry, 'call'>,
  roleOf: RoleOf,
  shellHandlers: ShellHandlers = {},
): () => void {
  for (const name of methodNames) {
    const allowed = methods[name].roles as readonly Role[];
    ipcMain.handle(channelOf(name), async (event: IpcMainInvokeEvent, arg: unknown): Promise<Envelope> => {
      const role = roleOf(event.sender);
      // Frames other than the app's own pages (an injected iframe, a foreign page) get nothing.
      if (!role || !event.senderFrame || !isAppUrl(event.senderFrame.url)) {
        return failure('forbidden', `${name}: the caller is not a window of this app`);
      }
      if (!allowed.includes(role)) return failure('forbidden', `The ${role} window may not call ${name}`);
      try {
        const shellHandler = shellHandlers[name];
        if (shellHandler)
          return { ok: true, result: await shellHandler(parseArg(name, arg), { role, sender: event.sender }) };
        return { ok: true, result: await registry.call(name, arg, { role, via: 'ipc' }) };
      } catch (error) {
        const code = error instanceof ContractError ? error.code : 'failed';
        return failure(code, (error as Error).message);
      }
    });
  }
  return () => {
    for (const name of methodNames) ipcMain.removeHandler(channelOf(name));
  };
}

/** Every event of the core goes to the windows whose role may receive it (STYLE.md #9). */
export function forwardEvents(
  bus: Pick<EventBus, 'subscribe'>,
  windows: Pick<WindowRegistry, 'broadcast'>,
): () => void {
  return bus.subscribe((name, payload) => windows.broadcast(name, payload));
}
