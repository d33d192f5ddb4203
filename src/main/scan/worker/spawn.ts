/**
 * Starting a page worker from built JavaScript (the packaged app) or from TypeScript source (tests,
 * benchmarks, development under tsx). Node 20 cannot run .ts itself, so a source worker is started
 * from a tiny ESM bootstrap that loads it through tsx's API.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** How a page worker runs: 'background' lowers its CPU priority (see page-worker.ts). */
export type PageWorkerPriority = 'background' | 'normal';

export function spawnPageWorker(priority: PageWorkerPriority = 'background'): Worker {
  const workerData = { priority };
  const js = new URL('./page-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData });
  const ts = new URL('./page-worker.ts', import.meta.url);
  const require = createRequire(import.meta.url);
  // The package exports only the CommonJS build to require.resolve; the ESM build sits beside it.
  const api = pathToFileURL(require.resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;
  const code = `import { tsImport } from ${JSON.stringify(api)};\nawait tsImport(${JSON.stringify(ts.href)}, import.meta.url);\n`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), { workerData });
}
