/**
 * `npm run bench:scan`: a 100-page batch (Letter, 2550×3300 at 300 dpi, delivered as PGM the way
 * `scanimage` delivers pages) through the station's own scan path: the scan controller with its
 * page workers and the encrypted station store, separation on cover sheets for review, then the
 * commit that names, renders and attaches one PDF per order. The only stand-in is the scanner,
 * which feeds the generated pages as fast as the controller takes them. Printed beside what
 * `scanimage -d test` takes to deliver 100 pages and what img2pdf takes to wrap the same pages.
 * Figures only; nothing here asserts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { StationEventBus } from '../../src/main/app/event-bus';
import { silentLog } from '../../src/main/log/station-log';
import { ScanController } from '../../src/main/scan/batch/scan-controller';
import { PageWorkerPool } from '../../src/main/scan/worker/pool';
import type { PageTask, PageTaskResult } from '../../src/main/scan/worker/page-task';
import type { BatchDto } from '../../src/shared/ipc';
import { corpusPgm, ensureCorpus, type CorpusPage } from '../main/scan/corpus/generate';
import { batchPlan, BENCH_DEVICE, benchDriver, openBenchStation, TEXT_PAGES } from './bench-stack';

const PAGES = 100;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

interface RunFigures {
  wallS: number;
  scanS: number;
  commitS: number;
  pagesPerS: number;
  slowestWindowPagesPerS: number;
  workerP95: number;
  pdfBytes: number;
  includedPages: number;
  textPageKb: number;
  orders: number;
  flags: number;
  /** Process CPU (user + system, all threads) per page, ms. */
  cpuMsPerPage: number;
}

/** The pool the station uses, timing each page's work in the worker (decode + analysis + encoding). */
class TimedPool extends PageWorkerPool {
  readonly workerMs: number[] = [];
  readonly doneAt: number[] = [];
  readonly imageKb = new Map<number, number>();
  t0 = 0;

  override async run(task: PageTask): Promise<PageTaskResult> {
    const result = await super.run(task);
    this.doneAt.push(performance.now() - this.t0);
    if (result.ok) {
      this.workerMs.push(result.timings.decodeMs + result.timings.analyseMs + result.timings.encodeMs);
      this.imageKb.set(task.index, result.image.bytes.length / 1024);
    }
    return result;
  }

  reset(): void {
    this.workerMs.length = 0;
    this.doneAt.length = 0;
    this.imageKb.clear();
    this.t0 = performance.now();
  }
}

async function runOnce(
  plan: CorpusPage[],
  pgm: Map<CorpusPage, Uint8Array>,
  output: 'bilevel' | 'gray',
  pool: TimedPool,
): Promise<RunFigures> {
  const dir = mkdtempSync(join(tmpdir(), `bench-scan-${output}-`));
  const { store, settings } = await openBenchStation(dir);
  const log = silentLog();
  const bus = new StationEventBus(log);
  const controller = new ScanController({
    drivers: [benchDriver(plan, (name) => (pgm.get(name) as Uint8Array).slice())],
    store,
    settings,
    bus,
    pool: () => pool,
    log,
  });
  const complete = new Promise<void>((resolve) => {
    bus.subscribe((name) => {
      if (name === 'batch:complete') resolve();
    });
  });
  pool.reset();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const started = await controller.start(BENCH_DEVICE, {
    resolutionDpi: 300,
    output,
    duplex: false,
    separation: 'cover-sheet',
    fixedCount: 2,
  });
  await complete;
  const scanned = performance.now();
  const batch = controller.current() as BatchDto;
  const saved = await controller.commit(started.id);
  const end = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const wallS = (end - t0) / 1000;

  const doneAt = [...pool.doneAt].sort((a, b) => a - b);
  let slowest = Infinity;
  for (let i = 10; i < doneAt.length; i += 1)
    slowest = Math.min(slowest, 10 / (((doneAt[i] ?? 0) - (doneAt[i - 10] ?? 0)) / 1000));
  // A draft holds every order saved with its cover sheet: count each document once.
  const docs = new Map(
    saved.flatMap((o) => (o.draftId ? store.documents.forDraft(o.draftId) : [])).map((d) => [d.id, d]),
  );
  const pdfBytes = [...docs.values()].reduce((sum, d) => sum + d.byteSize, 0);
  const includedPages = saved.reduce((sum, o) => sum + o.pageCount, 0);
  const textKb = plan.flatMap((name, i) => (TEXT_PAGES.has(name) ? [pool.imageKb.get(i + 1) ?? 0] : []));
  const flags =
    batch.flags.length +
    batch.orders.reduce((sum, o) => sum + o.issues.length, 0) +
    batch.pages.reduce((sum, p) => sum + p.flags.length, 0);
  await controller.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    wallS,
    scanS: (scanned - t0) / 1000,
    commitS: (end - scanned) / 1000,
    pagesPerS: plan.length / wallS,
    slowestWindowPagesPerS: slowest,
    workerP95: percentile(pool.workerMs, 95),
    pdfBytes,
    includedPages,
    textPageKb: Math.max(...textKb),
    orders: saved.length,
    flags,
    cpuMsPerPage: (cpu.user + cpu.system) / 1000 / plan.length,
  };
}

