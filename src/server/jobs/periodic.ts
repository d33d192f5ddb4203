/**
 * Runs an async job every `everyMs`, never two runs at once (the next run is scheduled when the
 * previous one ends), and stops cleanly: `stop()` aborts the run in flight through its signal and
 * waits for it. A failing run is reported to `onError` and the schedule goes on.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private controller = new AbortController();
  private stopped = true;

  constructor(
    private readonly everyMs: number,
    private readonly run: (signal: AbortSignal) => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.controller = new AbortController();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.controller.abort();
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.run(this.controller.signal)
        .then(
          () => undefined,
          (error: unknown) => {
            if (!this.stopped) this.onError(error);
          },
        )
        .finally(() => {
          this.running = null;
          this.schedule(this.everyMs);
        });
    }, delayMs);
    this.timer.unref();
  }
}
