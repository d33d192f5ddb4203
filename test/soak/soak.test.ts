/**
 * The soak's CI version: the same runner as `npm run soak`, small (a dozen SIGKILLs of real station,
 * scanner and registry processes, through the seeded fault proxies) with a fixed seed. The ledger
 * must come out clean; the plan must be a function of the seed; and the ledger must catch a loss:
 * after the run, a draft row deleted from a station store and one byte changed in an image on the
 * registry are both found by drawing the ledger again.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStationStore } from '../../src/main/app/station-store';
import { FileSecretStore } from '../../src/main/store';
import type { Ledger } from '../main/sync/fault/ledger';
import { FaultSchedule, planSoak } from './plan';
import { runSoak } from './soak';

/** A seed whose small plan reaches every station phase (one scan kill: each costs a few seconds). */
const SEED = 34;
const SIZE = { seed: SEED, kills: 12, submissions: 40, lanes: 2 };

const faults = (seed: number, lane: number, n: number) => {
  const schedule = new FaultSchedule(seed, lane);
  return Array.from({ length: n }, () => schedule.next());
};

/** Every file under `dir` (the registry's blob store is sharded by hash prefix). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('soak (CI size, real processes)', () => {
  it('the same seed gives the same plan: kill points, registry kills and each lane’s faults', () => {
    expect(planSoak(SIZE)).toEqual(planSoak(SIZE));
    expect(faults(SEED, 1, 2000)).toEqual(faults(SEED, 1, 2000));
    expect(planSoak({ ...SIZE, seed: SEED + 1 }).kills).not.toEqual(planSoak(SIZE).kills);
    expect(faults(SEED, 0, 200)).not.toEqual(faults(SEED, 1, 200));
    // The full size spreads its kills over every phase, and faults over every kind.
    const full = planSoak({ seed: SEED, kills: 1000, submissions: 10_000, lanes: 3 });
    expect(new Set(full.kills.map((k) => k.phase))).toEqual(
      new Set(['startup', 'migration', 'scan', 'save', 'sync', 'upload']),
    );
    expect(full.kills.length + full.registryKillsAfter.length).toBe(1000);
    expect(new Set(faults(SEED, 0, 5000).map((f) => f.fault)).size).toBe(11);
    // The CI plan below reaches the phases its run is meant to cover.
    expect(new Set(planSoak(SIZE).kills.map((k) => k.phase))).toEqual(
      new Set(['startup', 'migration', 'scan', 'save', 'sync', 'upload']),
    );
  });

  it('ends with a clean ledger, and the ledger catches a deleted draft and a changed image byte', async () => {
    let tampered: Ledger | null = null;
    const result = await runSoak({
      ...SIZE,
      progress: (line) => {
        console.log(line);
      },
      inspect: async (scene) => {
        const station = scene.stations[0]!;
        const [victim] = station.acknowledged.saves.keys();
        const store = await openStationStore({
          dataDir: station.dataDir,
          secrets: new FileSecretStore(station.keyDir),
        });
        store.db.pragma('foreign_keys = OFF');
        store.db.prepare('DELETE FROM drafts WHERE id = ?').run(victim);
        store.close();
        const blob = filesUnder(join(scene.registryDir, 'blobs')).find((f) => /[0-9a-f]{64}$/.test(f))!;
        const bytes = readFileSync(blob);
        const middle = bytes.length >> 1;
        bytes.writeUInt8(bytes.readUInt8(middle) ^ 0xff, middle);
        writeFileSync(blob, bytes);
        tampered = await scene.redraw();
      },
    });
    const { problems, ...figures } = result;
    console.log(JSON.stringify(figures));
    expect(problems).toEqual([]);
    expect(result).toMatchObject({ soak: 'ok', lost: 0, duplicated: 0, mismatched: 0, integrity: 'ok' });
    expect(result.kills).toBeGreaterThanOrEqual(SIZE.kills);
    expect(result.kills_by_phase.registry).toBeGreaterThanOrEqual(1);
    expect(result.submissions).toBeGreaterThanOrEqual(SIZE.submissions);
    expect(result.drafts).toBeGreaterThan(0);
    expect(result.audit_events).toBeGreaterThan(0);

    const caught = tampered as Ledger | null;
    expect(caught?.lost).toBeGreaterThanOrEqual(1);
    expect(caught?.mismatched).toBeGreaterThanOrEqual(1);
    expect(caught?.problems.join('\n')).toMatch(/missing locally/);
  }, 300_000);
});
