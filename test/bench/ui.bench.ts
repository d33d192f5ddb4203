/**
 * `npm run bench:ui`: the renderer's responsiveness in Debian's Chromium through the browser host.
 * - ready_ms: from the start of the station and its host to an interactive sign-in screen (the
 *   system-use notice loaded: the renderer's `station:ready` mark), the registry already running.
 * - longest_task_ms: the longest main-thread task in the renderer while a 100-page batch is scanned
 *   from the hot folder, processed and shown, and long_tasks: how many ran over 50 ms. The page's
 *   PerformanceObserver('longtask') hears only of tasks over 50 ms (it would say 0 when none passes
 *   the line), so every task is also taken from a Chromium trace of the renderer's main thread
 *   (main-thread-tasks.ts): the longest is the true figure either way; the two must agree above 50 ms.
 * Goals: ready ≤ 700 ms; no task over 50 ms during the batch. Last line: one JSON object.
 */
import { mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';
import { startBrowserHost } from '../../src/main/host';
import { hotFolderOf, openNodeStation } from '../../src/main/host/node-station';
import { totpAt } from '../../src/server/auth/totp';
import { DEMO_PASSWORD, demoTotpSecret } from '../../src/server/seed/directory';
import { startDemoRegistry } from '../../scripts/demo/registry';
import { writeLongStack } from '../../scripts/demo/sample-pages';
import { ScanPage } from '../e2e/pages/scan-page';
import { SignInPage } from '../e2e/pages/sign-in-page';
import { launchChromium, VIEWPORT } from '../e2e/support/browser';
import { traceMainThreadTasks } from './main-thread-tasks';

const ROOT = resolve(import.meta.dirname, '../..');
const PAGES = 100;
type Observed = { __longest?: number; __longTasks?: number };
type Marked = { __ccporMarks?: Record<string, number> };

async function main(): Promise<void> {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const dir = mkdtempSync(join(tmpdir(), 'ccpor-bench-ui-'));
  const staging = join(dir, 'staging');
  console.log(`Generating ${PAGES} sample pages…`);
  await writeLongStack(staging, PAGES);
  const registry = await startDemoRegistry({
    pgliteInMemory: true,
    pbkdf2Iterations: 1000,
    port: 0,
    logLevel: 'silent',
    dataDir: join(dir, 'registry'),
  });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: VIEWPORT });
  // Long tasks are recorded from the first script on, into globals the bench reads.
  await context.addInitScript(() => {
    // The page's own PerformanceObserver (this file is compiled with Node's types, not the DOM's).
    type Observer = new (callback: (list: { getEntries(): { duration: number }[] }) => void) => {
      observe(options: { type: string; buffered: boolean }): void;
    };
    const g = globalThis as unknown as Observed & { PerformanceObserver: Observer };
    g.__longest = 0;
    g.__longTasks = 0;
    new g.PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        g.__longest = Math.max(g.__longest ?? 0, entry.duration);
        g.__longTasks = (g.__longTasks ?? 0) + 1;
      }
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();

  const t0 = performance.now();
  const station = await openNodeStation({
    root: join(dir, 'station'),
    registryUrl: registry.url,
    drivers: { withSaneTest: false, folderIdleMs: 2_000 },
  });
  const host = await startBrowserHost({
    rendererDir: join(ROOT, 'out/renderer'),
    dispatch: station.dispatch,
    bus: station.bus,
    log: station.log,
    onConnection: () => {
      station.clientConnected();
    },
  });
  await page.goto(host.launchUrl()); // one-time address: the host sets its cookie and redirects to /
  const signIn = new SignInPage(page);
  await signIn.ready();
  const readyMs = performance.now() - t0;
  console.log(`ready: ${readyMs.toFixed(0)} ms (host start → interactive sign-in screen)`);

  await signIn.signIn(
    'alameda.clerk',
    DEMO_PASSWORD,
    totpAt(demoTotpSecret('alameda.clerk'), Date.now() / 1000),
  );
  const scan = new ScanPage(page);
  await scan.ready();
  await scan.chooseScanner(/^Hot folder/);
  await scan.setSeparation('Patch T sheets');
  const hot = hotFolderOf(join(dir, 'station'));
  for (const name of readdirSync(staging)) renameSync(join(staging, name), join(hot, name));
  await page.evaluate(() => {
    const g = globalThis as unknown as Observed;
    g.__longest = 0;
    g.__longTasks = 0;
  });
  // The end of the batch is awaited on the mark's DOM event, not by polling: Playwright's default
  // polling runs a callback in every animation frame, work of the harness's own that kept the
  // renderer producing frames for the whole batch and would be measured as the renderer's.
  const complete = page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const g = globalThis as unknown as Marked & {
          addEventListener(name: string, listener: () => void, options: { once: boolean }): void;
        };
        if ((g.__ccporMarks?.['batch:complete'] ?? 0) > 0) resolve();
        else
          g.addEventListener(
            'ccpor:batch:complete',
            () => {
              resolve();
            },
            { once: true },
          );
      }),
  );
  const stopTrace = await traceMainThreadTasks(page);
  const t1 = performance.now();
  await page.getByRole('button', { name: 'Start scanning' }).click();
  await Promise.race([
    complete,
    new Promise((_, reject) => {
      setTimeout(() => {
        reject(new Error('The batch did not complete within 10 minutes.'));
      }, 600_000).unref();
    }),
  ]);
  const batchMs = performance.now() - t1;
  const traced = await stopTrace();
  const progress = await scan.progressText();
  const observed = await page.evaluate(() => {
    const g = globalThis as unknown as Observed;
    return { longest: g.__longest ?? 0, count: g.__longTasks ?? 0 };
  });
  const longest = Math.max(observed.longest, traced.longestMs);
  const count = Math.max(observed.count, traced.over50Ms);
  console.log(`batch: ${progress} in ${(batchMs / 1000).toFixed(1)} s`);
  console.log(
    `main thread: ${traced.tasks} task(s), longest ${longest.toFixed(1)} ms, ${count} over 50 ms ` +
      `(longtask observer: ${observed.count} over 50 ms, longest ${observed.longest.toFixed(0)} ms)`,
  );

  await browser.close();
  await host.close();
  await station.close();
  await registry.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      bench: 'ui',
      ready_ms: Math.round(readyMs),
      longest_task_ms: Math.round(longest * 10) / 10,
      long_tasks: count,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
