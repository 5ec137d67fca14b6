import {
  ContractError,
  type EventName,
  type EventPayload,
  isMethodName,
  type MethodName,
  type MethodParsedArg,
  type MethodResult,
  methods,
  parseArg,
} from '../../shared/api';
import type { Role } from '../../shared/domain';
import type { SessionUser } from '../../shared/api/operator';

/** Who is calling: the window's role (fixed per window or per WebSocket) and, later, the user. */
export interface CallContext {
  role: Role;
  user?: string;
  /** The host's connections sign people in; IPC windows act as the computer's local user. */
  via?: 'ipc' | 'host';
  /** Per-connection sign-in state that the auth handlers set (one per WebSocket). */
  session?: { user: SessionUser | null; token?: string };
}

export type Handler<M extends MethodName> = (
  arg: MethodParsedArg<M>,
  ctx: CallContext,
) => MethodResult<M> | Promise<MethodResult<M>>;

export type HandlerMap = { [M in MethodName]?: Handler<M> };

/** Handlers registered against the contract; a name registered twice is a programming error. */
export class Registry {
  private readonly handlers = new Map<MethodName, Handler<MethodName>>();

  register(map: HandlerMap): void {
    for (const [name, handler] of Object.entries(map) as [MethodName, Handler<MethodName>][]) {
      if (this.handlers.has(name)) throw new Error(`Handler for ${name} is registered twice`);
      this.handlers.set(name, handler);
    }
  }

  missing(): MethodName[] {
    return (Object.keys(methods) as MethodName[]).filter((name) => !this.handlers.has(name));
  }

  /** The one entry point of every boundary (IPC and WebSocket): method, role and argument are checked here. */
  async call(name: unknown, arg: unknown, ctx: CallContext): Promise<unknown> {
    if (!isMethodName(name)) throw new ContractError(`Unknown method: ${String(name)}`, 'bad-method');
    if (!(methods[name].roles as readonly Role[]).includes(ctx.role)) {
      throw new ContractError(`The ${ctx.role} window may not call ${name}`, 'forbidden');
    }
    const handler = this.handlers.get(name);
    if (!handler) throw new ContractError(`Method ${name} is not available in this build`, 'bad-method');
    return handler(parseArg(name, arg) as never, ctx);
  }
}

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** Pushes events to every subscribed window (IPC registry and WebSocket clients alike). */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(name, payload);
  }
}
