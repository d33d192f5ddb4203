/**
 * Worker-thread entry: a message loop around processPage. Result bytes are transferred back.
 */
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import type { PageTask } from './page-task';
import { processPage } from './process-page';

interface Request {
  readonly id: number;
  readonly task: PageTask;
}

// Pages never repeat, so libvips' operation cache only holds memory; and the pool already runs one
// worker per core, so each worker's libvips uses one thread rather than competing with the others.
sharp.cache(false);
sharp.concurrency(1);

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
