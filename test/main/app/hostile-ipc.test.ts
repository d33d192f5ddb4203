/**
 * Hostile calls through a real station's dispatcher (test/support/hostile-ipc.ts): no call crashes
 * the station or answers outside `{ ok, value }` / `{ ok, error }`, no refused call writes, and the
 * station works normally afterwards. HOSTILE_IPC_CALLS sets the count (default 1,200 here;
 * `npm run soak:ipc` makes 100,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runHostileIpc } from '../../support/hostile-ipc';

const CALLS = Number(process.env.HOSTILE_IPC_CALLS ?? 1_200);
const SEED = Number(process.env.HOSTILE_IPC_SEED ?? 18);
const dir = mkdtempSync(join(tmpdir(), 'hostile-ipc-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('hostile station API calls (generated, real station)', () => {
  it(`${CALLS} calls signed out, signed in and locked: every one answered, no refused call writes, the station works after`, async () => {
    const report = await runHostileIpc({ calls: CALLS, seed: SEED, dir });
    expect(report.problems).toEqual([]);
    expect(report.crashes).toBe(0);
    expect(report.writesFromRefused).toBe(0);
    expect(report.calls).toBe(CALLS);
    expect(report.refused).toBeGreaterThan(CALLS / 2);
    // Every state was reached, and some calls were well-formed enough to be carried out.
    expect(report.byState['signed-out']).toBeGreaterThan(0);
    expect(report.byState['signed-in']).toBeGreaterThan(0);
    expect(report.byState.locked).toBeGreaterThan(0);
    expect(report.accepted).toBeGreaterThan(0);
    expect(report.worksAfter).toBe(true);
  }, 300_000);
});
