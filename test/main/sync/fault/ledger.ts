/**
 * The fault rig's shared pieces and its ledger, used by the sync fault test and by `npm run soak`:
 * what the station children acknowledged (parsed from the lines they print after each commit), and
 * the end-of-run check of station stores against the registry — every acknowledged draft, image and
 * audit event found, each exactly once, every image matching its SHA-256, outboxes empty,
 * PRAGMA integrity_check ok. The ledger counts instead of asserting, so a soak can report the counts
 * and a test can show it catches a loss.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { openStationStore } from '../../../../src/main/app/station-store';
import type { RegistryClient } from '../../../../src/main/registry-client';
import { FileSecretStore } from '../../../../src/main/store';
import { Prng } from '../../../../src/server/seed/prng';

/** The seeded generator the demo data uses, as a plain function. */
export function prng(seed: number): () => number {
  const source = new Prng(seed);
  return () => source.next();
}

export async function freePort(): Promise<number> {
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

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

export interface Acknowledged {
  /** Draft id → highest local version the station acknowledged. */
  readonly saves: Map<string, number>;
  /** `draftId sha256` of each acknowledged attachment. */
  readonly images: Set<string>;
  readonly submitted: Set<string>;
  /** Audit events the station acknowledged recording (count; their ids are the store's). */
  audits: number;
  /** Acknowledged changes of any kind (saves, attachments, submits): the soak's "submissions". */
  changes: number;
}

export function newAcknowledged(): Acknowledged {
  return { saves: new Map(), images: new Set(), submitted: new Set(), audits: 0, changes: 0 };
}

/** Adds a station child's output lines (SAVED/ATTACHED/SUBMITTED/AUDITED) to what it acknowledged. */
export function record(into: Acknowledged, lines: readonly string[]): void {
  for (const line of lines) {
    const [tag, id, extra] = line.split(' ');
    if (tag === 'SAVED' && id && extra) into.saves.set(id, Math.max(Number(extra), into.saves.get(id) ?? 0));
    if (tag === 'ATTACHED' && id && extra) into.images.add(`${id} ${extra}`);
    if (tag === 'SUBMITTED' && id) into.submitted.add(id);
    if (tag === 'AUDITED') into.audits += 1;
    if (tag === 'SAVED' || tag === 'ATTACHED' || tag === 'SUBMITTED') into.changes += 1;
  }
}

export interface StationUnderCheck {
  readonly name: string;
  readonly dataDir: string;
  readonly keyDir: string;
  readonly acknowledged: Acknowledged;
  /** False for a store that never synced (killed during its first open): only local checks apply. */
  readonly synced: boolean;
}

export interface Ledger {
  /** Acknowledged but not found (locally or on the registry), or different on the registry. */
  lost: number;
  duplicated: number;
  /** Images whose bytes on the registry do not match their SHA-256. */
  mismatched: number;
  /** Stores whose PRAGMA integrity_check is not ok. */
  integrityFailures: number;
  outboxLeft: number;
  conflicts: number;
  rejected: number;
  drafts: number;
  imagesVerified: number;
  /** Audit event ids each synced station holds (checked against the registry database later). */
  readonly auditIds: string[];
  readonly localIds: Set<string>;
  readonly problems: string[];
}

export function emptyLedger(): Ledger {
  return {
    lost: 0,
    duplicated: 0,
    mismatched: 0,
    integrityFailures: 0,
    outboxLeft: 0,
    conflicts: 0,
    rejected: 0,
    drafts: 0,
    imagesVerified: 0,
    auditIds: [],
    localIds: new Set(),
    problems: [],
  };
}

/** Checks each station store, and what it holds, against the registry (`direct`: no proxy). */
export async function checkStations(
  stations: readonly StationUnderCheck[],
  direct: RegistryClient,
  into: Ledger = emptyLedger(),
): Promise<Ledger> {
  for (const station of stations) await checkStation(station, direct, into);
  return into;
}

async function checkStation(station: StationUnderCheck, direct: RegistryClient, l: Ledger): Promise<void> {
  const problem = (text: string) => l.problems.push(`${station.name}: ${text}`);
  const store = await openStationStore({
    dataDir: station.dataDir,
    secrets: new FileSecretStore(station.keyDir),
  });
  try {
    const integrity = store.db.pragma('integrity_check', { simple: true }) as string;
    if (integrity !== 'ok') {
      l.integrityFailures += 1;
      problem(`integrity_check: ${integrity}`);
    }
    for (const [id, version] of station.acknowledged.saves) {
      const draft = store.drafts.get(id);
      if (!draft || draft.localVersion < version) {
        l.lost += 1;
        problem(`acknowledged save ${id} v${version} missing locally`);
      }
    }
    const audits = store.db.prepare('SELECT id, sent_at FROM audit_events').all() as {
      id: string;
      sent_at: string | null;
    }[];
    if (audits.length < station.acknowledged.audits) {
      l.lost += station.acknowledged.audits - audits.length;
      problem(`${station.acknowledged.audits} audit events acknowledged, ${audits.length} in the store`);
    }
    if (!station.synced) return;
    l.auditIds.push(...audits.map((a) => a.id));
    const unsent = audits.filter((a) => a.sent_at === null).length;
    l.outboxLeft += store.outbox.totals().count + unsent;
    if (store.outbox.totals().count > 0 || unsent > 0)
      problem(`outbox holds ${store.outbox.totals().count} changes, ${unsent} audit events unsent`);
    l.conflicts += store.sync.conflicts.list().length;
    l.rejected += store.sync.rejections().length;
    const ids = (store.db.prepare('SELECT id FROM drafts').all() as { id: string }[]).map((r) => r.id);
    for (const id of ids) {
      l.localIds.add(id);
      l.drafts += 1;
      const draft = store.drafts.mustGet(id);
      const remote = await direct.getOrder(id).catch(() => null);
      if (
        remote === null ||
        JSON.stringify(remote.order) !== JSON.stringify(draft.order) ||
        remote.status !== draft.status
      ) {
        l.lost += 1;
        problem(
          `${id} ${remote === null ? 'missing on the registry' : 'differs on the registry'} (${draft.syncState})`,
        );
        continue;
      }
      const shas = remote.images.map((im) => im.sha256);
      if (new Set(shas).size !== shas.length) {
        l.duplicated += shas.length - new Set(shas).size;
        problem(`${id} holds an image twice`);
      }
      for (const doc of store.documents.forDraft(id)) {
        if (!shas.includes(doc.sha256)) {
          l.lost += 1;
          problem(`image ${doc.sha256.slice(0, 12)} of ${id} missing on the registry`);
        }
      }
      for (const sha of new Set(shas)) {
        l.imagesVerified += 1;
        const bytes = await direct.getImage(id, sha).catch((error: unknown) => error as Error);
        if (bytes instanceof Error || sha256(bytes.bytes) !== sha) {
          l.mismatched += 1;
          problem(
            `image ${sha.slice(0, 12)} of ${id} ${bytes instanceof Error ? `unreadable: ${bytes.message}` : 'does not match its SHA-256'}`,
          );
        }
      }
    }
    for (const key of station.acknowledged.images) {
      const [id, sha] = key.split(' ');
      const remote = await direct.getOrder(id ?? '').catch(() => null);
      if (!remote?.images.some((im) => im.sha256 === sha)) {
        l.lost += 1;
        problem(`acknowledged image ${key} missing on the registry`);
      }
    }
  } finally {
    store.close();
  }
}

/** Exactly once: every order the registry's change feed shows was created once, and by a station. */
export async function checkCreatedOnce(direct: RegistryClient, l: Ledger): Promise<void> {
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
    if (n > 1) {
      l.duplicated += n - 1;
      l.problems.push(`registry order ${id} created ${n} times`);
    }
    if (!l.localIds.has(id)) {
      l.duplicated += 1;
      l.problems.push(`registry order ${id} belongs to no station draft`);
    }
  }
}
