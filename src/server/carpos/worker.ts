/**
 * The gateway worker: one pass claims due orders one at a time (claim.ts), sends each as a CARPOS
 * "enter" through the `CarposGateway`, and records the answer (outcome.ts). DOJ being unavailable
 * (an error, or no answer within `timeoutMs`) leaves the order in sent_to_doj with a retry time that
 * doubles per attempt (`retry.initialMs` up to `retry.maxMs`); nothing is lost and a restart resumes
 * from the trail. Only "enter" is sent: the shared lifecycle moves orders in force (modify, service,
 * cancel) without a DOJ round trip, so there is no pending modify/service/cancel to send.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/types';
import type { OrderService } from '../orders/service';
import { claimNext, type Claim } from './claim';
import { CarposUnavailableError, type CarposAnswer, type CarposGateway } from './gateway';
import { recordOutcome, type Outcome } from './outcome';

export interface CarposWorkerOptions {
  readonly db: Db;
  readonly orders: OrderService;
  readonly gateway: CarposGateway;
  readonly now?: () => Date;
  /** Names this worker in the trail; unique per process. */
  readonly workerId?: string;
  /** Longest wait for DOJ's answer before the attempt counts as unavailable. */
  readonly timeoutMs?: number;
  /** Orders handled per pass at most. */
  readonly batchSize?: number;
  readonly retry?: { readonly initialMs: number; readonly maxMs: number };
  /** When the registry's own pre-flight refuses to send (a date passed since submit), look again after this. */
  readonly refusedRetryMs?: number;
  /** Ids, outcomes and codes only: never order data. */
  readonly log?: (event: string, detail: Record<string, unknown>) => void;
}

export interface GatewayPass {
  acknowledged: number;
  rejected: number;
  unavailable: number;
  superseded: number;
  refused: number;
}

export class CarposWorker {
  readonly workerId: string;
  private readonly now: () => Date;
  private readonly timeoutMs: number;
  private readonly batchSize: number;
  private readonly retry: { readonly initialMs: number; readonly maxMs: number };
  private readonly refusedRetryMs: number;

  constructor(private readonly options: CarposWorkerOptions) {
    this.workerId = options.workerId ?? `carpos-${randomUUID()}`;
    this.now = options.now ?? (() => new Date());
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.batchSize = options.batchSize ?? 20;
    this.retry = options.retry ?? { initialMs: 2_000, maxMs: 5 * 60_000 };
    this.refusedRetryMs = options.refusedRetryMs ?? 60 * 60_000;
  }

  /** The lease outlasts the longest DOJ call, so a live worker never loses an order it is sending. */
  get leaseMs(): number {
    return this.timeoutMs * 2 + 5_000;
  }

  /** Backoff before attempt `attempt + 1` of a transaction: initialMs doubling, capped at maxMs. */
  retryDelayMs(attempt: number): number {
    return Math.min(this.retry.maxMs, this.retry.initialMs * 2 ** Math.max(0, attempt - 1));
  }

  /** One pass: everything due (up to `batchSize` orders), one order at a time. */
  async runOnce(signal?: AbortSignal): Promise<GatewayPass> {
    const pass: GatewayPass = { acknowledged: 0, rejected: 0, unavailable: 0, superseded: 0, refused: 0 };
    for (let n = 0; n < this.batchSize && !signal?.aborted; n += 1) {
      const claimed = await claimNext(this.options.db, this.options.orders, {
        workerId: this.workerId,
        now: this.now(),
        leaseMs: this.leaseMs,
        refusedRetryMs: this.refusedRetryMs,
      });
      if (claimed === null) break;
      if (claimed.kind === 'busy') continue; // another worker claimed it between pick and lock
      if (claimed.kind === 'refused') {
        pass.refused += 1;
        this.options.log?.('carpos.refused', { orderId: claimed.orderId });
        continue;
      }
      const outcome = await this.handle(claimed.claim, signal);
      if (outcome === 'acknowledged') pass.acknowledged += 1;
      else if (outcome === 'rejected') pass.rejected += 1;
      else if (outcome === 'unavailable') pass.unavailable += 1;
      else pass.superseded += 1;
    }
    return pass;
  }

  private async handle(claim: Claim, signal?: AbortSignal): Promise<Outcome> {
    const answer = await this.ask(claim, signal);
    const outcome = await recordOutcome(this.options.db, this.options.orders, claim, answer, {
      workerId: this.workerId,
      now: this.now(),
      retryInMs: this.retryDelayMs(claim.attempt),
    });
    this.options.log?.('carpos.outcome', {
      orderId: claim.orderId,
      transactionId: claim.transactionId,
      attempt: claim.attempt,
      outcome,
    });
    return outcome;
  }

  /** DOJ's answer, or 'unavailable' for an outage, a timeout or a shutdown mid-call. */
  private async ask(
    claim: Claim,
    stop?: AbortSignal,
  ): Promise<CarposAnswer | { outcome: 'unavailable'; error: string }> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = stop ? AbortSignal.any([timeout, stop]) : timeout;
    const aborted = new Promise<never>((_, reject) => {
      const fail = () => {
        reject(new CarposUnavailableError('DOJ CARPOS did not answer in time.'));
      };
      if (signal.aborted) fail();
      else signal.addEventListener('abort', fail, { once: true });
    });
    try {
      return await Promise.race([
        this.options.gateway.send({
          transactionId: claim.transactionId,
          kind: 'enter',
          senderOri: claim.order.court.ori,
          order: claim.order,
          signal,
        }),
        aborted,
      ]);
    } catch (error) {
      const message =
        error instanceof CarposUnavailableError
          ? error.message
          : `DOJ CARPOS could not be reached: ${error instanceof Error ? error.message : String(error)}`;
      return { outcome: 'unavailable', error: message };
    } finally {
      aborted.catch(() => undefined); // the race may have settled first
    }
  }
}
