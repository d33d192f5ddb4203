/**
 * Nothing in plain text outside the encrypted store, after a scan-and-entry run on real parts: the
 * node station (as the browser host runs it: encrypted store, hot folder, SANE's test device, sync)
 * against the demo registry (PGlite in memory, loopback HTTP), driven through the station API as the
 * renderer drives it. A clerk signs in (password and code), scans generated order pages through the
 * hot folder and 10 pages from `scanimage -d test`, commits both batches, enters an order with
 * distinctive names and case number into one of the drafts, changes it, searches for the name, and
 * lets sync send it all. Then every byte of every file in the station's folder (data, logs, spool,
 * hot folder, settings, keys) and in the temporary folder the station process used is read: none of
 * the entered names or the case number may appear, in any letter case, and no file may be a page
 * image or a PDF. The same reading is checked first on a planted file, so a reader that sees
 * nothing cannot pass.
 */
import { syncUntil } from '../support/sync-wait';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSampleBatch } from '../../scripts/demo/sample-pages';
import { startDemoRegistry, type DemoRegistry } from '../../scripts/demo/registry';
import type { Station } from '../../src/main/app/station';
import { hotFolderOf, openNodeStation } from '../../src/main/host/node-station';
import { totpAt } from '../../src/server/auth/totp';
import { DEMO_PASSWORD, demoTotpSecret } from '../../src/server/seed/directory';
import type { BatchDto, Channel, ChannelInput, ChannelOutput } from '../../src/shared/ipc';
import { DEFAULT_SCAN_PROFILE, DEFAULT_SETTINGS, type ScanProfile } from '../../src/shared/ipc/settings';
import { completeOrder } from '../support/orders';
import { scanForPlaintext } from '../support/plaintext-scan';

const USER = 'alameda.clerk';

/** Letters only (names allow letters), random per run: a match can only come from this run. */
function distinctive(stem: string): string {
  return stem + [...randomBytes(8)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
}
const ENTERED = {
  restrainedLast: distinctive('Vexhollow'),
  restrainedFirst: distinctive('Ambrosine'),
  restrainedMiddle: distinctive('Corvalis'),
  protectedLast: distinctive('Thornquist'),
  protectedFirst: distinctive('Elowen'),
  street: distinctive('Larkspurrow'),
  caseNumber: `RST${String(randomBytes(4).readUInt32BE(0)).padStart(10, '0')}`,
};
const WORDS = Object.values(ENTERED);

let dir = '';
let stationRoot = '';
let stationTmp = '';
let previousTmpdir: string | undefined;
let registry: DemoRegistry;
let station: Station;
let stationOpen = false;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ccpor-at-rest-'));
  registry = await startDemoRegistry({
    pgliteInMemory: true,
    pbkdf2Iterations: 1000,
    port: 0,
    logLevel: 'silent',
    dataDir: join(dir, 'registry'),
  });
  // The station process's temporary folder, empty and its own (vitest runs each file in a process of
  // its own): whatever the station puts in "the temp folder" lands here and is read below.
  stationTmp = join(dir, 'tmp');
  mkdirSync(stationTmp);
  previousTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = stationTmp;
  stationRoot = join(dir, 'station');
  station = await openNodeStation({
    root: stationRoot,
    registryUrl: registry.url,
    drivers: { withSaneTest: true, folderIdleMs: 1_000 },
    workers: 2,
    sync: {
      pollMs: 100,
      pullEveryMs: 1_000,
      probeBackoff: { baseMs: 100, maxMs: 500 },
      retryBackoff: { baseMs: 100, maxMs: 500 },
    },
  });
  stationOpen = true;
}, 120_000);

