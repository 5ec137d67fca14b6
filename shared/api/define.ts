import type { z } from 'zod';
import type { Role } from '../domain';

/** A request method of the contract: its argument, its result, and which window roles may call it. */
export interface MethodDef<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  arg: A;
  result: R;
  roles: readonly Role[];
}

/** A pushed event of the contract: its payload and which window roles receive it. */
export interface EventDef<P extends z.ZodType = z.ZodType> {
  payload: P;
  roles: readonly Role[];
}

export const method = <A extends z.ZodType, R extends z.ZodType>(
  arg: A,
  result: R,
  roles: readonly Role[],
): MethodDef<A, R> => ({ arg, result, roles });

export const event = <P extends z.ZodType>(payload: P, roles: readonly Role[]): EventDef<P> => ({
  payload,
  roles,
});

export const ALL_ROLES: readonly Role[] = ['wall', 'operator', 'briefing'];
