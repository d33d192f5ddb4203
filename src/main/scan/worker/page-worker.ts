/**
 * Worker-thread entry: a message loop around processPage. Result bytes are transferred back.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import type { PageTask } from './page-task';
import { processPage } from './process-page';
import type { PageWorkerPriority } from './spawn';

interface Request {
  readonly id: number;
  readonly task: PageTask;
}

// Pages never repeat, so libvips' operation cache only holds memory; and the pool already runs one
// worker per core, so each worker's libvips uses one thread rather than competing with the others.
sharp.cache(false);
sharp.concurrency(1);

/** A background niceness: the page workers yield the CPU to the operator's screen when cores are busy. */
const BACKGROUND_NICE = 10;
// Page processing is batch work: while it keeps every core busy, the renderer and the station's main
// thread (progress, IPC) must still get the CPU, or the screen stutters during a scan. On Linux
// setpriority(0) applies to the calling thread only, so this lowers just this worker (and the threads
// libvips starts from it); an idle machine runs it as fast as before. Elsewhere it would lower the
// whole station process, so it is left alone there.
const priority = (workerData as { priority?: PageWorkerPriority } | null)?.priority ?? 'background';
if (process.platform === 'linux' && priority === 'background') {
  try {
    setPriority(BACKGROUND_NICE);
  } catch {
    // Not permitted (a sandbox, a container policy): the worker runs at normal priority.
  }
}

const port = parentPort;
if (!port) throw new Error('page-worker must run in a worker thread');

port.on('message', (request: Request) => {
  void processPage(request.task).then((result) => {
    if (!result.ok) {
      port.postMessage({ id: request.id, result });
      return;
    }
    // Transfer a buffer only when the image owns it whole (Node's pooled small buffers cannot move).
    let bytes = result.image.bytes;
    if (
      !(bytes.buffer instanceof ArrayBuffer) ||
      bytes.byteOffset !== 0 ||
      bytes.byteLength !== bytes.buffer.byteLength
    ) {
      bytes = bytes.slice();
    }
    const out = { ...result, image: { ...result.image, bytes } };
    port.postMessage({ id: request.id, result: out }, [bytes.buffer as ArrayBuffer]);
  });
});