afterAll(async () => {
  if (stationOpen) await station.close();
  await registry.close();
  if (previousTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previousTmpdir;
  rmSync(dir, { recursive: true, force: true });
});

async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await station.dispatch(channel, input);
  if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.message}`), result.error);
  return result.value as ChannelOutput<C>;
}

/** Starts a batch and resolves with it once the scanner has finished and every page is processed. */
async function scanBatch(deviceId: string, profile: ScanProfile): Promise<BatchDto> {
  let stop = (): void => undefined;
  const finished = new Promise<BatchDto>((resolve) => {
    stop = station.bus.subscribe((name, payload) => {
      if (name !== 'scan:batch') return;
      const batch = payload as BatchDto;
      if (batch.status !== 'scanning' && batch.progress.processed === batch.progress.scanned) resolve(batch);
    });
  });
  try {
    const started = await call('scan:start', { deviceId, profile });
    if (started.status !== 'scanning') return started;
    return await finished;
  } finally {
    stop();
  }
}

/** The station's folder and the temporary folder its process used. */
function walkedFolders(): string[] {
  return [stationRoot, stationTmp];
}

describe('nothing in plain text outside the encrypted store', () => {
  it('the file reader finds a planted word and planted images (so finding nothing means something)', async () => {
    const planted = join(dir, 'planted');
    mkdirSync(join(planted, 'deep'), { recursive: true });
    writeFileSync(join(planted, 'note.json'), JSON.stringify({ last: ENTERED.restrainedLast.toUpperCase() }));
    writeFileSync(join(planted, 'deep', 'utf16.txt'), Buffer.from(ENTERED.caseNumber, 'utf16le'));
    writeFileSync(
      join(planted, 'page'),
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
        .png()
        .toBuffer(),
    );
    writeFileSync(join(planted, 'doc.bin'), Buffer.from('%PDF-1.7\n'));
    writeFileSync(join(planted, 'scan.pgm'), Buffer.from('P5\n1 1\n255\n\0', 'latin1'));
    writeFileSync(join(planted, 'log.txt'), `{"thumb":"data:image/png;base64,iVBORw0KGgoAAAANS"}`);
    const report = scanForPlaintext([planted], WORDS);
    expect(report.files).toHaveLength(6);
    expect(report.findings.map((f) => `${relative(planted, f.file)}: ${f.what}`).sort()).toEqual(
      [
        `deep/utf16.txt: ${ENTERED.caseNumber}`,
        'doc.bin: PDF',
        'log.txt: PNG (base64)',
        `note.json: ${ENTERED.restrainedLast}`,
        'page: PNG',
        'scan.pgm: PNM',
      ].sort(),
    );
    rmSync(planted, { recursive: true, force: true });
  });

  it('after signing in, scanning (hot folder and SANE), committing, entering an order and syncing, no entered name or case number and no image is on disk in plain text', async () => {
    const step = Math.floor(Date.now() / 30_000);
    await call('session:sign-in', {
      username: USER,
      password: DEMO_PASSWORD,
      totp: totpAt(demoTotpSecret(USER), step * 30),
      bannerAcknowledged: true,
    });
    await station.session.settled();

    // Hot folder: generated order pages (three orders behind Patch T sheets), as capture software drops them.
    const hot = hotFolderOf(stationRoot);
    const dropped = await dropSampleBatch(hot, 'atrest');
    const devices = (await call('scan:devices', {})).devices.map((d) => d.id);
    expect(devices).toEqual(expect.arrayContaining([`folder:${hot}`, 'sane:test']));
    const fromFolder = await scanBatch(`folder:${hot}`, { ...DEFAULT_SCAN_PROFILE, separation: 'patch-t' });
    expect(fromFolder.status).toBe('complete');
    expect(fromFolder.progress.processed).toBe(dropped);
    const folderOrders = await call('scan:commit', { batchId: fromFolder.id });
    expect(folderOrders.map((o) => [o.pageCount, o.problem])).toEqual([
      [2, null],
      [1, null],
      [2, null],
    ]);
    // Stored, so gone from the hot folder: only the journal (names, sizes, hashes) stays.
    expect(readdirSync(hot)).toEqual(['.ccpor-taken.json']);

    // SANE's test device: its pages pass through the station's spool folder.
    const fromSane = await scanBatch('sane:test', {
      ...DEFAULT_SCAN_PROFILE,
      resolutionDpi: 200,
      separation: 'fixed-count',
      fixedCount: 5,
    });
    expect(fromSane.status).toBe('complete');
    expect(fromSane.progress.processed).toBe(10);
    const saneOrders = await call('scan:commit', { batchId: fromSane.id });
    expect(saneOrders.map((o) => o.problem)).toEqual([null, null]);

    // Entry: the clerk types the order into the first scanned order's draft, then corrects it.
    const draftId = folderOrders[0]?.draftId ?? '';
    const draft = await call('drafts:get', { id: draftId });
    const base = completeOrder();
    const order = completeOrder({
      id: draft.id,
      court: DEFAULT_SETTINGS.court,
      caseNumber: ENTERED.caseNumber,
      restrainedPerson: {
        ...base.restrainedPerson,
        name: { last: ENTERED.restrainedLast, first: ENTERED.restrainedFirst },
        aliases: [],
        address: { street: `12 ${ENTERED.street} Road`, city: 'Oakland', state: 'CA', zip: '94612' },
      },
      protectedPersons: [
        { name: { last: ENTERED.protectedLast, first: ENTERED.protectedFirst }, sex: 'F', dob: '1990-07-01' },
      ],
    });
    await call('drafts:save', { order });
    const corrected = await call('drafts:save', {
      order: {
        ...order,
        restrainedPerson: {
          ...order.restrainedPerson,
          name: { ...order.restrainedPerson.name, middle: ENTERED.restrainedMiddle },
        },
      },
    });
    expect(corrected.order.restrainedPerson.name.middle).toBe(ENTERED.restrainedMiddle);
    // A second, typed-only draft with the same people.
    await call('drafts:save', { order: { ...order, id: randomUUID() } });
    await call('registry:search', { query: { lastName: ENTERED.restrainedLast } });
    await syncUntil(station.sync, (s) => s.pendingChanges === 0 && s.state === 'idle', 'everything sent');
    // It did reach the registry, so the station really held these names (in its encrypted store).
    const onRegistry = await registry.app.registry.db.query<{ case_number: string }>(
      'SELECT case_number FROM orders WHERE id = $1',
      [draftId],
    );
    expect(onRegistry.rows[0]?.case_number).toBe(ENTERED.caseNumber);

    // While the station runs (the database's write-ahead log included) and after it has closed.
    const running = scanForPlaintext(walkedFolders(), WORDS);
    expect(running.findings).toEqual([]);
    await station.close();
    stationOpen = false;
    const closed = scanForPlaintext(walkedFolders(), WORDS);
    expect(closed.findings).toEqual([]);

    // The reading covered what the run wrote: the database, the page images and PDFs (encrypted
    // blobs), the log, the session vault, and the spool folder (empty: every page file removed).
    const names = closed.files.map((f) => relative(stationRoot, f));
    expect(names).toEqual(expect.arrayContaining(['data/logs/station.log', 'data/session-vault.bin']));
    expect(names.some((n) => n.startsWith('data/') && n.endsWith('.db'))).toBe(true);
    // (Blobs are keyed by content: SANE's test pages are alike, so count the hot folder's pages and the PDFs.)
    expect(names.filter((n) => n.startsWith('data/blobs/')).length).toBeGreaterThanOrEqual(
      dropped + folderOrders.length + saneOrders.length,
    );
    expect(readdirSync(join(stationRoot, 'data', 'spool'))).toEqual([]);
  }, 240_000);
});
