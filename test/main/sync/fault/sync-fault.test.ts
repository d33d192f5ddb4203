/**
 * Sync under real faults, with real processes: the station (store + sync worker, station-child.ts)
 * is SIGKILLed at random points while it saves and syncs (≥ 200 kills; SYNC_FAULT_LONG=1 for 1000),
 * the registry process (registry-child.ts, PGlite on disk) is SIGKILLed and restarted now and then,
 * and every request goes through a loopback proxy that cuts, stalls, delays, duplicates and
 * reorders requests and answers 500s. Then, with the network healthy, each station drains, and:
 * every acknowledged draft is on the registry exactly once with the station's latest data, every
 * image matches its SHA-256, the outbox is empty and PRAGMA integrity_check says ok. The counts are
 * printed. SYNC_FAULT_KILLS overrides the number of kills, SYNC_FAULT_SEED the seed.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAULTS, FaultProxy, sleep, type Fault } from '../support/fault-proxy';
import { checkCreatedOnce, checkStations, newAcknowledged, prng, record } from './ledger';
import { start } from './processes';
import { openFaultRig } from './rig';

const LONG = process.env.SYNC_FAULT_LONG === '1';
const KILLS = Number(process.env.SYNC_FAULT_KILLS ?? (LONG ? 1000 : 200));
const SEED = Number(process.env.SYNC_FAULT_SEED ?? Date.now() % 1_000_000);
/** Stations killed side by side (each with its own data folder). */
const SLOTS = Number(process.env.SYNC_FAULT_SLOTS ?? 3);
const REGISTRY_KILL_EVERY = 50;
/** Share of requests the proxy mistreats. */
const FAULT_RATE = 0.15;

describe('sync fault test (real processes)', () => {
  it(`keeps every acknowledged change exactly once through ${KILLS} station kills, registry kills and a faulty network`, async () => {
    const started = Date.now();
    const random = prng(SEED);
    const rig = await openFaultRig('sync-fault-');
    const { root, stationRun, direct, tokensFile, pdfDir } = rig;
    const proxy = new FaultProxy(
      { host: '127.0.0.1', port: rig.port },
      () =>
        random() < FAULT_RATE ? (FAULTS[1 + Math.floor(random() * (FAULTS.length - 1))] as Fault) : 'pass',
      () => Math.floor(random() * 300),
    );
    try {
      await proxy.listen();
      const slots = Array.from({ length: SLOTS }, (_, i) => ({
        env: {
          STATION_DIR: join(root, `station-${i}`),
          KEY_DIR: join(root, `keys-${i}`),
          REGISTRY_URL: proxy.url,
          TOKENS_FILE: tokensFile,
          PDF_DIR: pdfDir,
        },
        acknowledged: newAcknowledged(),
      }));
      let kills = 0;
      let earlyKills = 0;
      let registryKills = 0;
      const crashes: string[] = [];
      const registryState: { restarting: Promise<void> | null } = { restarting: null };
      const restartRegistry = () =>
        rig.restartRegistry(random, () => {
          registryKills += 1;
        });

      const runSlot = async (slot: (typeof slots)[number]) => {
        while (kills < KILLS) {
          const life = start(stationRun, {
            ...slot.env,
            SEED: String(1 + Math.floor(random() * 1e9)),
            MODE: 'work',
          });
          const early = random() < 0.1;
          if (early) {
            await sleep(random() * 400);
          } else {
            await life.waitFor(/^READY$/, 120_000);
            await sleep(50 + random() * 700);
          }
          if (life.process.exitCode !== null)
            crashes.push(`station exited by itself (${life.process.exitCode}): ${life.stderr()}`);
          await life.kill();
          kills += 1;
          if (early) earlyKills += 1;
          record(slot.acknowledged, life.lines);
          if (kills % REGISTRY_KILL_EVERY === REGISTRY_KILL_EVERY / 2 && registryState.restarting === null) {
            registryState.restarting = restartRegistry().finally(() => {
              registryState.restarting = null;
            });
          }
        }
      };
      await Promise.all(slots.map(runSlot));
      await registryState.restarting;
      const killPhase = (Date.now() - started) / 1000;

      // Recovery: a healthy network, each station drains to the end.
      proxy.decide = () => 'pass';
      const drained: unknown[] = [];
      for (const slot of slots) {
        const life = start(stationRun, { ...slot.env, SEED: '7', MODE: 'drain' });
        const line = await life.waitFor(/^(DRAINED|STUCK) /, 240_000);
        drained.push(JSON.parse(line.slice(line.indexOf(' ') + 1)) as unknown);
        await life.exited;
      }

      // Verification, straight against the registry (no proxy) and the station databases.
      const ledger = await checkStations(
        slots.map((slot, i) => ({
          name: `station ${i}`,
          dataDir: slot.env.STATION_DIR,
          keyDir: slot.env.KEY_DIR,
          acknowledged: slot.acknowledged,
          synced: true,
        })),
        direct,
      );
      await checkCreatedOnce(direct, ledger);
      const { lost, duplicated, conflicts, rejected, problems } = ledger;

      const acknowledgedSaves = slots.reduce((n, s) => n + s.acknowledged.saves.size, 0);
      const acknowledgedImages = slots.reduce((n, s) => n + s.acknowledged.images.size, 0);
      const submits = slots.reduce((n, s) => n + s.acknowledged.submitted.size, 0);
      console.log(
        [
          `sync fault test (seed ${SEED}): ${kills} station kill points (${earlyKills} during start-up), ${registryKills} registry kills,`,
          `${ledger.drafts} submissions (drafts) with ${acknowledgedSaves} acknowledged drafts, ${acknowledgedImages} acknowledged images, ${submits} submits;`,
          `lost ${lost}, duplicated ${duplicated}, conflicts ${conflicts}, rejected ${rejected}; ${ledger.imagesVerified} images verified by SHA-256;`,
          `proxy faults ${JSON.stringify(proxy.counts)}; kill phase ${killPhase.toFixed(0)} s, total ${((Date.now() - started) / 1000).toFixed(0)} s`,
        ].join('\n'),
      );
      expect(crashes).toEqual([]);
      expect(problems).toEqual([]);
      expect(drained.every((d) => (d as { pendingChanges: number }).pendingChanges === 0)).toBe(true);
      expect(kills).toBeGreaterThanOrEqual(KILLS);
      expect(ledger.mismatched).toBe(0);
      expect(ledger.integrityFailures).toBe(0);
      expect(ledger.outboxLeft).toBe(0);
      expect(lost).toBe(0);
      expect(duplicated).toBe(0);
      expect(conflicts).toBe(0);
      expect(rejected).toBe(0);
    } finally {
      await proxy.close();
      await rig.close();
    }
  }, 1_800_000);
});
