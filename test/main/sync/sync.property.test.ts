/**
 * Property test over interleavings of local edits, retries and failures: random programs of saves,
 * attachments, submits, edits made on the registry by someone else, injected network faults (the
 * fault proxy: cuts before and after the registry acted, half-sent uploads, 5xx, duplicates,
 * reordering, delays, stalls) and sync restarts run against a real in-process registry while the
 * worker runs. Afterwards, with the faults gone and any conflicts resolved, every draft is on the
 * registry exactly as it is locally (or refused, with the refusal kept), images match their
 * SHA-256, and the outbox is empty.
 */
import { pino } from 'pino';
import fc from 'fast-check';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../../src/main/registry-client';
import type { ProtectiveOrder } from '../../../src/shared/order';
import { completeOrder } from '../../support/orders';
import { USERS } from './support/directory';
import { FAULTS, FaultProxy, sleep, type Fault } from './support/fault-proxy';
import { scanPdf } from './support/pdf';
import { startTestRegistry, type TestRegistry } from './support/registry';
import { openTestStation, type TestStation } from './support/station';

const RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 12);

type Command =
  | { readonly kind: 'save'; readonly draft: number; readonly variant: number }
  | { readonly kind: 'attach'; readonly draft: number; readonly pdf: number }
  | { readonly kind: 'submit'; readonly draft: number }
  | { readonly kind: 'their-edit'; readonly draft: number; readonly variant: number }
  | { readonly kind: 'faults'; readonly faults: readonly Fault[] }
  | { readonly kind: 'run'; readonly ms: number }
  | { readonly kind: 'restart' };

