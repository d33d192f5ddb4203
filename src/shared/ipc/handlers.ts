/**
 * The station's handler map, derived from the contract: one function per channel, taking the
 * parsed input and returning the output its schema declares. Each feature of src/main supplies its
 * part (a Pick of this type); the composition root joins them and the dispatcher validates around it.
 */
import type { Channel, StationMethods } from './contract';
import type { MethodOutput, MethodParsed } from './method';

export type Handlers = {
  [C in Channel]: (
    input: MethodParsed<StationMethods[C]>,
  ) => Promise<MethodOutput<StationMethods[C]>> | MethodOutput<StationMethods[C]>;
};
