/**
 * The outbox worker: delivers queued changes to the registry in order per record (up to
 * `concurrency` records at a time), at least once, each outcome recorded in one store transaction.
 * It pauses while the registry does not answer (a /healthz probe with backoff decides when to
 * resume, not the OS's online flag), waits for a sign-in when the session ends, and pulls the
 * change feed between rounds. Everything it needs survives a restart in the store.
 */
import type { AuditSender } from './audit-sender';
import type { StationLog } from '../log/station-log';
import type { RegistryError } from '../registry-client/errors';
import type { RegistryClient } from '../registry-client/registry-client';
import type { OutboxEntry } from '../store';
import type { SyncStore } from './sync-store';
import type { BackoffPolicy } from './backoff';
import { HealthProbe } from './health-probe';
import { Deliverer } from './deliver';
import { classifyFailure, type Outcome } from './outcome';
import { Puller } from './puller';
import { describeOutcome, recordOutcome } from './record-outcome';
import { Uploader } from './uploader';
import type { Connectivity } from './status';

export interface WorkerOptions {
  readonly concurrency: number;
  readonly retry: BackoffPolicy;
  readonly probe: BackoffPolicy;
  /** How often to look for new local changes when nothing told the worker (ms). */
  readonly pollMs: number;
  readonly pullEveryMs: number;
  readonly chunkSize: number;
  /** Image uploads running at once, including those started ahead of their turn. */
  readonly uploadsAhead: number;
  readonly random: () => number;
  readonly now: () => Date;
  /** Sync events for the station log (no order data: ids, kinds, codes only). */
  readonly log?: StationLog;
  /** Sends the station's audit trail after each pull (absent in tests that do not need it). */
  readonly auditSender?: AuditSender;
}

export const LAST_SUCCESS_KEY = 'last-success-at';

export class OutboxWorker {
  connectivity: Connectivity = 'online';
  offlineSince: Date | null = null;
  lastFailure: string | null = null;
  lastSuccessAt: string | null;

  private running = false;
  private abort = new AbortController();
  private readonly inFlight = new Map<string, Promise<void>>();
  private pulling: Promise<void> | null = null;
  private pullRequested = true;
  private lastPullAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastSuccessStoredAt = 0;
  private waiters: (() => void)[] = [];
  private unsubscribe: (() => void) | null = null;
  private readonly deliverer: Deliverer;
  private readonly uploader: Uploader;
  private readonly puller: Puller;
  private readonly probe: HealthProbe;

  constructor(
    private readonly store: SyncStore,
    private readonly client: RegistryClient,
    private readonly options: WorkerOptions,
    private readonly changed: () => void,
  ) {
    this.uploader = new Uploader(store, client, options.chunkSize);
    this.deliverer = new Deliverer(store, client, this.uploader);
    this.puller = new Puller(store, client);
    this.probe = new HealthProbe(
      client,
      options.probe,
      options.random,
      () => {
        this.backOnline();
      },
      () => {
        this.changed();
        this.settle();
      },
    );
    this.lastSuccessAt = store.sync.getMeta(LAST_SUCCESS_KEY);
  }

  /** What the worker is doing, for logs and test failures. */
  diagnostics(): {
    connectivity: Connectivity;
    inFlight: string[];
    pulling: boolean;
    pullRequested: boolean;
    running: boolean;
  } {
    return {
      connectivity: this.connectivity,
      inFlight: [...this.inFlight.keys()],
      pulling: this.pulling !== null,
      pullRequested: this.pullRequested,
      running: this.running,
    };
  }

  get busy(): boolean {
    return this.inFlight.size > 0 || this.pulling !== null || this.uploader.active > 0;
  }

  /**
   * The user whose online session sends: only that user's changes (and changes without an author)
   * go out; another user's wait until that user signs in online (one user per change).
   */
  private sender(): string | null {
    return this.client.session.current()?.user.username ?? null;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    this.unsubscribe = this.client.session.onChange((state) => {
      if (state.state === 'signed-in' && this.connectivity === 'signed-out') {
        this.connectivity = 'online';
        this.pullRequested = true;
      }
      this.pump();
    });
    this.pump();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.abort.abort();
    this.clearTimers();
    await Promise.allSettled([...this.inFlight.values(), ...(this.pulling ? [this.pulling] : [])]);
    await this.uploader.settle();
    if (this.lastSuccessAt !== null) this.store.sync.setMeta(LAST_SUCCESS_KEY, this.lastSuccessAt);
    this.settle();
  }

  /** Look for work now (a local change was just queued). */
  kick(): void {
    this.pump();
  }

  /** Everything waiting becomes due, an offline pause is probed at once, and a pull runs. */
  async syncNow(): Promise<void> {
    if (!this.running) return;
    this.store.sync.makeAllDue();
    this.pullRequested = true;
    if (this.connectivity === 'offline') await this.probe.now(this.abort.signal);
    else this.pump();
    await this.settled();
  }

