/**
 * `npm run bench:scan`: a 100-page batch (Letter, 2550×3300 at 300 dpi, delivered as PGM the way
 * `scanimage` delivers pages) through the whole pipeline: workers, separation on cover sheets,
 * naming, PDF rendering, a directory sink. Printed beside what `scanimage -d test` takes to deliver
 * 100 pages and what img2pdf takes to wrap the same pages. Figures only; nothing here asserts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanEvent } from '../../src/main/scan/driver';
import { DirectoryOrderSink } from '../../src/main/scan/pipeline/fs-sink';
import { runBatch, type BatchResult } from '../../src/main/scan/pipeline/run-batch';
import { PageWorkerPool } from '../../src/main/scan/worker/pool';
import { parseNamingTemplate } from '../../src/shared/naming';
import { corpusPgm, ensureCorpus, type CorpusPage } from '../scan/corpus/generate';

const PAGES = 100;
const CONTENT: CorpusPage[] = [
  'form-1',
  'form-2',
  'handwritten',
  'form-3',
  'form-speckled',
  'back-blank-noise',
  'form-skewed',
  'form-low-contrast',
  'back-few-words',
];
const COVERS: CorpusPage[] = ['cover-a', 'cover-b-skewed', 'cover-c-upside-down'];
const TEXT_PAGES = new Set<CorpusPage>([
  'form-1',
  'form-2',
  'form-3',
  'form-speckled',
  'form-skewed',
  'form-low-contrast',
]);

function batchPlan(): CorpusPage[] {
  const plan: CorpusPage[] = [];
  for (let order = 0; plan.length < PAGES; order += 1) {
    plan.push(COVERS[order % COVERS.length] as CorpusPage);
    for (const page of CONTENT) if (plan.length < PAGES) plan.push(page);
  }
  return plan;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

interface RunFigures {
  wallS: number;
  pagesPerS: number;
  slowestWindowPagesPerS: number;
  workerP95: number;
  latencyP95: number;
  pdfBytes: number;
  includedPages: number;
  textPageKb: number;
  result: BatchResult;
  /** Process CPU (user + system, all threads) per page, ms. */
  cpuMsPerPage: number;
}

async function runOnce(
  plan: CorpusPage[],
  pgm: Map<CorpusPage, Uint8Array>,
  output: 'bilevel' | 'gray',
  pool: PageWorkerPool,
): Promise<RunFigures> {
  const sinkDir = mkdtempSync(join(tmpdir(), `bench-scan-${output}-`));
  async function* source(): AsyncIterable<ScanEvent> {
    for (const [i, name] of plan.entries()) {
      // Let the runner's callbacks run between pages, as a real scanner's delivery would.
      await Promise.resolve();
      // A fresh copy each time: the pipeline transfers (and so detaches) the page's buffer.
      const bytes = (pgm.get(name) as Uint8Array).slice();
      yield {
        type: 'page',
        page: {
          index: i + 1,
          side: 'front',
          sheet: i + 1,
          format: 'pnm',
          bytes,
          origin: `bench:${name}`,
          resolutionDpi: 300,
        },
      };
    }
  }
  const workerMs: number[] = [];
  const latency: number[] = [];
  const doneAt: number[] = [];
  const imageKb = new Map<number, number>();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const run = runBatch(source(), {
    source: 'feeder',
    method: { kind: 'cover-sheet' },
    processing: { output },
    pool,
    sink: new DirectoryOrderSink(sinkDir),
    station: {
      courtOri: 'CA001015J',
      courtName: 'Superior Court of California, County of Alameda',
      county: 'Alameda',
      station: 'BENCH',
      namingTemplate: parseNamingTemplate('{county}_{case}_{form}_{date}_{seq}'),
    },
    drafts: (draftId) =>
      Promise.resolve({ draftId, caseNumber: `FL-${draftId.slice(0, 6)}`, formId: 'DV-110' }),
    onEvent: (e) => {
      if (e.type !== 'processed') return;
      workerMs.push(e.workerMs);
      latency.push(e.ms);
      doneAt.push(performance.now() - t0);
      if (e.page.image) imageKb.set(e.page.index, e.page.image.size / 1024);
    },
  });
  const result = await run.done;
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  doneAt.sort((a, b) => a - b);
  let slowest = Infinity;
  for (let i = 10; i < doneAt.length; i += 1)
    slowest = Math.min(slowest, 10 / (((doneAt[i] ?? 0) - (doneAt[i - 10] ?? 0)) / 1000));
  const pdfBytes = readdirSync(sinkDir)
    .filter((f) => f.endsWith('.pdf'))
    .reduce((s, f) => s + statSync(join(sinkDir, f)).size, 0);
  const includedPages = result.orders.reduce((s, o) => s + o.includedPages, 0);
  const textKb = plan.flatMap((name, i) => (TEXT_PAGES.has(name) ? [imageKb.get(i + 1) ?? 0] : []));
  rmSync(sinkDir, { recursive: true, force: true });
  return {
    wallS,
    pagesPerS: plan.length / wallS,
    slowestWindowPagesPerS: slowest,
    workerP95: percentile(workerMs, 95),
    latencyP95: percentile(latency, 95),
    pdfBytes,
    includedPages,
    textPageKb: Math.max(...textKb),
    result,
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
  const plan = batchPlan();
  const pgm = new Map<CorpusPage, Uint8Array>();
  for (const name of new Set(plan)) pgm.set(name, await corpusPgm(corpus, name));

  const harnessRss = process.memoryUsage.rss();
  let peakRss = harnessRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 10);
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const pool = new PageWorkerPool();
  // Warm the workers (module load, JIT) on a few pages so the figures are the sustained rate.
  await runOnce(plan.slice(0, 2 * pool.size), pgm, 'bilevel', pool);
  const bilevel = await runOnce(plan, pgm, 'bilevel', pool);
  const gray = await runOnce(plan, pgm, 'gray', pool);
  await pool.close();
  clearInterval(sampler);

  const orders = bilevel.result.orders.length;
  const flagged = bilevel.result.flags.length;
  console.log(`cores: ${availableParallelism()}, page workers: ${pool.size}`);
  console.log(
    `pipeline, bilevel (CCITT G4): ${PAGES} pages in ${bilevel.wallS.toFixed(1)} s = ${bilevel.pagesPerS.toFixed(1)} pages/s ` +
      `(slowest 10-page stretch ${bilevel.slowestWindowPagesPerS.toFixed(1)} pages/s); worker ms/page p95 ${bilevel.workerP95.toFixed(0)}, ` +
      `latency p95 ${bilevel.latencyP95.toFixed(0)} ms; ${orders} orders, ${flagged} flags; ` +
      `${(bilevel.pdfBytes / 1024 / bilevel.includedPages).toFixed(1)} KB per PDF page, largest text page ${bilevel.textPageKb.toFixed(1)} KB; ` +
      `CPU ${bilevel.cpuMsPerPage.toFixed(0)} ms/page (all threads), i.e. ${(2000 / bilevel.cpuMsPerPage).toFixed(1)} pages/s if two cores were free`,
  );
  console.log(
    `pipeline, gray (JPEG q70): ${PAGES} pages in ${gray.wallS.toFixed(1)} s = ${gray.pagesPerS.toFixed(1)} pages/s; ` +
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
