/**
 * Hostile station API calls, generated, through a real station's dispatcher (the one both hosts
 * call): every channel with wrong types, huge strings, lone surrogates, deep nesting, prototype
 * keys, near-valid inputs with one field spoiled, unknown channel names, and out-of-order calls
 * (commit before scan, retry of a batch nobody started), signed out, signed in and locked.
 *
 * Each call must answer `{ ok: true, value }` or `{ ok: false, error: { code, message } }`: a throw,
 * a rejection or any other shape is a crash. A refused call must write nothing: the store
 * connection's `total_changes()` may grow only by the audit rows that record refusals (access
 * denied, failed unlocks: the trail is meant to keep those), and the settings file and the blob
 * folder stay as they were. A call that succeeds is counted and may write.
 *
 * Used by test/main/app/hostile-ipc.test.ts (a few thousand calls) and the soak script
 * test/soak/ipc.soak.ts (`npm run soak:ipc`, 100,000 calls).
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { startDemoRegistry } from '../../scripts/demo/registry';
import type { Station } from '../../src/main/app/station';
import { createStation } from '../../src/main/app/station';
import { silentLog } from '../../src/main/log/station-log';
import { FolderDriver } from '../../src/main/scan/drivers/folder/folder-driver';
import { openConfSettings } from '../../src/main/settings';
import { FileSecretStore } from '../../src/main/store/secret-store';
import { StationSync } from '../../src/main/sync';
import { totpAt } from '../../src/server/auth/totp';
import { DEMO_PASSWORD, demoTotpSecret } from '../../src/server/seed/directory';
import { CHANNELS, type Channel } from '../../src/shared/ipc';
import { DEFAULT_SETTINGS } from '../../src/shared/ipc/settings';
import { completeOrder } from './orders';

export type Phase = 'signed-out' | 'signed-in' | 'locked';

export interface HostileTally {
  calls: number;
  crashes: number;
  refused: number;
  accepted: number;
  writesFromRefused: number;
  /** Refusals the audit trail recorded (access denied, failed unlocks): expected, not writes. */
  refusalsAudited: number;
  /** Calls made in each session state (a locked session that five failed unlocks signed out counts as signed out). */
  byState: Record<Phase, number>;
  /** The first few crashes and writes, to say what went wrong. */
  problems: string[];
}

export function emptyTally(): HostileTally {
  return {
    calls: 0,
    crashes: 0,
    refused: 0,
    accepted: 0,
    writesFromRefused: 0,
    refusalsAudited: 0,
    byState: { 'signed-out': 0, 'signed-in': 0, locked: 0 },
    problems: [],
  };
}

const UUID = '00000000-0000-4000-8000-00000000beef';

/** One well-formed input per channel: the base the generator spoils, and the out-of-order calls. */
function validSample(channel: Channel): unknown {
  const order = completeOrder({ id: randomUUID() });
  switch (channel) {
    case 'session:sign-in':
      return {
        username: 'hostile.nobody',
        password: 'not the password',
        totp: '123456',
        bannerAcknowledged: true,
      };
    case 'session:unlock':
      return { username: 'hostile.nobody', password: 'not the password', bannerAcknowledged: true };
    case 'session:lock':
      return { reason: 'manual' };
    case 'session:reauth':
      return { password: 'not the password', totp: '000000' };
    case 'session:registry-sign-in':
      return { password: 'not the password', totp: '000000' };
    case 'settings:update':
      return { patch: { stationName: 'Hostile' } };
    case 'settings:preview-name':
      return { template: '{county}_{seq}' };
    case 'drafts:list':
      return { limit: 5, text: 'x' };
    case 'drafts:get':
    case 'registry:order':
      return { id: UUID };
    case 'drafts:save':
      return { order };
    case 'drafts:transition':
      return { id: UUID, transition: 'cancel' };
    case 'drafts:cover-sheets':
      return { ids: [UUID] };
    case 'documents:list':
      return { draftId: UUID };
    case 'documents:content':
      return { draftId: UUID, id: UUID };
    case 'scan:start':
      return { deviceId: 'no-such-scanner', profile: DEFAULT_SETTINGS.scanProfile };
    case 'scan:cancel':
    case 'scan:retry':
    case 'scan:commit':
    case 'scan:discard':
      return { batchId: UUID };
    case 'scan:edit':
      return { batchId: UUID, edit: { kind: 'include', pageId: 'p1', included: false } };
    case 'scan:thumbnail':
      return { batchId: UUID, pageId: 'p1' };
    case 'sync:resolve':
      return { draftId: UUID, resolution: { kind: 'keep-mine' } };
    case 'registry:search':
      return { query: { lastName: 'Nobody' } };
    case 'registry:image':
      return { orderId: UUID, sha256: 'a'.repeat(64) };
    case 'registry:conflicts':
      return { name: { last: 'Nobody', first: 'Some' }, dob: '1980-01-01' };
    default:
      return {};
  }
}

