/**
 * `npm run bench:day`: a working day in one station process. Ten 100-page batches through the
 * station's own scan path (scan controller, page workers, encrypted store, commit to one PDF per
 * order) and 500 draft saves through the station API dispatcher, fifty after each batch. Prints
 * peak RSS (the process's maxRSS, main thread and page workers together) and the growth of RSS
 * from after the second batch to after the last, each sampled after a forced garbage collection
 * (run with --expose-gc, as the npm script does). The only stand-in is the scanner, which feeds
 * generated pages (bench-stack.ts). Figures only; nothing here asserts. Goals: peak ≤ 500 MB,
 * growth < 5 %.
 */
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDispatcher } from '../../src/main/app/dispatcher';
import { StationEventBus } from '../../src/main/app/event-bus';
import { draftHandlers } from '../../src/main/drafts/draft-handlers';
import { silentLog } from '../../src/main/log/station-log';
import { ScanController } from '../../src/main/scan/batch/scan-controller';
import { PageWorkerPool } from '../../src/main/scan/worker/pool';
import type { Handlers } from '../../src/shared/ipc/handlers';
import { completeOrder } from '../support/orders';
import { corpusPgm, ensureCorpus, type CorpusPage } from '../main/scan/corpus/generate';
import { batchPlan, BENCH_DEVICE, benchDriver, openBenchStation } from './bench-stack';

const BATCHES = Number(process.env.DAY_BATCHES ?? 10);
const PAGES = 100;
const SAVES_PER_BATCH = 50;
const MB = 1024 * 1024;

const CLERK = {
  username: 'bench.clerk',
  displayName: 'Bench Clerk',
  roles: ['court_clerk' as const],
  orgOri: 'CA001013J',
  county: 'Alameda',
  cletsCertified: false,
};

/** RSS after the garbage collector has run (twice: finalisers free more on the second pass). */
async function settledRss(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 2; i += 1) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.memoryUsage.rss();
}

async function main(): Promise<void> {
  if ((globalThis as { gc?: unknown }).gc === undefined)
    console.log('note: run with --expose-gc for settled RSS figures');
  const plan = batchPlan(PAGES);
  const dir = mkdtempSync(join(tmpdir(), 'bench-day-'));
  // The pages are made (sharp, the corpus generator) in a process of their own and read from disk
  // one at a time, as a scanner driver reads its page files: the harness adds nothing to the RSS.
  const pages = join(dir, 'pages');
  execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--prepare', pages], {
    stdio: 'inherit',
  });
  const page = (name: CorpusPage): Uint8Array => new Uint8Array(readFileSync(join(pages, `${name}.pgm`)));
  const { store, settings } = await openBenchStation(dir);
  const log = silentLog();
  const bus = new StationEventBus(log);
  const pool = new PageWorkerPool();
  const controller = new ScanController({
    drivers: [benchDriver(plan, page)],
    store,
    settings,
    bus,
    pool: () => pool,
    log,
  });
  // Saves go through the dispatcher the hosts call: validation, then the drafts handler.
  const dispatch = createDispatcher(
    draftHandlers({
      store,
      settings,
      user: () => CLERK,
      audit: () => undefined,
      changed: () => undefined,
    }) as Handlers,
    log,
  );
  let completions = 0;
  let notify: (() => void) | null = null;
  bus.subscribe((name) => {
    if (name === 'batch:complete') {
      completions += 1;
      notify?.();
    }
  });

  const harnessRss = await settledRss();
  let sampledPeak = harnessRss;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
  }, 20);
  const t0 = performance.now();
  const afterBatch: number[] = [];
  let saves = 0;
  let orders = 0;
  for (let b = 0; b < BATCHES; b += 1) {
    const complete = new Promise<void>((resolve) => {
      const target = completions + 1;
      notify = () => {
        if (completions >= target) resolve();
      };
    });
    const started = await controller.start(BENCH_DEVICE, {
      resolutionDpi: 300,
      output: 'bilevel',
      duplex: false,
      separation: 'cover-sheet',
      fixedCount: 2,
    });
    await complete;
    orders += (await controller.commit(started.id)).length;
    controller.sweepBlobs();
    // The clerk types between batches: fifty saves of growing drafts.
    const ids = Array.from({ length: 5 }, () => randomUUID());
    for (let i = 0; i < SAVES_PER_BATCH; i += 1) {
      const id = ids[i % ids.length] as string;
      const order = completeOrder({ id, caseNumber: `FL-${b}-${i}`.padEnd(12, '0') });
      const result = await dispatch('drafts:save', { order });
      if (!result.ok) throw new Error(`save ${saves} refused: ${result.error.message}`);
      saves += 1;
    }
    const rss = await settledRss();
    afterBatch.push(rss);
    console.log(
      `batch ${b + 1}: ${orders} orders so far, ${saves} saves; RSS after GC ${(rss / MB).toFixed(0)} MB, ` +
        `heap ${(process.memoryUsage().heapUsed / MB).toFixed(0)} MB, external ${(process.memoryUsage().external / MB).toFixed(0)} MB`,
    );
  }
  clearInterval(sampler);
  const seconds = (performance.now() - t0) / 1000;
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const peak = Math.max(maxRss, sampledPeak);
  const second = afterBatch[1] ?? afterBatch[0] ?? 0;
  const last = afterBatch[afterBatch.length - 1] ?? 0;
  const growthPct = second === 0 ? 0 : ((last - second) / second) * 100;
  await controller.close();
  await pool.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(
    `page workers: ${pool.size}; before the first batch ${(harnessRss / MB).toFixed(0)} MB; ` +
      `peak ${(peak / MB).toFixed(0)} MB (maxRSS ${(maxRss / MB).toFixed(0)}, sampled ${(sampledPeak / MB).toFixed(0)}); ` +
      `after batch 2 ${(second / MB).toFixed(0)} MB, after batch ${BATCHES} ${(last / MB).toFixed(0)} MB`,
  );
  const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;
  console.log(
    JSON.stringify({
      bench: 'day',
      batches: BATCHES,
      saves,
      peak_rss_mb: round(peak / MB, 0),
      growth_pct: round(growthPct),
      seconds: round(seconds, 0),
    }),
  );
}

/** Writes the plan's pages as PGM files into `dir` (run in a child process by main). */
async function prepare(dir: string): Promise<void> {
  const corpus = await ensureCorpus();
  mkdirSync(dir, { recursive: true });
  for (const name of new Set(batchPlan(PAGES)))
    writeFileSync(join(dir, `${name}.pgm`), await corpusPgm(corpus, name));
}

const prepareAt = process.argv.indexOf('--prepare');
if (prepareAt >= 0) await prepare(process.argv[prepareAt + 1] as string);
else await main();
