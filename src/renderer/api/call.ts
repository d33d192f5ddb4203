/**
 * Calling the station and unwrapping its Result envelope. Free of React, so the bootstrap can ask
 * for what the first screen needs while the app's code is still loading (boot.ts).
 */
import type { Channel, ChannelInput, ChannelOutput, StationApi } from '../../shared/ipc/contract';
import type { Problem } from '../../shared/errors';

/** A failed call, as an Error carrying the station's `{ code, message, field? }`. */
export class StationCallError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.message);
    this.problem = problem;
  }
}

/** Calls and unwraps: resolves with the value, rejects with a StationCallError. */
export async function call<C extends Channel>(
  api: StationApi,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await api.invoke(channel, input);
  if (!result.ok) throw new StationCallError(result.error);
  return result.value;
}

export function problemOf(error: unknown): Problem {
  if (error instanceof StationCallError) return error.problem;
  return { code: 'UNEXPECTED', message: error instanceof Error ? error.message : String(error) };
}