/** A value nested `depth` levels deep, built without recursion. */
function nested(depth: number, asArray: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = asArray ? [value] : { a: value };
  return value;
}

const LONE_SURROGATES = [
  '\uD800',
  '\uDFFF',
  'a\uD83Db',
  '\uDC00\uD800',
  'O\u2019Brien\uD800',
  '\u0000',
  '\uFFFE',
];

/** Hostile stand-ins for one value. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 3,
    withNullPrototype: true,
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withDate: true,
    withBigInt: true,
  }),
  fc.constantFrom(...LONE_SURROGATES),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 1, max: 6 }).map((p) => 'x'.repeat(10 ** p)),
  fc.integer({ min: 1, max: 4 }).map((p) => '\uD800'.repeat(10 ** p)),
  fc.tuple(fc.integer({ min: 10, max: 20_000 }), fc.boolean()).map(([d, a]) => nested(d, a)),
  fc.constantFrom(
    NaN,
    Infinity,
    -Infinity,
    -0,
    Number.MAX_SAFE_INTEGER + 2,
    1e308,
    null,
    undefined,
    true,
    [],
  ),
  fc
    .constantFrom(
      () => JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
      () => ({ constructor: { prototype: { polluted: true } } }),
      () => JSON.parse('{"prototype":{"polluted":true},"toString":1,"valueOf":2}') as unknown,
    )
    .map((make) => make()),
);

/** Keys that have broken other programs' object handling. */
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', '\uD800'];

/** The input with one value somewhere in it replaced (or a key added), as data only: no getters. */
function spoil(input: unknown, pathPick: number, value: unknown, addKey: string | null): unknown {
  if (input === null || typeof input !== 'object') return value;
  const copy = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
  let target: Record<string, unknown> = copy;
  const path: string[] = [];
  for (let step = 0; step < 4; step += 1) {
    const keys = Object.keys(target);
    if (keys.length === 0) break;
    const key = keys[(pathPick + step) % keys.length] as string;
    const next = target[key];
    if (next === null || typeof next !== 'object' || (pathPick >> step) % 3 === 0) {
      path.push(key);
      break;
    }
    target = next as Record<string, unknown>;
  }
  if (addKey !== null) {
    Object.defineProperty(target, addKey, { value, enumerable: true, configurable: true, writable: true });
  } else if (path.length > 0) {
    target[path[path.length - 1] as string] = value;
  }
  return copy;
}

const channelArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...CHANNELS) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.constantFrom(
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'drafts:save ',
        'DRAFTS:SAVE',
        'drafts:delete',
        '',
      ),
      fc.integer({ min: 1, max: 5 }).map((p) => 'c'.repeat(10 ** p)),
      hostileValue,
    ),
  },
);

export interface HostileCall {
  readonly channel: unknown;
  readonly input: unknown;
}

/** A hostile call: a known channel's sample spoiled, replaced outright, or sent as is (out of order). */
export const hostileCall: fc.Arbitrary<HostileCall> = fc
  .tuple(
    channelArb,
    fc.constantFrom('spoil', 'spoil', 'add-key', 'replace', 'as-is'),
    fc.nat(),
    hostileValue,
    fc.constantFrom(...HOSTILE_KEYS),
  )
  .map(([channel, how, pathPick, value, key]) => {
    const sample =
      typeof channel === 'string' && (CHANNELS as string[]).includes(channel)
        ? validSample(channel as Channel)
        : {};
    const input =
      how === 'replace'
        ? value
        : how === 'as-is'
          ? sample
          : spoil(sample, pathPick, value, how === 'add-key' ? key : null);
    return { channel, input };
  });

function isAnswer(result: unknown): boolean {
  if (result === null || typeof result !== 'object') return false;
  const r = result as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return 'value' in r;
  return (
    r.ok === false &&
    typeof r.error?.code === 'string' &&
    typeof r.error.message === 'string' &&
    r.error.message.length > 0
  );
}

/** What a refused call may not change. */
export interface WriteProbe {
  /** A fingerprint of everything a call could write, less the audit rows that record a refusal. */
  fingerprint(): string;
  refusalsAudited(): number;
}

