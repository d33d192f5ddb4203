/**
 * The soak: the sync fault rig (test/main/sync/fault) run to a plan drawn from a seed (plan.ts).
 * Station lanes — each a data folder its station child works in — are SIGKILLed during start-up (the
 * store opening), while saving (worker off), while a sync request or an image upload is in flight
 * (seen at the lane's fault proxy), and during the first open of a fresh store (its migrations); a
 * scanning station (SANE test backend) is killed mid-batch; the registry (PGlite on disk) is killed
 * and restarted. Every request goes through a proxy that applies the lane's seeded fault schedule.
 * Then the network is healthy, each lane drains, and the ledger is drawn (ledger.ts, registry-db.ts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FAULTS, FaultProxy, sleep, type Fault, type ProxiedRequest } from '../main/sync/support/fault-proxy';
import {
  checkCreatedOnce,
  checkStations,
  emptyLedger,
  newAcknowledged,
  prng,
  record,
  type Acknowledged,
  type Ledger,
  type StationUnderCheck,
} from '../main/sync/fault/ledger';
import { prepare, start, type Runnable } from '../main/sync/fault/processes';
import { openFaultRig } from '../main/sync/fault/rig';
import { checkRegistryDatabase } from '../main/sync/fault/registry-db';
import { FaultSchedule, planSoak, type KillPhase, type KillPoint, type SoakPlan } from './plan';

export interface SoakOptions {
  readonly seed: number;
  readonly kills: number;
  readonly submissions: number;
  /** Station lanes killed side by side. */
  readonly lanes?: number;
  readonly progress?: (line: string) => void;
  /**
   * Called once the ledger is drawn, with the registry still up: lets a test tamper with what the
   * soak left and draw the ledger again (to show it catches a loss). The soak's own result is
   * unaffected.
   */
  readonly inspect?: (scene: SoakScene) => Promise<void>;
}

export interface SoakScene {
  readonly stations: readonly StationUnderCheck[];
  /** The registry's data folder (blobs/, pglite/). */
  readonly registryDir: string;
  /** Draws the stations-against-registry part of the ledger again, from scratch. */
  redraw(): Promise<Ledger>;
}

export interface SoakResult {
  soak: 'ok' | 'failed';
  seed: number;
  kills: number;
  kills_by_phase: Partial<Record<KillPhase | 'work', number>>;
  submissions: number;
  /** Requests through the fault proxies before the drain (the drain's go through unharmed). */
  requests_under_faults: number;
  requests: number;
  faults: Record<Fault, number>;
  registry_restarts: number;
  drafts: number;
  images: number;
  audit_events: number;
  scan_pages_recorded: number;
  lost: number;
  duplicated: number;
  mismatched: number;
  integrity: string;
  seconds: number;
  problems: string[];
}

/** A lane's backlog after a thousand kills can take a while through one registry on a busy machine. */
const DRAIN_MS = 900_000;
const UPLOADS = /^\/api\/v1\/uploads/;
const ORDERS = /\/orders/;

