/**
 * Child process for the sync fault test: the real station store and sync worker, doing a clerk's
 * work (new drafts, edits, scanned documents, submits) while the worker syncs through the fault
 * proxy, until it is SIGKILLed. Every line it prints is a change the store acknowledged (committed)
 * before printing; each save also records an audit event (AUDITED), which the worker sends to the
 * registry's audit log. MODE=drain does no work: it syncs until the outbox and the audit trail are
 * sent, prints DRAINED with the counts, and exits. MODE=save does the work without starting the
 * worker (the soak's kills while saving).
 *
 * Environment: STATION_DIR, KEY_DIR, REGISTRY_URL, TOKENS_FILE, PDF_DIR, SEED, MODE, STATION_NAME,
 * DRAIN_MS (how long a drain may take before it reports STUCK; 150 s).
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalAudit } from '../../../../src/main/audit/local-audit';
import { RegistryClient, type SessionTokens } from '../../../../src/main/registry-client';
import { openStationStore } from '../../../../src/main/app/station-store';
import { silentLog } from '../../../../src/main/log/station-log';
import { FileSecretStore } from '../../../../src/main/store';
import { StationSync } from '../../../../src/main/sync';
import { completeOrder } from '../../../support/orders';
import { exitWithParent } from './exit-with-parent';

exitWithParent();

const env = process.env;
const out = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let seed = Number(env.SEED ?? 1) >>> 0 || 1;
const random = (): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4_294_967_296;
};

const loadedAt = performance.now();
const store = await openStationStore({
  dataDir: env.STATION_DIR ?? '',
  secrets: new FileSecretStore(env.KEY_DIR ?? ''),
});
const tokens = JSON.parse(readFileSync(env.TOKENS_FILE ?? '', 'utf8')) as SessionTokens;
const client = new RegistryClient({
  baseUrl: env.REGISTRY_URL ?? '',
  timeoutMs: 1_500,
  // The test signed in once; every station life uses that session (no refresh needed within the run).
  sessionPersistence: { load: () => tokens, save: () => undefined },
});
const stationName = env.STATION_NAME ?? 'fault-station';
const trail = new LocalAudit({
  db: store.db,
  station: () => stationName,
  currentUser: () => tokens.user.username,
  now: () => new Date(),
  log: silentLog(),
});
const sync = new StationSync(store, client, {
  concurrency: 4,
  retryBackoff: { baseMs: 30, maxMs: 500 },
  probeBackoff: { baseMs: 50, maxMs: 400 },
  pollMs: 50,
  pullEveryMs: 500,
  chunkSize: 16 * 1024,
  random,
  audit: { trail, station: () => stationName },
});
const syncing = env.MODE !== 'save';
if (syncing) sync.start();
if (env.SYNC_FAULT_TIMING === '1') {
  out(`TIMING loaded ${loadedAt.toFixed(0)} ms, store open ${(performance.now() - loadedAt).toFixed(0)} ms`);
}
out('READY');

if (env.MODE === 'drain') {
  const deadline = Date.now() + Number(env.DRAIN_MS ?? 150_000);
  for (;;) {
    await sync.syncNow();
    const counts = store.sync.counts();
    const status = sync.status();
    const unsentAudit = trail.unsent(tokens.user.username).length;
    if (
      counts.pendingChanges === counts.parked &&
      unsentAudit === 0 &&
      (status.state === 'idle' || status.state === 'error')
    ) {
      out(`DRAINED ${JSON.stringify({ ...counts, state: status.state })}`);
      await sync.stop();
      store.close();
      process.exit(0);
    }
    if (Date.now() > deadline) {
      out(`STUCK ${JSON.stringify({ counts, unsentAudit, status, worker: sync.diagnostics() })}`);
      process.exit(2);
    }
    await sleep(50);
  }
}

/** Records the save's audit event; LocalAudit.record commits before it returns (or logs a failure). */
function audited(event: 'draft_create' | 'draft_change', id: string): void {
  trail.record({ event, outcome: 'success', objectType: 'draft', objectId: id });
  out(`AUDITED ${id}`);
}

const pdfDir = env.PDF_DIR ?? '';
const pdfs = readdirSync(pdfDir).filter((f) => f.endsWith('.pdf'));
const life = randomUUID().slice(0, 8);
for (let n = 0; ; n += 1) {
  const r = random();
  const editable = store.drafts.list({ status: 'draft', limit: 30 });
  const pick = editable[Math.floor(random() * editable.length)];
  if (r < 0.3 || pick === undefined) {
    const id = randomUUID();
    const saved = store.drafts.save(
      completeOrder({ id, caseNumber: `26FL${String(Math.floor(random() * 1e5)).padStart(5, '0')}` }),
    );
    out(`SAVED ${id} ${saved.localVersion}`);
    audited('draft_create', id);
  } else if (r < 0.7) {
    const draft = store.drafts.mustGet(pick.id);
    const saved = store.drafts.save({
      ...draft.order,
      caseNumber: `26FL${String(Math.floor(random() * 1e5)).padStart(5, '0')}`,
      restrainedPerson: { ...draft.order.restrainedPerson, weightLbs: 100 + Math.floor(random() * 200) },
    });
    out(`SAVED ${pick.id} ${saved.localVersion}`);
    audited('draft_change', pick.id);
  } else if (r < 0.9) {
    const file = pdfs[Math.floor(random() * pdfs.length)] ?? '';
    const doc = store.documents.attachBytes(
      pick.id,
      readFileSync(join(pdfDir, file)),
      `${pick.id}-${life}-${n}.pdf`,
      1,
    );
    out(`ATTACHED ${pick.id} ${doc.sha256}`);
  } else {
    store.drafts.transition(pick.id, 'submit');
    out(`SUBMITTED ${pick.id}`);
  }
  if (syncing) sync.kick();
  await sleep(random() * 25);
}
