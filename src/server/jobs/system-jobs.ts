/**
 * The registry's background work, built from the configuration: the DOJ CARPOS gateway worker
 * (with the simulator standing in for DOJ) and the expiry sweep. Each is a `PeriodicJob`; both are
 * off unless configured, or — with 'auto' — unless the registry runs the demo (main.ts also turns
 * an 'auto' expiry sweep on for the registry in service).
 */
import type { FastifyBaseLogger } from 'fastify';
import { CarposSimulator } from '../carpos/simulator/simulator';
import { CarposWorker } from '../carpos/worker';
import type { RegistryConfig } from '../config';
import type { Db } from '../db/types';
import { sweepExpired } from '../expiry/sweep';
import type { OrderService } from '../orders/service';
import { PeriodicJob } from './periodic';

export interface SystemJobs {
  /** The gateway worker, when the gateway is on (tests and tools can run a pass by hand). */
  readonly carpos: CarposWorker | null;
  /** The simulator behind it (outage switch for demos and tests). */
  readonly dojSimulator: CarposSimulator | null;
  start(): void;
  stop(): Promise<void>;
}

export function createSystemJobs(
  config: RegistryConfig,
  deps: { db: Db; orders: OrderService; now: () => Date; log: FastifyBaseLogger },
): SystemJobs {
  const jobs: PeriodicJob[] = [];
  const gatewayOn = config.carposGateway === 'simulator' || (config.carposGateway === 'auto' && config.demo);
  let carpos: CarposWorker | null = null;
  let dojSimulator: CarposSimulator | null = null;
  if (gatewayOn) {
    dojSimulator = new CarposSimulator({
      latencyMs: config.carposSimLatencyMs,
      failFirst: config.carposSimFailFirst,
      unavailable: config.carposSimUnavailable,
      timeZone: config.timeZone,
      now: deps.now,
    });
    const worker = new CarposWorker({
      db: deps.db,
      orders: deps.orders,
      gateway: dojSimulator,
      now: deps.now,
      timeoutMs: config.carposTimeoutMs,
      retry: { initialMs: config.carposRetryMs, maxMs: config.carposRetryMaxMs },
      log: (event, detail) => {
        deps.log.info(detail, event);
      },
    });
    carpos = worker;
    jobs.push(
      new PeriodicJob(
        config.carposPollMs,
        (signal) => worker.runOnce(signal),
        (error) => {
          deps.log.error({ err: error }, 'carpos gateway pass failed');
        },
      ),
    );
  }
  const expiryOn = config.expirySweep === 'on' || (config.expirySweep === 'auto' && config.demo);
  if (expiryOn) {
    jobs.push(
      new PeriodicJob(
        config.expirySweepSeconds * 1000,
        async () => {
          const expired = await sweepExpired(deps.db, deps.orders, {
            now: deps.now(),
            timeZone: config.timeZone,
          });
          if (expired > 0) deps.log.info({ expired }, 'expiry sweep');
        },
        (error) => {
          deps.log.error({ err: error }, 'expiry sweep failed');
        },
      ),
    );
  }
  return {
    carpos,
    dojSimulator,
    start: () => {
      for (const job of jobs) job.start();
    },
    stop: async () => {
      await Promise.all(jobs.map((job) => job.stop()));
    },
  };
}
