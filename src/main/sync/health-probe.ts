/**
 * While the registry does not answer, ask its /healthz with growing pauses (backoff with jitter)
 * until it does. The probe, not the operating system's online flag, decides when sync resumes: a
 * network can be up while the registry is down or unreachable.
 */
import type { RegistryClient } from '../registry-client/registry-client';
import { backoffDelay, type BackoffPolicy } from './backoff';

export class HealthProbe {
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private active = false;

  constructor(
    private readonly client: RegistryClient,
    private readonly policy: BackoffPolicy,
    private readonly random: () => number,
    /** The registry answered. */
    private readonly onAlive: () => void,
    /** Another probe went unanswered. */
    private readonly onSilent: () => void,
  ) {}

  /** Starts probing (after the first pause); no-op when already probing. */
  start(signal: AbortSignal): void {
    if (this.active) return;
    this.active = true;
    this.attempt = 0;
    this.schedule(signal);
  }

  /** Probes at once (the operator pressed "Sync now"). */
  async now(signal: AbortSignal): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.probe(signal);
  }

  stop(): void {
    this.active = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(signal: AbortSignal): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        void this.probe(signal);
      },
      backoffDelay(this.attempt, this.policy, this.random),
    );
    this.timer.unref();
  }

  private async probe(signal: AbortSignal): Promise<void> {
    if (!this.active || signal.aborted) return;
    this.timer = null;
    const alive = await this.client.health(3_000, signal);
    if (!this.isActive()) return;
    if (alive) {
      this.stop();
      this.onAlive();
    } else {
      this.attempt += 1;
      this.schedule(signal);
      this.onSilent();
    }
  }

  /** Read after an await: stop() may have run meanwhile (a method, so the check is not narrowed away). */
  private isActive(): boolean {
    return this.active;
  }
}
