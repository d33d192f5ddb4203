/**
 * The DOJ CARPOS simulator: the DOJ side of the gateway, in-process and deterministic. It answers
 * after `latencyMs`, by the rules in rules.ts, with FCNs from fcn.ts. Availability is configurable
 * so retries are exercised: `unavailable` (every call fails until `setAvailable(true)`) and
 * `failFirst` (the first N calls fail, then it answers). A repeated transaction id gets the first
 * answer again (DOJ does not act twice on one message).
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { todayIn } from '../../orders/clock';
import {
  CarposUnavailableError,
  type CarposAnswer,
  type CarposGateway,
  type CarposRequest,
} from '../gateway';
import { simulatorFcn } from './fcn';
import { dojReasons } from './rules';

export interface CarposSimulatorOptions {
  /** Delay before each answer (also before an "unavailable" failure), in ms. */
  readonly latencyMs?: number;
  /** Start unavailable: every call fails until `setAvailable(true)`. */
  readonly unavailable?: boolean;
  /** The first N calls fail as unavailable, then the simulator answers. */
  readonly failFirst?: number;
  /** DOJ's calendar ("today" for the pre-flight re-check). */
  readonly timeZone?: string;
  readonly now?: () => Date;
}

export class CarposSimulator implements CarposGateway {
  private available: boolean;
  private failuresLeft: number;
  private readonly latencyMs: number;
  private readonly timeZone: string;
  private readonly now: () => Date;
  /** First answer per transaction id. */
  private readonly answers = new Map<string, CarposAnswer>();
  /** FCN → order id, so two orders never share an FCN. */
  private readonly issued = new Map<string, string>();
  /** Every call that reached DOJ (answered or not), for tests and the demo log. */
  readonly received: CarposRequest[] = [];

  constructor(options: CarposSimulatorOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0;
    this.available = !(options.unavailable ?? false);
    this.failuresLeft = options.failFirst ?? 0;
    this.timeZone = options.timeZone ?? 'America/Los_Angeles';
    this.now = options.now ?? (() => new Date());
  }

  setAvailable(available: boolean): void {
    this.available = available;
  }

  async send(request: CarposRequest): Promise<CarposAnswer> {
    if (this.latencyMs > 0) {
      try {
        await delay(this.latencyMs, undefined, request.signal ? { signal: request.signal } : {});
      } catch {
        throw new CarposUnavailableError('DOJ CARPOS did not answer in time.');
      }
    }
    if (request.signal?.aborted) throw new CarposUnavailableError('DOJ CARPOS did not answer in time.');
    this.received.push(request);
    if (!this.available || this.failuresLeft > 0) {
      if (this.failuresLeft > 0) this.failuresLeft -= 1;
      throw new CarposUnavailableError('DOJ CARPOS is unavailable (simulated outage).');
    }
    const previous = this.answers.get(request.transactionId);
    if (previous) return previous;
    const answer = this.decide(request);
    this.answers.set(request.transactionId, answer);
    return answer;
  }

  private decide(request: CarposRequest): CarposAnswer {
    const dojReference = `SIM-${randomUUID()}`;
    const reasons = dojReasons(
      request.kind,
      request.senderOri,
      request.order,
      todayIn(this.timeZone, this.now()),
    );
    if (reasons.length > 0) return { outcome: 'rejected', reasons, dojReference };
    if (request.kind !== 'enter') {
      // Checked by the rules: modify/service/cancel carry an FCN this DOJ issued.
      return { outcome: 'accepted', fcn: request.order.fcn ?? '', dojReference };
    }
    return { outcome: 'accepted', fcn: this.assignFcn(request.order.id), dojReference };
  }

  private assignFcn(orderId: string): string {
    for (let salt = 0; ; salt += 1) {
      const fcn = simulatorFcn(orderId, salt);
      const holder = this.issued.get(fcn);
      if (holder === undefined || holder === orderId) {
        this.issued.set(fcn, orderId);
        return fcn;
      }
    }
  }
}
