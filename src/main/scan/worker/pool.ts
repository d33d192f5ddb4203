/**
 * A fixed pool of page workers, one per core by default. Tasks queue when every worker is busy;
 * the caller bounds how many it submits (the batch runner keeps a small window) so memory stays
 * flat however fast pages arrive. A worker that dies fails only its own page, with a clear error,
 * and is replaced.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { PageTask, PageTaskResult } from './page-task';
import { spawnPageWorker, type PageWorkerPriority } from './spawn';

interface Pending {
  readonly id: number;
  readonly task: PageTask;
  readonly resolve: (result: PageTaskResult) => void;
}

interface Slot {
  worker: Worker;
  current: Pending | null;
}

export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism());
}

export interface PageWorkerPoolOptions {
  /**
   * 'background' (the station's default) lets the operator's screen come first when every core is
   * busy. 'normal' is for tests that run beside other suites keeping every core busy: there a
   * background worker is starved (a 1 s scan test took over 30 s on CI).
   */
  readonly priority?: PageWorkerPriority;
}

export class PageWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly priority: PageWorkerPriority;
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    readonly size: number = defaultPoolSize(),
    options: PageWorkerPoolOptions = {},
  ) {
    this.priority = options.priority ?? 'background';
    for (let i = 0; i < size; i += 1) this.slots.push(this.startSlot());
  }

  /** Processes a page. The task's bytes are transferred to the worker when they own their buffer. */
  run(task: PageTask): Promise<PageTaskResult> {
    if (this.closed) return Promise.reject(new Error('The page worker pool is closed.'));
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, task, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private startSlot(): Slot {
    const slot: Slot = { worker: spawnPageWorker(this.priority), current: null };
    this.attach(slot);
    return slot;
  }

  private attach(slot: Slot): void {
    slot.worker.on('message', (message: { id: number; result: PageTaskResult }) => {
      const current = slot.current;
      if (current?.id !== message.id) return;
      slot.current = null;
      current.resolve(message.result);
      this.pump();
    });
    const fail = (reason: string): void => {
      const current = slot.current;
      slot.current = null;
      if (current) {
        current.resolve({
          ok: false,
          index: current.task.index,
          error: { code: 'WORKER_FAILED', message: `Processing this page stopped unexpectedly (${reason}).` },
        });
      }
      if (!this.closed) {
        slot.worker.removeAllListeners();
        slot.worker = spawnPageWorker(this.priority);
        this.attach(slot);
        this.pump();
      }
    };
    slot.worker.on('error', (error: Error) => {
      fail(error.message);
    });
    slot.worker.on('exit', (code) => {
      if (!this.closed) fail(`worker exited with code ${code}`);
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.current || this.queue.length === 0) continue;
      const next = this.queue.shift();
      if (!next) return;
      slot.current = next;
      const bytes = next.task.bytes;
      const buffer = bytes.buffer;
      // Transfer only a buffer the page owns outright; a view into a larger or shared one is copied.
      const ownsBuffer =
        buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength;
      slot.worker.postMessage({ id: next.id, task: next.task }, ownsBuffer ? [buffer] : []);
    }
  }
}
