/**
 * The browser host's WebSocket messages: the same StationApi as Electron's IPC, as JSON frames.
 * The renderer sends `call`; the host answers each with `result` (same id) and pushes `event`.
 */
import { z } from 'zod';
import type { EventName } from './events';
import type { Result } from './method';

export { WIRE_PROTOCOL } from './wire-protocol';

export const callMessageSchema = z.strictObject({
  type: z.literal('call'),
  id: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  channel: z.string().max(64),
  input: z.unknown(),
});
export type CallMessage = z.infer<typeof callMessageSchema>;

export interface ResultMessage {
  readonly type: 'result';
  readonly id: number;
  readonly result: Result<unknown>;
}

export interface EventMessage {
  readonly type: 'event';
  readonly name: EventName;
  readonly payload: unknown;
}

export type ServerMessage = ResultMessage | EventMessage;