  /** Resolves when nothing is in flight and nothing is due, or the worker cannot proceed (offline, signed out, stopped). */
  settled(): Promise<void> {
    if (this.isSettled()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private isSettled(): boolean {
    if (!this.running || this.connectivity !== 'online') return true;
    return !this.busy && !this.pullRequested && this.store.outbox.dueHeads(1, this.sender()).length === 0;
  }

  private settle(): void {
    if (this.waiters.length === 0 || !this.isSettled()) return;
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private clearTimers(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.probe.stop();
  }

  /** Starts whatever can start now and schedules the next look. */
  private pump(): void {
    if (!this.running) return;
    try {
      if (this.client.session.current() === null) {
        this.connectivity = 'signed-out';
      } else if (this.connectivity === 'signed-out') {
        this.connectivity = 'online';
      }
      if (this.connectivity === 'online') {
        this.dispatchDue();
        if (this.options.uploadsAhead > 0) {
          this.uploader.prefetch(this.options.uploadsAhead, this.abort.signal, () => {
            this.pump();
          });
        }
        const due = Date.now() - this.lastPullAt >= this.options.pullEveryMs;
        if (this.pulling === null && (due || (this.pullRequested && this.inFlight.size === 0)))
          this.startPull();
      }
      this.scheduleNext();
    } catch (error) {
      // The store failed (closed while stopping, disk full): report it and look again later.
      this.lastFailure = `The station could not read its outbox: ${(error as Error).message}`;
      this.scheduleNext();
    }
    this.changed();
    this.settle();
  }

  private dispatchDue(): void {
    const free = this.options.concurrency - this.inFlight.size;
    if (free <= 0) return;
    const heads = this.store.outbox.dueHeads(
      this.options.concurrency + this.inFlight.size + 8,
      this.sender(),
    );
    for (const head of heads) {
      if (this.inFlight.size >= this.options.concurrency) break;
      if (this.inFlight.has(head.recordId)) continue;
      this.dispatch(head);
    }
  }

  private scheduleNext(): void {
    if (this.timer) clearTimeout(this.timer);
    if (!this.running) return;
    let wait = this.options.pollMs;
    const next = this.connectivity === 'online' ? this.store.sync.nextDueAt() : null;
    if (next !== null)
      wait = Math.min(wait, Math.max(0, Date.parse(next) - this.options.now().getTime()) + 5);
    this.timer = setTimeout(() => {
      this.pump();
    }, wait);
    this.timer.unref();
  }

  private dispatch(head: OutboxEntry): void {
    const signal = this.abort.signal;
    const task = (async () => {
      const outcome = await this.deliverer.deliver(head, signal);
      this.apply(head, outcome);
    })()
      .catch((error: unknown) => {
        this.lastFailure = `Recording a sync result failed: ${(error as Error).message}`;
      })
      .finally(() => {
        this.inFlight.delete(head.recordId);
        this.pump();
      });
    this.inFlight.set(head.recordId, task);
  }

  private apply(head: OutboxEntry, outcome: Outcome): void {
    this.options.log?.info({ event: 'outcome', ...describeOutcome(head, outcome) }, 'sync outcome');
    const now = this.options.now();
    const effect = recordOutcome(this.store, head, outcome, this.options.retry, this.options.random, now);
    if (effect.answered) {
      this.succeeded(now);
      // The outbox just emptied: fetch what the registry did meanwhile (statuses, others' edits).
      if (this.store.outbox.totals().count === 0) this.pullRequested = true;
    }
    if (effect.pullNow === true) this.pullRequested = true;
    if (effect.retryProblem !== undefined) this.lastFailure = effect.retryProblem;
    if (effect.offline) this.goOffline(effect.offline);
    if (effect.signedOut === true) this.connectivity = 'signed-out';
  }

  private succeeded(now: Date): void {
    this.lastSuccessAt = now.toISOString();
    this.lastFailure = null;
    // Stored at most once a second: each write is a synced transaction, and the status bar
    // only shows minutes.
    if (now.getTime() - this.lastSuccessStoredAt >= 1_000) {
      this.lastSuccessStoredAt = now.getTime();
      this.store.sync.setMeta(LAST_SUCCESS_KEY, this.lastSuccessAt);
    }
  }

  private startPull(): void {
    this.pullRequested = false;
    this.pulling = (async () => {
      try {
        const result = await this.puller.pull(this.abort.signal);
        this.options.log?.info({ event: 'pulled', ...result }, 'sync pulled');
        await this.options.auditSender?.send(this.abort.signal);
        this.succeeded(this.options.now());
        // A pull asked for while this one ran stays asked for: it may concern what this one missed.
      } catch (error) {
        const outcome = classifyFailure(error, { recordId: '', fromSeq: 0, throughSeq: 0 });
        this.options.log?.warn(
          { event: 'pull-failed', outcome: outcome.kind, code: (error as { code?: unknown }).code ?? null },
          'sync pull failed',
        );
        if (outcome.kind === 'offline') this.goOffline(outcome.error);
        else if (outcome.kind === 'signed-out') this.connectivity = 'signed-out';
        else if (outcome.kind !== 'cancelled') {
          this.lastFailure = `Reading the registry's changes failed: ${(error as Error).message}`;
        }
      } finally {
        this.lastPullAt = Date.now();
      }
    })().finally(() => {
      this.pulling = null;
      this.pump();
    });
  }

  private goOffline(error: RegistryError): void {
    if (this.connectivity === 'offline') return;
    this.connectivity = 'offline';
    this.options.log?.warn({ event: 'offline', code: error.code }, 'registry offline');
    this.offlineSince = this.options.now();
    this.lastFailure = error.message;
    this.probe.start(this.abort.signal);
    this.changed();
  }

  /** The health probe got an answer: resume. */
  private backOnline(): void {
    if (!this.running) return;
    this.options.log?.info({ event: 'online' }, 'registry online');
    this.connectivity = 'online';
    this.offlineSince = null;
    this.pump();
  }
}