function timeScanimage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-scanimage-'));
  try {
    const t0 = performance.now();
    for (let run = 0; run < 10; run += 1) {
      execFileSync(
        'scanimage',
        [
          '-d',
          'test',
          '--source',
          'Automatic Document Feeder',
          '--mode',
          'Gray',
          '--resolution',
          '300',
          '-x',
          '200',
          '-y',
          '200',
          `--batch=${join(dir, `r${run}-%d.pnm`)}`,
        ],
        { stdio: 'ignore' },
      );
    }
    const s = (performance.now() - t0) / 1000;
    const n = readdirSync(dir).length;
    return `scanimage -d test: ${n} pages (200×200 mm, the test backend's largest, 300 dpi gray) in ${s.toFixed(1)} s = ${(n / s).toFixed(1)} pages/s`;
  } catch (error) {
    return `scanimage -d test: not run (${String(error).split('\n')[0]})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function timeImg2pdf(corpus: string, plan: CorpusPage[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-img2pdf-'));
  try {
    const files = plan.map((name) => join(corpus, `${name}.png`));
    const out = join(dir, 'out.pdf');
    const t0 = performance.now();
    execFileSync('img2pdf', ['--pagesize', 'Letter', '-o', out, ...files], { stdio: 'ignore' });
    const s = (performance.now() - t0) / 1000;
    const kb = statSync(out).size / 1024 / plan.length;
    return `img2pdf (same ${plan.length} pages as 8-bit PNG, lossless, no separation): ${s.toFixed(1)} s = ${(plan.length / s).toFixed(1)} pages/s, ${kb.toFixed(0)} KB/page`;
  } catch (error) {
    return `img2pdf: not run (${String(error).split('\n')[0]})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const corpus = await ensureCorpus();
  const plan = batchPlan(PAGES);
  const pgm = new Map<CorpusPage, Uint8Array>();
  for (const name of new Set(plan)) pgm.set(name, await corpusPgm(corpus, name));

  const harnessRss = process.memoryUsage.rss();
  let peakRss = harnessRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 10);
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const pool = new TimedPool();
  // Warm the workers (module load, JIT) on a few pages so the figures are the sustained rate.
  await runOnce(plan.slice(0, 2 * pool.size), pgm, 'bilevel', pool);
  const bilevel = await runOnce(plan, pgm, 'bilevel', pool);
  const gray = await runOnce(plan, pgm, 'gray', pool);
  await pool.close();
  clearInterval(sampler);

  const orders = bilevel.orders;
  const flagged = bilevel.flags;
  console.log(`cores: ${availableParallelism()}, page workers: ${pool.size}`);
  console.log(
    `station scan path, bilevel (CCITT G4): ${PAGES} pages scanned, reviewed and saved in ${bilevel.wallS.toFixed(1)} s = ${bilevel.pagesPerS.toFixed(1)} pages/s ` +
      `(scan ${bilevel.scanS.toFixed(1)} s, commit ${bilevel.commitS.toFixed(1)} s; slowest 10-page stretch ${bilevel.slowestWindowPagesPerS.toFixed(1)} pages/s); ` +
      `worker ms/page p95 ${bilevel.workerP95.toFixed(0)}; ${orders} orders, ${flagged} flags; ` +
      `${(bilevel.pdfBytes / 1024 / bilevel.includedPages).toFixed(1)} KB per PDF page, largest text page ${bilevel.textPageKb.toFixed(1)} KB; ` +
      `CPU ${bilevel.cpuMsPerPage.toFixed(0)} ms/page (all threads), i.e. ${(2000 / bilevel.cpuMsPerPage).toFixed(1)} pages/s if two cores were free`,
  );
  console.log(
    `station scan path, gray (JPEG q70): ${PAGES} pages in ${gray.wallS.toFixed(1)} s = ${gray.pagesPerS.toFixed(1)} pages/s ` +
      `(scan ${gray.scanS.toFixed(1)} s, commit ${gray.commitS.toFixed(1)} s); ` +
      `worker ms/page p95 ${gray.workerP95.toFixed(0)}; ${(gray.pdfBytes / 1024 / gray.includedPages).toFixed(1)} KB per PDF page; ` +
      `CPU ${gray.cpuMsPerPage.toFixed(0)} ms/page, i.e. ${(2000 / gray.cpuMsPerPage).toFixed(1)} pages/s if two cores were free`,
  );
  const cpu = process.cpuUsage(cpuStart);
  const wall = (performance.now() - wallStart) / 1000;
  console.log(
    `process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s over ${wall.toFixed(1)} s wall ` +
      `(${((cpu.user + cpu.system) / 1e6 / wall).toFixed(2)} cores busy; the rest of the machine had the others)`,
  );
  console.log(
    `peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB (main thread and workers; the harness alone, with its ` +
      `${pgm.size} decoded test pages and tsx, was ${(harnessRss / 1024 / 1024).toFixed(0)} MB before the workers started)`,
  );
  console.log(timeScanimage());
  console.log(timeImg2pdf(corpus, plan));
  const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;
  console.log(
    JSON.stringify({
      bench: 'scan',
      pages: PAGES,
      pages_per_s: round(bilevel.pagesPerS),
      page_p95_ms: round(bilevel.workerP95, 0),
      peak_rss_mb: round(peakRss / 1024 / 1024, 0),
      bilevel_kb_per_page: round(bilevel.pdfBytes / 1024 / bilevel.includedPages),
      gray_kb_per_page: round(gray.pdfBytes / 1024 / gray.includedPages),
    }),
  );
}

await main();
