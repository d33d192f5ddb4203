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
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RegistryClient } from '../../../../src/main/registry-client';
import { openStationStore } from '../../../../src/main/app/station-store';
import { FileSecretStore } from '../../../../src/main/store';
import { PASSWORD, TotpCodes, USERS } from '../support/directory';
import { FAULTS, FaultProxy, sleep, type Fault } from '../support/fault-proxy';
import { scanPdf } from '../support/pdf';
import { prepare, start, type Child } from './processes';
import { Prng } from '../../../../src/server/seed/prng';

const LONG = process.env.SYNC_FAULT_LONG === '1';
const KILLS = Number(process.env.SYNC_FAULT_KILLS ?? (LONG ? 1000 : 200));
const SEED = Number(process.env.SYNC_FAULT_SEED ?? Date.now() % 1_000_000);
/** Stations killed side by side (each with its own data folder). */
const SLOTS = Number(process.env.SYNC_FAULT_SLOTS ?? 3);
const REGISTRY_KILL_EVERY = 50;
/** Share of requests the proxy mistreats. */
const FAULT_RATE = 0.15;

/** The seeded generator the demo data uses, as a plain function. */
function prng(seed: number): () => number {
  const source = new Prng(seed);
  return () => source.next();
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  return port;
}

interface Acknowledged {
  readonly saves: Map<string, number>;
  readonly images: Set<string>;
  readonly submitted: Set<string>;
}

