/** Calls through a station's dispatcher, as either host makes them: the answer, or the refusal. */
import type { Station } from '../../src/main/app/station';
import type { Problem } from '../../src/shared/errors';
import type { Channel, ChannelInput, ChannelOutput } from '../../src/shared/ipc';

export function stationCalls(station: () => Station) {
  /** The call's value; a refusal is thrown with its code and message. */
  const call = async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const result = await station().dispatch(channel, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as ChannelOutput<C>;
  };
  /** The refusal; a call that was allowed fails the test. */
  const refusal = async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Problem> => {
    const result = await station().dispatch(channel, input);
    if (result.ok) throw new Error(`${channel} was allowed`);
    return result.error;
  };
  return { call, refusal };
}