export function writeProbe(station: Station, root: string): WriteProbe {
  const changes = station.store.db.prepare('SELECT total_changes() AS n');
  const refusals = station.store.db.prepare(
    "SELECT count(*) AS n FROM audit_events WHERE outcome <> 'success'",
  );
  const settingsFile = join(root, 'config', 'station-settings.json');
  const blobDir = join(root, 'data', 'blobs');
  const refusalsAudited = (): number => (refusals.get() as { n: number }).n;
  return {
    refusalsAudited,
    fingerprint() {
      const n = (changes.get() as { n: number }).n - refusalsAudited();
      const settings = existsSync(settingsFile)
        ? createHash('sha256').update(readFileSync(settingsFile)).digest('hex')
        : 'none';
      const blobs = existsSync(blobDir) ? readdirSync(blobDir, { recursive: true }).length : 0;
      return `${n}|${settings}|${blobs}`;
    },
  };
}

/** Channels that only read: nothing goes on writing after them, so the next call needs no settling. */
const READ_ONLY = new Set<string>([
  'station:info',
  'session:get',
  'session:banner',
  'session:activity',
  'settings:get',
  'drafts:list',
  'drafts:get',
  'documents:list',
  'documents:content',
  'scan:devices',
  'scan:refresh-devices',
  'scan:current',
  'scan:thumbnail',
  'sync:status',
  'sync:conflicts',
  'registry:search',
  'registry:order',
  'registry:image',
  'registry:conflicts',
]);

function phaseOf(station: Station): Phase {
  const s = station.session.current();
  if (s.state !== 'signed-in') return 'signed-out';
  return s.locked === null ? 'signed-in' : 'locked';
}

function callText(call: HostileCall): string {
  const text = (v: unknown): string => {
    try {
      // undefined for a function or a symbol, whatever the type says.
      const json = JSON.stringify(v) as string | undefined;
      return (json ?? String(v)).slice(0, 120);
    } catch {
      return typeof v;
    }
  };
  return `${text(call.channel)} ${text(call.input)}`;
}

/**
 * Makes `count` hostile calls in order from `seed`. `settle` runs after a call that succeeded (the
 * station may go on writing in the background after it: sync sends what changed).
 */
export async function runHostileCalls(options: {
  station: Station;
  probe: WriteProbe;
  count: number;
  seed: number;
  tally: HostileTally;
  /** Channels left out (e.g. sign-out while the signed-in phase should stay signed in). */
  skip?: readonly string[];
  settle: () => Promise<void>;
}): Promise<void> {
  const { station, probe, tally } = options;
  const skip = new Set(options.skip ?? []);
  const calls = fc.sample(
    hostileCall.filter((c) => typeof c.channel !== 'string' || !skip.has(c.channel)),
    { numRuns: options.count, seed: options.seed },
  );
  for (const call of calls) {
    const before = probe.fingerprint();
    const audited = probe.refusalsAudited();
    tally.byState[phaseOf(station)] += 1;
    tally.calls += 1;
    let result: unknown;
    try {
      result = await station.dispatch(call.channel, call.input);
    } catch (error) {
      tally.crashes += 1;
      if (tally.problems.length < 10)
        tally.problems.push(
          `crash: ${callText(call)}: ${error instanceof Error ? error.message : String(error)}`,
        );
      continue;
    }
    if (!isAnswer(result)) {
      tally.crashes += 1;
      if (tally.problems.length < 10) tally.problems.push(`bad answer: ${callText(call)}`);
      continue;
    }
    if ((result as { ok: boolean }).ok) {
      tally.accepted += 1;
      if (!READ_ONLY.has(call.channel as string)) await options.settle();
      continue;
    }
    tally.refused += 1;
    tally.refusalsAudited += probe.refusalsAudited() - audited;
    if (probe.fingerprint() !== before) {
      tally.writesFromRefused += 1;
      if (tally.problems.length < 10) tally.problems.push(`write from refused: ${callText(call)}`);
    }
  }
}

export interface HostileRunOptions {
  /** Hostile calls in all (split: a fifth signed out, three fifths signed in, a fifth locked). */
  readonly calls: number;
  readonly seed: number;
  /** A folder of its own for the station and the registry (removed by the caller). */
  readonly dir: string;
}

export interface HostileRunReport extends HostileTally {
  /** After the run: a fresh sign-in, a draft saved and read back, the list and sync status answer. */
  readonly worksAfter: boolean;
  readonly seconds: number;
}

/**
 * The whole run on real parts: the demo registry (PGlite in memory, loopback HTTP) and the node
 * station (encrypted store, sync), with two clerks signing in with password and code.
 */
