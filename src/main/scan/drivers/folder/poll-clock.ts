/**
 * The time a hot-folder batch runs on: when the next poll pass starts, and what time it is for the
 * grace and idle periods. The default is the system clock; a test passes a controlled one, so it
 * decides when each pass runs and knows when it has finished.
 */
export interface PollClock {
  /** Milliseconds, as Date.now(). */
  now(): number;
  /**
   * Runs `pass` once, `ms` from now; returns the function that cancels it. `pass` resolves when the
   * poll pass it starts is over (and the next one scheduled, or the batch ended).
   */
  after(ms: number, pass: () => Promise<void>): () => void;
}

export const SYSTEM_CLOCK: PollClock = {
  now: () => Date.now(),
  after(ms, pass) {
    const timer = setTimeout(() => void pass(), ms);
    return () => {
      clearTimeout(timer);
    };
  },
};
