/**
 * The one API contract between the core and every window: request methods and pushed events,
 * grouped by feature. Main (IPC) and the host (WebSocket) register handlers against it; renderers
 * call it through one client. Names follow `domain:verb`.
 */
import type { z } from 'zod';
import type { Role } from '../domain';
import { analyticsMethods } from './analytics';
import { appealMethods } from './appeals';
import { briefingMethods } from './briefing';
import type { EventDef, MethodDef } from './define';
import { importEvents, importMethods } from './imports';
import { operatorEvents, operatorMethods } from './operator';
import { referenceEvents, referenceMethods } from './reference';
import { syncMethods } from './sync';
import { wallEvents, wallMethods } from './wall';

export const methods = {
  ...referenceMethods,
  ...appealMethods,
  ...operatorMethods,
  ...wallMethods,
  ...briefingMethods,
  ...syncMethods,
  ...analyticsMethods,
  ...importMethods,
} satisfies Record<string, MethodDef>;

export const events = {
  ...referenceEvents,
  ...operatorEvents,
  ...wallEvents,
  ...importEvents,
} satisfies Record<string, EventDef>;

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = keyof Methods;
export type EventName = keyof Events;
export type MethodArg<M extends MethodName> = z.input<Methods[M]['arg']>;
export type MethodParsedArg<M extends MethodName> = z.output<Methods[M]['arg']>;
export type MethodResult<M extends MethodName> = z.output<Methods[M]['result']>;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function methodsForRole(role: Role): MethodName[] {
  return methodNames.filter((name) => (methods[name].roles as readonly Role[]).includes(role));
}

export function eventsForRole(role: Role): EventName[] {
  return eventNames.filter((name) => (events[name].roles as readonly Role[]).includes(role));
}

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

/** A contract violation at a boundary, with a message a person can act on. */
export class ContractError extends Error {
  constructor(
    message: string,
    readonly code: 'bad-method' | 'bad-argument' | 'forbidden' | 'bad-result' | 'conflict' | 'failed',
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

export function parseArg<M extends MethodName>(name: M, arg: unknown): MethodParsedArg<M> {
  const result = methods[name].arg.safeParse(arg ?? {});
  if (!result.success) {
    const issues = result.error.issues
      .map((issue) => `${issue.path.join('.') || '(argument)'}: ${issue.message}`)
      .join('; ');
    throw new ContractError(`Invalid argument for ${name}: ${issues}`, 'bad-argument');
  }
  return result.data as MethodParsedArg<M>;
}

export type { Role };