function record(into: Acknowledged, lines: readonly string[]): void {
  for (const line of lines) {
    const [tag, id, extra] = line.split(' ');
    if (tag === 'SAVED' && id && extra) into.saves.set(id, Math.max(Number(extra), into.saves.get(id) ?? 0));
    if (tag === 'ATTACHED' && id && extra) into.images.add(`${id} ${extra}`);
    if (tag === 'SUBMITTED' && id) into.submitted.add(id);
  }
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('sync fault test (real processes)', () => {
  it(`keeps every acknowledged change exactly once through ${KILLS} station kills, registry kills and a faulty network`, async () => {
    const started = Date.now();
    const root = mkdtempSync(join(tmpdir(), 'sync-fault-'));
    const random = prng(SEED);
    const [stationRun, registryRun] = await Promise.all([
      prepare('station-child.ts', { inline: true, external: ['better-sqlite3-multiple-ciphers'] }),
      prepare('registry-child.ts'),
    ]);
    const port = await freePort();
    const registryEnv = { REGISTRY_DATA_DIR: join(root, 'registry'), REGISTRY_PORT: String(port) };
    let registry: Child = start(registryRun, registryEnv);
    const proxy = new FaultProxy(
      { host: '127.0.0.1', port },
      () =>
        random() < FAULT_RATE ? (FAULTS[1 + Math.floor(random() * (FAULTS.length - 1))] as Fault) : 'pass',
      () => Math.floor(random() * 300),
    );
    const direct = new RegistryClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 30_000 });
    try {
      await registry.waitFor(/^READY$/, 180_000);
      await proxy.listen();
      await direct.signIn({
        username: USERS.clerk.username,
        password: PASSWORD,
        totp: new TotpCodes().next(USERS.clerk) ?? '',
      });
      const tokensFile = join(root, 'tokens.json');
      writeFileSync(tokensFile, JSON.stringify(direct.session.current()));
      const pdfDir = join(root, 'pdfs');
      mkdirSync(pdfDir);
      for (let i = 0; i < 8; i += 1) {
        writeFileSync(
          join(pdfDir, `scan-${i}.pdf`),
          await scanPdf({ seed: 900 + i, pages: 1 + (i % 3), width: 300, height: 400 }),
        );
      }

      const slots = Array.from({ length: SLOTS }, (_, i) => ({
        env: {
          STATION_DIR: join(root, `station-${i}`),
          KEY_DIR: join(root, `keys-${i}`),
          REGISTRY_URL: proxy.url,
          TOKENS_FILE: tokensFile,
          PDF_DIR: pdfDir,
        },
        acknowledged: {
          saves: new Map<string, number>(),
          images: new Set<string>(),
          submitted: new Set<string>(),
        },
      }));
      let kills = 0;
      let earlyKills = 0;
      let registryKills = 0;
      const crashes: string[] = [];
      const registryState: { restarting: Promise<void> | null } = { restarting: null };
      const restartRegistry = async () => {
        await sleep(random() * 500);
        await registry.kill();
        registryKills += 1;
        await sleep(200 + random() * 800);
        registry = start(registryRun, registryEnv);
        await registry.waitFor(/^READY$/, 180_000);
      };

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
      let lost = 0;
      let duplicated = 0;
      let submissions = 0;
      let images = 0;
      let conflicts = 0;
      let rejected = 0;
      const problems: string[] = [];
      const localIds = new Set<string>();
      for (const [i, slot] of slots.entries()) {
        const store = await openStationStore({
          dataDir: slot.env.STATION_DIR,
          secrets: new FileSecretStore(slot.env.KEY_DIR),
        });
        try {
          expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
          expect(store.outbox.totals().count).toBe(0);
          conflicts += store.sync.conflicts.list().length;
          rejected += store.sync.rejections().length;
          const ids = (store.db.prepare('SELECT id FROM drafts').all() as { id: string }[]).map((r) => r.id);
          for (const id of ids) localIds.add(id);
          for (const [id, version] of slot.acknowledged.saves) {
            const draft = store.drafts.get(id);
            if (!draft || draft.localVersion < version) {
              lost += 1;
              problems.push(`station ${i}: acknowledged save ${id} v${version} missing locally`);
            }
          }
          for (const id of ids) {
            const draft = store.drafts.mustGet(id);
            submissions += 1;
            const remote = await direct.getOrder(id).catch(() => null);
            if (
              remote === null ||
              JSON.stringify(remote.order) !== JSON.stringify(draft.order) ||
              remote.status !== draft.status
            ) {
              lost += 1;
              problems.push(
                `station ${i}: ${id} ${remote === null ? 'missing on the registry' : 'differs on the registry'} (${draft.syncState})`,
              );
              continue;
            }
            const shas = remote.images.map((im) => im.sha256);
            if (new Set(shas).size !== shas.length) duplicated += shas.length - new Set(shas).size;
            for (const doc of store.documents.forDraft(id)) {
              if (!shas.includes(doc.sha256)) {
                lost += 1;
                problems.push(
                  `station ${i}: image ${doc.sha256.slice(0, 12)} of ${id} missing on the registry`,
                );
              }
            }
            for (const sha of shas) {
              images += 1;
              const bytes = await direct.getImage(id, sha);
              if (sha256(bytes.bytes) !== sha)
                problems.push(`image ${sha.slice(0, 12)} of ${id} does not match its SHA-256`);
            }
          }
          for (const key of slot.acknowledged.images) {
            const [id, sha] = key.split(' ');
            const remote = await direct.getOrder(id!).catch(() => null);
            if (!remote?.images.some((im) => im.sha256 === sha)) {
              lost += 1;
              problems.push(`station ${i}: acknowledged image ${key} missing on the registry`);
            }
          }
        } finally {
          store.close();
        }
      }
      // Exactly once: every order the registry holds for this court was created once, and by a station.
      const created = new Map<string, number>();
      let cursor: string | null = null;
      for (;;) {
        const page = await direct.changes(cursor, 1000);
        for (const c of page.changes)
          if (c.kind === 'created') created.set(c.orderId, (created.get(c.orderId) ?? 0) + 1);
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      for (const [id, n] of created) {
        if (n > 1) duplicated += n - 1;
        if (!localIds.has(id)) {
          duplicated += 1;
          problems.push(`registry order ${id} belongs to no station draft`);
        }
      }

      const acknowledgedSaves = slots.reduce((n, s) => n + s.acknowledged.saves.size, 0);
      const acknowledgedImages = slots.reduce((n, s) => n + s.acknowledged.images.size, 0);
      const submits = slots.reduce((n, s) => n + s.acknowledged.submitted.size, 0);
      console.log(
        [
          `sync fault test (seed ${SEED}): ${kills} station kill points (${earlyKills} during start-up), ${registryKills} registry kills,`,
          `${submissions} submissions (drafts) with ${acknowledgedSaves} acknowledged drafts, ${acknowledgedImages} acknowledged images, ${submits} submits;`,
          `lost ${lost}, duplicated ${duplicated}, conflicts ${conflicts}, rejected ${rejected}; ${images} images verified by SHA-256;`,
          `proxy faults ${JSON.stringify(proxy.counts)}; kill phase ${killPhase.toFixed(0)} s, total ${((Date.now() - started) / 1000).toFixed(0)} s`,
        ].join('\n'),
      );
      expect(crashes).toEqual([]);
      expect(problems).toEqual([]);
      expect(drained.every((d) => (d as { pendingChanges: number }).pendingChanges === 0)).toBe(true);
      expect(kills).toBeGreaterThanOrEqual(KILLS);
      expect(lost).toBe(0);
      expect(duplicated).toBe(0);
      expect(conflicts).toBe(0);
      expect(rejected).toBe(0);
    } finally {
      direct.close();
      await proxy.close();
      await registry.kill();
      rmSync(root, { recursive: true, force: true });
    }
  }, 1_800_000);
});
