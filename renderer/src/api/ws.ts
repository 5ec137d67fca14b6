import type { Role } from '@shared/domain';
import type { ServerMessage } from '@shared/api/wire';
import type { ApiClient } from './client';
import { ApiError } from './client';

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10_000;

/** The browser's transport: the host's same-origin WebSocket, reconnecting with backoff. */
export function createWsTransport(role: Role): ApiClient {
  const url = new URL(`ws${location.protocol === 'https:' ? 's' : ''}://${location.host}/ws`);
  url.searchParams.set('role', role);
  let socket: WebSocket | null = null;
  let nextId = 1;
  let delay = RECONNECT_MIN_MS;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; message: string }>();
  const queue: string[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let connected = false;

  const setConnected = (value: boolean) => {
    if (connected === value) return;
    connected = value;
    for (const l of connectionListeners) l(value);
  };

  const connect = () => {
    socket = new WebSocket(url);
    socket.onopen = () => {
      delay = RECONNECT_MIN_MS;
      setConnected(true);
      // Calls made while disconnected, and calls lost with the old socket, are sent again.
      for (const entry of pending.values()) socket!.send(entry.message);
      queue.length = 0;
    };
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as ServerMessage;
      if (message.t === 'event') {
        for (const l of listeners.get(message.name) ?? []) l(message.payload);
        return;
      }
      const entry = pending.get(message.id);
      if (!entry) return;
      pending.delete(message.id);
      if (message.ok) entry.resolve(message.result);
      else entry.reject(new ApiError(message.error.message, message.error.code));
    };
    socket.onclose = () => {
      setConnected(false);
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, RECONNECT_MAX_MS);
    };
  };
  connect();

  return {
    invoke(name, arg) {
      const id = nextId++;
      const message = JSON.stringify({ t: 'call', id, method: name, arg });
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, message });
        if (socket?.readyState === WebSocket.OPEN) socket.send(message);
        else queue.push(message);
      });
    },
    listen(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(connected);
      return () => connectionListeners.delete(listener);
    },
  };
}