interface Lane {
  readonly index: number;
  readonly env: Record<string, string>;
  readonly acknowledged: Acknowledged;
  readonly proxy: FaultProxy;
  /** Resolvers waiting for the next request of a kind at this lane's proxy. */
  readonly waiting: Set<(request: ProxiedRequest) => void>;
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const started = Date.now();
  const say = options.progress ?? (() => undefined);
  const plan: SoakPlan = planSoak({
    seed: options.seed,
    kills: options.kills,
    submissions: options.submissions,
    lanes: options.lanes ?? 3,
  });
  const random = prng(options.seed + 1);
  const scanRun = await prepare('scan-child.ts', { tsx: true, dir: import.meta.dirname });
  const rig = await openFaultRig('soak-');
  const { root, port, registryDir, direct, tokensFile, pdfDir, stationRun } = rig;
  const byPhase: Partial<Record<KillPhase | 'work', number>> = {};
  const count = (phase: KillPhase | 'work') => (byPhase[phase] = (byPhase[phase] ?? 0) + 1);
  const problems: string[] = [];
  const lanes: Lane[] = [];
  const unsynced: StationUnderCheck[] = [];
  let stationKills = 0;
  let registryRestarts = 0;
  let scanPagesRecorded = 0;
  let scanLost = 0;
  try {
    for (let index = 0; index < plan.lanes; index += 1) {
      const schedule = new FaultSchedule(plan.seed, index);
      const waiting = new Set<(request: ProxiedRequest) => void>();
      let delay = 0;
      const proxy = new FaultProxy(
        { host: '127.0.0.1', port },
        (request) => {
          for (const notify of [...waiting]) notify(request);
          const next = schedule.next();
          delay = next.delayMs;
          return next.fault;
        },
        () => delay,
      );
      await proxy.listen();
      const dir = join(root, `station-${index}`);
      lanes.push({
        index,
        env: {
          STATION_DIR: join(dir, 'data'),
          KEY_DIR: join(dir, 'keys'),
          REGISTRY_URL: proxy.url,
          TOKENS_FILE: tokensFile,
          PDF_DIR: pdfDir,
          STATION_NAME: `soak-station-${index}`,
        },
        acknowledged: newAcknowledged(),
        proxy,
        waiting,
      });
    }
    const submissions = () => lanes.reduce((n, l) => n + l.acknowledged.changes, 0);
    const requests = () => lanes.reduce((n, l) => n + l.proxy.log.length, 0);
    const report = () => {
      say(
        `soak: ${stationKills + registryRestarts} kills ${JSON.stringify(byPhase)}, ${submissions()} submissions, ` +
          `${requests()} requests, ${registryRestarts} registry restarts, ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
    };

    const registryState: { restarting: Promise<void> | null; next: number } = { restarting: null, next: 0 };
    const restartRegistry = () =>
      rig.restartRegistry(random, () => {
        registryRestarts += 1;
        count('registry');
      });
    const afterStationKill = () => {
      stationKills += 1;
      if (stationKills % 25 === 0) report();
      const due = plan.registryKillsAfter[registryState.next];
      if (due !== undefined && stationKills >= due && registryState.restarting === null) {
        registryState.next += 1;
        registryState.restarting = restartRegistry().finally(() => {
          registryState.restarting = null;
        });
      }
    };

    /** Waits for the next request of `kind` at the lane's proxy (false after `timeoutMs`). */
    const nextRequest = (lane: Lane, pattern: RegExp, timeoutMs: number) =>
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          lane.waiting.delete(seen);
          resolve(false);
        }, timeoutMs);
        const seen = (request: ProxiedRequest) => {
          if (!pattern.test(request.url)) return;
          clearTimeout(timer);
          lane.waiting.delete(seen);
          resolve(true);
        };
        lane.waiting.add(seen);
      });

    const killStation = async (lane: Lane, kill: KillPoint | null) => {
      const phase = kill?.phase ?? 'work';
      let env = lane.env;
      let acknowledged = lane.acknowledged;
      if (phase === 'migration') {
        const dir = join(root, `fresh-${kill?.index ?? 0}`);
        env = { ...env, STATION_DIR: join(dir, 'data'), KEY_DIR: join(dir, 'keys') };
        acknowledged = newAcknowledged();
        unsynced.push({
          name: `fresh store ${kill?.index ?? 0}`,
          dataDir: env.STATION_DIR ?? '',
          keyDir: env.KEY_DIR ?? '',
          acknowledged,
          synced: false,
        });
      }
      const life = start(stationRun, {
        ...env,
        SEED: String(kill?.childSeed ?? 1 + Math.floor(random() * 1e9)),
        MODE: phase === 'save' || phase === 'migration' ? 'save' : 'work',
      });
      const ready = () => life.lines.includes('READY');
      let observed: KillPhase | 'work' = phase;
      try {
        if (phase === 'startup' || phase === 'migration') {
          await sleep(kill?.delayMs ?? 0);
          // Killed after the store was open: it died in its work loop, and is counted there.
          if (ready()) observed = phase === 'migration' ? 'save' : 'work';
        } else {
          await life.waitFor(/^READY$/, 120_000);
          if (phase === 'sync' || phase === 'upload') {
            const seen = await nextRequest(lane, phase === 'sync' ? ORDERS : UPLOADS, 5_000);
            if (!seen) observed = 'work';
          }
          await sleep(kill === null ? 3_000 : kill.delayMs);
        }
      } catch (error) {
        problems.push(`lane ${lane.index}: ${(error as Error).message}`);
      }
      if (life.process.exitCode !== null)
        problems.push(`station exited by itself (${life.process.exitCode}): ${life.stderr()}`);
      await life.kill();
      record(acknowledged, life.lines);
      count(observed);
      afterStationKill();
    };

    const runLane = async (lane: Lane) => {
      for (const kill of plan.kills) {
        if (kill.lane !== lane.index || kill.phase === 'scan') continue;
        await killStation(lane, kill);
      }
    };

    const scanDir = join(root, 'scan');
    mkdirSync(scanDir);
    let lastRecorded: { id: string; pages: number } | null = null;
    /** Compares the batch a scan child found on opening with what the last life recorded. */
    const checkRestored = (line: string) => {
      const [, id, pages] = line.split(' ');
      if (lastRecorded === null) return;
      scanPagesRecorded += lastRecorded.pages;
      if (id !== lastRecorded.id || Number(pages) < lastRecorded.pages) {
        scanLost += Math.max(1, lastRecorded.pages - (id === lastRecorded.id ? Number(pages) : 0));
        problems.push(
          `scan: batch ${lastRecorded.id} had ${lastRecorded.pages} pages recorded, came back as ${id} with ${pages}`,
        );
      }
    };
    const runScans = async (scan: Runnable) => {
      for (const kill of plan.kills) {
        if (kill.phase !== 'scan') continue;
        const life = start(scan, {}, { group: true, args: [scanDir, 'scan'] });
        try {
          checkRestored(await life.waitFor(/^RESTORED /, 180_000));
          lastRecorded = null;
          const recorded = () => life.lines.filter((l) => l.startsWith('RECORDED '));
          await life.waitFor(/^SCANNING /, 180_000);
          const deadline = Date.now() + 180_000;
          while (recorded().length < kill.pages && life.process.exitCode === null && Date.now() < deadline)
            await sleep(20);
          await sleep(kill.delayMs * 5);
        } catch (error) {
          problems.push(`scan: ${(error as Error).message}`);
        }
        await life.kill();
        const last = life.lines.filter((l) => l.startsWith('RECORDED ')).at(-1);
        if (last !== undefined) {
          const [, id, pages] = last.split(' ');
          lastRecorded = { id: id ?? '', pages: Number(pages) };
        }
        count('scan');
        afterStationKill();
      }
    };

    await Promise.all([...lanes.map(runLane), runScans(scanRun)]);
    // Top up to the planned submissions with longer working lives (recorded as 'work' kills).
    while (submissions() < plan.submissions) await Promise.all(lanes.map((lane) => killStation(lane, null)));
    await registryState.restarting;
    report();
    const requestsUnderFaults = requests();

    // Recovery: a healthy network; each lane drains to the end.
    for (const lane of lanes) lane.proxy.decide = () => 'pass';
    await Promise.all(
      lanes.map(async (lane) => {
        const life = start(stationRun, { ...lane.env, SEED: '7', MODE: 'drain', DRAIN_MS: String(DRAIN_MS) });
        const line = await life
          .waitFor(/^(DRAINED|STUCK) /, DRAIN_MS + 120_000)
          .catch((e: unknown) => `STUCK ${(e as Error).message}`);
        if (line.startsWith('STUCK')) problems.push(`lane ${lane.index}: ${line}`);
        await life.kill();
      }),
    );
    const scanCheck = start(scanRun, {}, { group: true, args: [scanDir, 'check'] });
    checkRestored(await scanCheck.waitFor(/^RESTORED /, 180_000));
    await scanCheck.kill();
    say(`soak: drained, drawing the ledger (${((Date.now() - started) / 1000).toFixed(0)} s)`);

    const stations: StationUnderCheck[] = [
      ...lanes.map((lane) => ({
        name: `station ${lane.index}`,
        dataDir: lane.env.STATION_DIR ?? '',
        keyDir: lane.env.KEY_DIR ?? '',
        acknowledged: lane.acknowledged,
        synced: true,
      })),
      ...unsynced,
      {
        name: 'scanning station',
        dataDir: join(scanDir, 'data'),
        keyDir: join(scanDir, 'keys'),
        acknowledged: newAcknowledged(),
        synced: false,
      },
    ];
    const draw = async () => {
      const drawn = await checkStations(stations, direct, emptyLedger());
      await checkCreatedOnce(direct, drawn);
      return drawn;
    };
    const ledger = await draw();
    await options.inspect?.({ stations, registryDir, redraw: draw });
    ledger.lost += scanLost;
    // The registry stops cleanly so its files can be opened here for amcheck.
    await rig.stopRegistry();
    const registryCheck = await checkRegistryDatabase(join(registryDir, 'pglite'), ledger.auditIds, ledger);
    problems.push(...ledger.problems);
    const clean =
      ledger.lost === 0 &&
      ledger.duplicated === 0 &&
      ledger.mismatched === 0 &&
      ledger.integrityFailures === 0 &&
      ledger.outboxLeft === 0 &&
      ledger.conflicts === 0 &&
      ledger.rejected === 0 &&
      problems.length === 0;
    const faults = Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number>;
    for (const lane of lanes) for (const f of FAULTS) faults[f] += lane.proxy.counts[f];
    return {
      soak: clean ? 'ok' : 'failed',
      seed: plan.seed,
      kills: stationKills + registryRestarts,
      kills_by_phase: byPhase,
      submissions: submissions(),
      requests_under_faults: requestsUnderFaults,
      requests: requests(),
      faults,
      registry_restarts: registryRestarts,
      drafts: ledger.drafts,
      images: ledger.imagesVerified,
      audit_events: registryCheck.auditEvents,
      scan_pages_recorded: scanPagesRecorded,
      lost: ledger.lost,
      duplicated: ledger.duplicated,
      mismatched: ledger.mismatched,
      integrity:
        ledger.integrityFailures === 0
          ? 'ok'
          : `${ledger.integrityFailures} failed (${registryCheck.tables} registry tables, ${registryCheck.indexes} indexes checked)`,
      seconds: Math.round((Date.now() - started) / 1000),
      problems,
    };
  } finally {
    for (const lane of lanes) await lane.proxy.close();
    await rig.close();
  }
}
