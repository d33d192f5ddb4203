/**
 * Nothing a clerk scanned or decided is lost on a crash: a child process scans with the real SANE
 * test backend into a real encrypted store, makes the operator's decisions and is SIGKILLed (no
 * cleanup). A new controller on the same files brings the batch back with its decisions; Retry and
 * the commit go on from there. A batch cut off mid-scan comes back interrupted, ready for Retry.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchDto } from '../../../../src/shared/ipc';
import { useTempDir } from '../../../support/temp';
import { openRig } from './fixtures/scan-controller-rig';

const tempDir = useTempDir('scan-persistence-');

/** Runs the child until it prints a line, then SIGKILLs it; returns that line. */
function runUntilLineThenKill(dir: string, mode: 'decide' | 'mid-scan'): Promise<string> {
  return new Promise((resolve, reject) => {
    const script = join(import.meta.dirname, 'fixtures/scan-then-die.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir, mode], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let line: string | null = null;
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const end = out.indexOf('\n');
      if (end >= 0 && line === null) {
        line = out.slice(0, end);
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && line !== null) resolve(line);
      else reject(new Error(`child exited early (${String(code)}): ${err}`));
    });
  });
}

const orderShape = (b: BatchDto) =>
  b.orders.map((o) => o.pages.map((p) => `${p.pageId}:${p.included ? 'in' : 'out'}:${p.rotation}`));

describe('scan batch across a crash', () => {
  it('comes back after SIGKILL with its pages and decisions; Retry keeps them; the commit saves them', async () => {
    const dir = tempDir();
    const before = JSON.parse(await runUntilLineThenKill(dir, 'decide')) as BatchDto;
    expect(orderShape(before)).toEqual([['p1:in:90', 'p2:out:0'], []]);
    expect(before.unassigned).toEqual(['p3']);

    const rig = await openRig(dir, { env: { JAM_AT_PAGE: '4' } });
    try {
      const after = rig.controller.current();
      expect(after).not.toBeNull();
      const batch = after as BatchDto;
      expect(batch.id).toBe(before.id);
      expect(batch.status).toBe('interrupted');
      expect(batch.stopped?.message).toMatch(/jam/i);
      expect(orderShape(batch)).toEqual(orderShape(before));
      expect(batch.unassigned).toEqual(['p3']);
      expect(batch.pages.map((p) => [p.id, p.flags.map((f) => f.code)])).toEqual(
        before.pages.map((p) => [p.id, p.flags.map((f) => f.code)]),
      );
      expect(await rig.controller.thumbnail(batch.id, 'p2')).toMatch(/^data:image\/jpeg;base64,/);

      // Retry after the restart scans the rest and keeps every decision made before.
      const again = rig.complete();
      rig.controller.retry(batch.id);
      await again;
      const retried = rig.controller.current() as BatchDto;
      expect(retried.pages.map((p) => p.index)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(retried.unassigned).toEqual(['p3']);
      expect(orderShape(retried)).toEqual([['p1:in:90', 'p2:out:0'], ['p4:in:0'], ['p5:in:0', 'p6:in:0']]);

      const saved = await rig.controller.commit(batch.id);
      expect(saved.map((o) => o.pageCount)).toEqual([1, 1, 2]);
      expect(rig.store.scanBatches.open()).toBeNull();
    } finally {
      await rig.close();
    }
    // Committed: a restart shows no batch.
    const later = await openRig(dir);
    try {
      expect(later.controller.current()).toBeNull();
    } finally {
      await later.close();
    }
  }, 120_000);

  it('a batch cut off mid-scan comes back interrupted with the pages recorded, ready for Retry', async () => {
    const dir = tempDir();
    const line = await runUntilLineThenKill(dir, 'mid-scan');
    const processed = Number(line.split(' ')[1]);
    const rig = await openRig(dir);
    try {
      const batch = rig.controller.current() as BatchDto;
      expect(batch.status).toBe('interrupted');
      expect(batch.stopped?.code).toBe('STATION_RESTARTED');
      expect(batch.pages.length).toBeGreaterThanOrEqual(processed);
      expect(batch.pages.map((p) => p.index)).toEqual(batch.pages.map((_, i) => i + 1));
      expect(batch.orders.length).toBeGreaterThan(0);
      // Decisions on the restored batch are recorded like any other.
      rig.controller.edit(batch.id, { kind: 'rotate', pageId: 'p1', rotation: 180 });
      expect(rig.store.scanBatches.open()?.edits).toEqual([{ kind: 'rotate', pageId: 'p1', rotation: 180 }]);
    } finally {
      await rig.close();
    }
  }, 120_000);
});
