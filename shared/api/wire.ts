import { z } from 'zod';

/** Messages on the host's WebSocket: the same contract as IPC, framed as JSON. */
export const ClientMessage = z.object({
  t: z.literal('call'),
  id: z.number().int(),
  method: z.string().max(100),
  arg: z.unknown(),
});
export type ClientMessage = z.infer<typeof ClientMessage>;

export type ServerMessage =
  | { t: 'result'; id: number; ok: true; result: unknown }
  | { t: 'result'; id: number; ok: false; error: { code: string; message: string } }
  | { t: 'event'; name: string; payload: unknown };
