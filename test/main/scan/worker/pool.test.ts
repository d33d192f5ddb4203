import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PageWorkerPool } from '../../../../src/main/scan/worker/pool';
import { DEFAULT_PROCESSING } from '../../../../src/main/scan/worker/page-task';

function pgm(width: number, height: number, fill: number): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
  const out = new Uint8Array(header.length + width * height).fill(fill);
  out.set(header);
  return out;
}

describe('page worker pool (real worker threads)', () => {
  it('transfers page bytes to the worker without a copy, and returns results for every page', async () => {
    const pool = new PageWorkerPool(2);
    try {
      const pages = [pgm(850, 1100, 245), pgm(850, 1100, 245), pgm(850, 1100, 245)];
      const results = await Promise.all(
        pages.map((bytes, i) =>
          pool.run({ index: i + 1, format: 'pnm', bytes, resolutionDpi: 100, options: DEFAULT_PROCESSING }),
        ),
      );
      // A transferred ArrayBuffer is detached on this side: proof that it moved rather than was copied.
      expect(pages.map((p) => p.byteLength)).toEqual([0, 0, 0]);
      expect(results.map((r) => r.ok && r.blank.blank)).toEqual([true, true, true]);
    } finally {
      await pool.close();
    }
  });

  it('copies rather than transfers a view into a larger buffer, which stays usable', async () => {
    const pool = new PageWorkerPool(1);
    try {
      const big = new Uint8Array(pgm(100, 100, 255).length + 16);
      const view = big.subarray(16);
      view.set(pgm(100, 100, 255));
      const result = await pool.run({
        index: 1,
        format: 'pnm',
        bytes: view,
        resolutionDpi: 100,
        options: DEFAULT_PROCESSING,
      });
      expect(result.ok).toBe(true);
      expect(big.byteLength).toBe(10_031);
    } finally {
      await pool.close();
    }
  });

  it('returns a bad page as an error result', async () => {
    const pool = new PageWorkerPool(1);
    try {
      const result = await pool.run({
        index: 4,
        format: 'pnm',
        bytes: new Uint8Array([1, 2, 3]),
        resolutionDpi: 300,
        options: DEFAULT_PROCESSING,
      });
      expect(result).toMatchObject({ ok: false, index: 4, error: { code: 'CORRUPT_IMAGE' } });
      const bad = await pool.run({
        index: 5,
        format: 'pnm',
        bytes: pgm(10, 10, 0),
        resolutionDpi: 5000,
        options: DEFAULT_PROCESSING,
      });
      expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_RESOLUTION' } });
    } finally {
      await pool.close();
    }
  });

  // Linux only: elsewhere the workers keep normal priority (setpriority would lower the whole process).
  const niceOf = (tid: string) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // Fields after "(comm) ": state is field 3, nice is field 19.
    return Number(stat.slice(stat.lastIndexOf(') ') + 2).split(' ')[16]);
  };
  /** The niceness of the threads a new one-worker pool started, after it processed one page. */
  const workerNiceness = async (open: () => PageWorkerPool) => {
    const before = new Set(readdirSync('/proc/self/task'));
    const pool = open();
    try {
      await pool.run({
        index: 1,
        format: 'pnm',
        bytes: pgm(100, 100, 255),
        resolutionDpi: 100,
        options: DEFAULT_PROCESSING,
      });
      return readdirSync('/proc/self/task')
        .filter((tid) => !before.has(tid))
        .map(niceOf);
    } finally {
      await pool.close();
    }
  };

  it.runIf(process.platform === 'linux')(
    'on Linux runs page work below the main thread: niceness 10 on the worker, 0 on the main thread',
    async () => {
      const added = await workerNiceness(() => new PageWorkerPool(1));
      expect(niceOf(String(process.pid))).toBe(0);
      expect(added).toContain(10);
    },
  );

  it.runIf(process.platform === 'linux')('keeps normal priority when asked to', async () => {
    const added = await workerNiceness(() => new PageWorkerPool(1, { priority: 'normal' }));
    expect(added.length).toBeGreaterThan(0);
    expect(added).not.toContain(10);
  });
});