const DRAFTS = 3;
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('save' as const),
      draft: fc.nat(DRAFTS - 1),
      variant: fc.nat(999),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('attach' as const), draft: fc.nat(DRAFTS - 1), pdf: fc.nat(3) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('submit' as const), draft: fc.nat(DRAFTS - 1) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('their-edit' as const),
      draft: fc.nat(DRAFTS - 1),
      variant: fc.nat(999),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('faults' as const),
      faults: fc.array(fc.constantFrom(...FAULTS), { minLength: 1, maxLength: 6 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('run' as const), ms: fc.integer({ min: 0, max: 150 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

let registry: TestRegistry;
let proxy: FaultProxy;
let other: RegistryClient;
let pdfs: Buffer[] = [];
const faults: Fault[] = [];
let runNo = 0;

beforeAll(async () => {
  registry = await startTestRegistry();
  proxy = new FaultProxy(
    { host: '127.0.0.1', port: registry.port },
    () => faults.shift() ?? 'pass',
    () => 30,
  );
  await proxy.listen();
  other = new RegistryClient({ baseUrl: registry.url });
  await registry.signIn(other, USERS.clerk2);
  pdfs = await Promise.all(
    [0, 1, 2, 3].map((seed) => scanPdf({ seed: 500 + seed, width: 240, height: 320 })),
  );
});
afterAll(async () => {
  other.close();
  await proxy.close();
  await registry.close();
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function execute(
  station: TestStation,
  ids: string[],
  cmd: Command,
  docNo: { n: number },
): Promise<void> {
  const { store } = station;
  switch (cmd.kind) {
    case 'save': {
      const id = ids[cmd.draft]!;
      const current = store.drafts.get(id);
      const order: ProtectiveOrder = current
        ? { ...current.order, caseNumber: `26FL${String(cmd.variant).padStart(5, '0')}` }
        : completeOrder({ id, caseNumber: `26FL${String(cmd.variant).padStart(5, '0')}` });
      store.drafts.save(order);
      break;
    }
    case 'attach':
      if (store.drafts.get(ids[cmd.draft]!)) {
        docNo.n += 1;
        store.documents.attachBytes(ids[cmd.draft]!, pdfs[cmd.pdf]!, `run${runNo}-doc${docNo.n}.pdf`, 1);
      }
      break;
    case 'submit': {
      const draft = store.drafts.get(ids[cmd.draft]!);
      if (draft?.status === 'draft') store.drafts.transition(draft.id, 'submit');
      break;
    }
    case 'their-edit': {
      // Another clerk edits the registry copy directly (when there is one and it is still a draft).
      try {
        const theirs = await other.getOrder(ids[cmd.draft]!);
        if (theirs.status === 'draft') {
          await other.updateOrder(
            theirs.order.id,
            {
              order: { ...theirs.order, caseNumber: `26CH${String(cmd.variant).padStart(5, '0')}` },
              baseVersion: theirs.version,
            },
            randomUUID(),
          );
        }
      } catch {
        // Not on the registry yet, or changed meanwhile: nothing to edit this time.
      }
      break;
    }
    case 'faults':
      faults.push(...cmd.faults);
      break;
    case 'run':
      station.sync.kick();
      await sleep(cmd.ms);
      break;
    case 'restart':
      await station.restartSync();
      break;
  }
  station.sync.kick();
}

/**
 * Sync until done while the faults still queued are used up, then with the network healthy:
 * resolve every conflict (alternating the choice) and drain again.
 */
async function settle(station: TestStation): Promise<void> {
  for (let round = 0; round < 10; round += 1) {
    await station.drain(30_000);
    faults.length = 0;
    const conflicts = station.sync.conflicts();
    if (conflicts.length === 0) return;
    for (const [i, c] of conflicts.entries()) {
      await station.sync.resolveConflict(
        c.draftId,
        i % 2 === 0 ? { kind: 'keep-mine' } : { kind: 'take-theirs' },
      );
    }
  }
  throw new Error('conflicts kept coming back');
}

async function checkInvariants(station: TestStation, ids: string[]): Promise<void> {
  const { store } = station;
  expect(store.outbox.totals().count).toBe(0);
  expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  for (const id of ids) {
    const draft = store.drafts.get(id);
    if (!draft) continue;
    expect(['synced', 'rejected']).toContain(draft.syncState);
    const rejections = station.sync.rejections(id);
    if (draft.syncState === 'rejected') expect(rejections.length).toBeGreaterThan(0);
    const record = await other.getOrder(id).catch(() => null);
    if (draft.syncState === 'synced') {
      expect(record).not.toBeNull();
      expect(record!.order).toEqual(draft.order);
      expect(record!.status).toBe(draft.status);
      expect(record!.version).toBe(draft.registryVersion);
    }
    if (record) {
      const linked = record.images.map((i) => i.sha256);
      expect(new Set(linked).size).toBe(linked.length); // no image linked twice
      const refusedShas = new Set(
        rejections
          .filter((r) => r.kind === 'document.attach')
          .map((r) => (r.payload as { sha256: string }).sha256),
      );
      for (const doc of store.documents.forDraft(id)) {
        if (refusedShas.has(doc.sha256)) continue;
        expect(linked).toContain(doc.sha256);
      }
      for (const image of record.images) {
        const bytes = await other.getImage(id, image.sha256);
        expect(sha(bytes.bytes)).toBe(image.sha256);
      }
    }
  }
}

describe('sync property: interleavings of edits, retries and failures', () => {
  it(`keeps every change exactly once across ${RUNS} random programs`, async () => {
    const tokens = await (async () => {
      const c = new RegistryClient({ baseUrl: registry.url });
      await registry.signIn(c, USERS.clerk);
      const t = c.session.current()!;
      c.close();
      return t;
    })();
    const totals = { commands: 0, faults: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 4, maxLength: 18 }), async (program) => {
        runNo += 1;
        faults.length = 0;
        if (process.env.SYNC_PROPERTY_VERBOSE === '1')
          console.error(`run ${runNo}: ${JSON.stringify(program)}`);
        const station = await openTestStation(proxy.url, {
          chunkSize: 4 * 1024,
          ...(process.env.SYNC_PROPERTY_VERBOSE === '1'
            ? { log: pino({ level: 'debug' }, pino.destination(2)) }
            : {}),
        });
        station.client.session.accept({
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken,
          expiresIn: Math.floor((Date.parse(tokens.accessExpiresAt) - Date.now()) / 1000),
          user: tokens.user,
        });
        const ids = Array.from({ length: DRAFTS }, () => randomUUID());
        const docNo = { n: 0 };
        try {
          station.sync.start();
          for (const cmd of program) {
            await execute(station, ids, cmd, docNo);
            totals.commands += 1;
            if (cmd.kind === 'faults') totals.faults += cmd.faults.length;
          }
          await settle(station);
          await checkInvariants(station, ids);
        } finally {
          await station.close();
        }
      }),
      {
        numRuns: RUNS,
        endOnFailure: true,
        ...(process.env.SYNC_PROPERTY_SEED
          ? { seed: Number(process.env.SYNC_PROPERTY_SEED), path: process.env.SYNC_PROPERTY_PATH }
          : {}),
      },
    );
    console.log(
      `sync property: ${RUNS} programs, ${totals.commands} commands, ${totals.faults} injected faults, proxy saw ${JSON.stringify(proxy.counts)}`,
    );
  }, 600_000);
});