export async function runHostileIpc(options: HostileRunOptions): Promise<HostileRunReport> {
  const started = process.hrtime.bigint();
  const registry = await startDemoRegistry({
    pgliteInMemory: true,
    pbkdf2Iterations: 1000,
    logLevel: 'silent',
    dataDir: join(options.dir, 'registry'),
    // Every hostile sign-in comes from this one address: the registry's per-address limits would
    // otherwise refuse the clerks' real sign-ins after the first few thousand calls.
    rateLimitPerAddress: 10_000_000,
    signInLimitPerAddress: 1_000_000,
    signInLimitPerAccount: 1_000_000,
  });
  const root = join(options.dir, 'station');
  const settings = openConfSettings(join(root, 'config'));
  settings.update({ registryUrl: registry.url });
  const hotFolder = join(root, 'hot-folder');
  mkdirSync(hotFolder, { recursive: true });
  // The station as the browser host opens it (node-station.ts), with the hot folder as its only
  // scanner: SANE's discovery takes seconds per "refresh devices", which 100,000 calls cannot wait.
  // Sync looks only when told (a local change, "sync now"): nothing writes behind a refused call.
  const station = await createStation({
    dataDir: join(root, 'data'),
    log: silentLog(),
    secrets: new FileSecretStore(join(root, 'keys')),
    settings,
    host: 'browser',
    version: 'hostile',
    drivers: [
      new FolderDriver({
        folders: [hotFolder],
        stopWhenIdleMs: 200,
        pollIntervalMs: 50,
        incompleteGraceMs: 100,
      }),
    ],
    workers: 1,
    createSync: ({ store, client, log, audit }) =>
      new StationSync(store, client, {
        pollMs: 3_600_000,
        pullEveryMs: 3_600_000,
        probeBackoff: { baseMs: 50, maxMs: 200 },
        retryBackoff: { baseMs: 50, maxMs: 200 },
        log,
        audit: { trail: audit, station: () => settings.get().stationName },
      }),
  });
  // Anything that escapes a handler as an unhandled rejection is a crash too.
  let escaped = 0;
  const onEscape = (): void => {
    escaped += 1;
  };
  process.on('unhandledRejection', onEscape);
  const signIn = async (username: string): Promise<void> => {
    const result = await station.dispatch('session:sign-in', {
      username,
      password: DEMO_PASSWORD,
      totp: totpAt(demoTotpSecret(username), Math.floor(Date.now() / 1000)),
      bannerAcknowledged: true,
    });
    if (!result.ok) throw new Error(`${username} could not sign in: ${result.error.message}`);
    await station.session.settled();
  };
  const settle = async (): Promise<void> => {
    await station.sync.syncNow().catch(() => undefined);
  };
  const tally = emptyTally();
  try {
    const probe = writeProbe(station, root);
    const share = Math.max(1, Math.floor(options.calls / 5));
    await runHostileCalls({ station, probe, tally, count: share, seed: options.seed, settle });
    await signIn('alameda.clerk');
    await settle();
    // Signed in: the clerk is at the keyboard (no idle lock mid-run); sign-out and lock are made
    // in the other phases, where they change nothing.
    const signedIn = options.calls - 2 * share;
    const slice = 500;
    for (let done = 0; done < signedIn; done += slice) {
      station.session.activity();
      await runHostileCalls({
        station,
        probe,
        tally,
        count: Math.min(slice, signedIn - done),
        seed: options.seed + 1 + done,
        skip: ['session:sign-out', 'session:lock'],
        settle,
      });
    }
    // Locked: sign-out and wrong unlocks (five sign the user out) are left to the last slice, so
    // the rest of the phase is made against a locked screen.
    station.session.lock('manual');
    const lastSlice = Math.min(200, Math.floor(share / 5));
    await runHostileCalls({
      station,
      probe,
      tally,
      count: share - lastSlice,
      seed: options.seed + 2,
      skip: ['session:sign-out', 'session:reauth'],
      settle,
    });
    await runHostileCalls({ station, probe, tally, count: lastSlice, seed: options.seed + 3, settle });
    tally.crashes += escaped;

    // The station still works: another clerk signs in (a locked session gave way to five wrong
    // unlocks, or is signed out here), saves a draft and reads it back.
    await station.dispatch('session:sign-out', {});
    await signIn('alameda.clerk2');
    const order = completeOrder({ id: randomUUID() });
    const saved = await station.dispatch('drafts:save', { order });
    const read = await station.dispatch('drafts:get', { id: order.id });
    const listed = await station.dispatch('drafts:list', {});
    const status = await station.dispatch('sync:status', {});
    const worksAfter =
      saved.ok &&
      read.ok &&
      (read.value as { id: string }).id === order.id &&
      listed.ok &&
      status.ok &&
      ({} as Record<string, unknown>).polluted === undefined;
    return {
      ...tally,
      worksAfter,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
    };
  } finally {
    process.off('unhandledRejection', onEscape);
    await station.close();
    await registry.close();
  }
}
