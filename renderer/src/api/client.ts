import type { EventName, EventPayload, MethodArg, MethodName, MethodResult } from '@shared/api';
import type { Bridge, Envelope } from '@shared/api/bridge';
import type { Role } from '@shared/domain';
import { createWsTransport } from './ws';

/** One interface for every window, whether it runs in Electron (preload bridge) or a browser (WebSocket). */
export interface ApiClient {
  invoke<M extends MethodName>(name: M, arg: MethodArg<M>): Promise<MethodResult<M>>;
  listen<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Connection state, for the "данные на HH:MM" stamp when the core is out of reach. */
  onConnection(listener: (connected: boolean) => void): () => void;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function unwrap<T>(envelope: Envelope): T {
  if (envelope.ok) return envelope.result as T;
  throw new ApiError(envelope.error.message, envelope.error.code);
}

declare global {
  interface Window {
    cur?: Bridge;
  }
}

function createBridgeClient(bridge: Bridge): ApiClient {
  return {
    async invoke(name, arg) {
      const call = bridge.call[name];
      if (!call) throw new ApiError(`The ${bridge.role} window may not call ${name}`, 'forbidden');
      return unwrap(await call(arg));
    },
    listen(name, listener) {
      const on = bridge.on[name];
      if (!on) return () => {};
      return on(listener as (payload: unknown) => void);
    },
    onConnection(listener) {
      listener(true);
      return () => {};
    },
  };
}

let client: ApiClient | null = null;

export function getClient(role: Role): ApiClient {
  client ??= window.cur ? createBridgeClient(window.cur) : createWsTransport(role);
  return client;
}
