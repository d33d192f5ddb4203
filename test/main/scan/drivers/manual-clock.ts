/**
 * Test helper: a controlled clock for the hot-folder driver (its `clock` option). Time stands still
 * until the test moves it; a poll pass runs only when the test runs it, and the test's await ends
 * when that pass is over. So "nothing arrived" means "nothing arrived after these N passes", and
 * grace and idle periods are measured on this clock, not on the machine's.
 */
import type { PollClock } from '../../../../src/main/scan/drivers/folder/poll-clock';

interface Timer {
  readonly at: number;
  readonly order: number;
  readonly pass: () => Promise<void>;
}

/**
 * Lets every promise chain already started settle (a macrotask turn: all pending microtasks run
 * first). No time passes on any clock: the poll pass that pushed events is over, this only lets the
 * consumer (an EventTap) take them.
 */
function letConsumersRun(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class ManualClock implements PollClock {
  #now: number;
  #order = 0;
  #timers: Timer[] = [];
  /** Poll passes run so far. */
  passes = 0;

  constructor(start = 1_000_000) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  after(ms: number, pass: () => Promise<void>): () => void {
    const timer: Timer = { at: this.#now + ms, order: this.#order++, pass };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer);
    };
  }

  /** Passes scheduled and not yet run (0 once a batch has stopped watching). */
  get pending(): number {
    return this.#timers.length;
  }

  /** Moves the time to the next scheduled pass, runs it to its end, and lets consumers take its events. */
  async next(): Promise<void> {
    const timer = this.#earliest();
    if (timer === undefined) throw new Error('no poll pass is scheduled');
    await this.#run(timer);
  }

  /** Moves the time on by `ms`, running every pass that falls due on the way; returns how many ran. */
  async advance(ms: number): Promise<number> {
    const until = this.#now + ms;
    let ran = 0;
    for (let timer = this.#earliest(); timer !== undefined && timer.at <= until; timer = this.#earliest()) {
      await this.#run(timer);
      ran += 1;
    }
    this.#now = until;
    return ran;
  }

  #earliest(): Timer | undefined {
    return [...this.#timers].sort((a, b) => a.at - b.at || a.order - b.order)[0];
  }

  async #run(timer: Timer): Promise<void> {
    this.#timers = this.#timers.filter((t) => t !== timer);
    this.#now = Math.max(this.#now, timer.at);
    this.passes += 1;
    await timer.pass();
    await letConsumersRun();
  }
}
