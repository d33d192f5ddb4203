/**
 * `npm run bench:store`: saves drafts one transaction each (WAL + synchronous=FULL, encrypted) into a
 * station database already holding 10,000 drafts, and reports saves per second and p95 latency.
 * Options: BENCH_DRAFTS (default 10000), BENCH_SAVES (default 2000), BENCH_DIR (default a temp folder).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MemorySecretStore } from '../../src/main/store/secret-store';
import { openStationStore } from '../../src/main/app/station-store';
import type { ProtectiveOrder } from '../../src/shared/order';
import { completeOrder } from '../support/orders';

const drafts = Number(process.env.BENCH_DRAFTS ?? 10_000);
const saves = Number(process.env.BENCH_SAVES ?? 2_000);
const dir = process.env.BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'bench-store-'));

const SURNAMES = [
  'Garcia',
  'Nguyen',
  'Smith',
  'Hernandez',
  'Kim',
  'Johnson',
  'Lopez',
  'Patel',
  'Brown',
  'Martinez',
];
/** 0 → 'a', 27 → 'bb': names must be letters. */
function letters(i: number): string {
  let out = '';
  let n = i;
  do {
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26);
  } while (n > 0);
  return out;
}

function order(i: number, id: string = randomUUID()): ProtectiveOrder {
  const base = completeOrder();
  return {
    ...base,
    id,
    caseNumber: `26FL${String(i).padStart(5, '0')}`,
    restrainedPerson: {
      ...base.restrainedPerson,
      name: { last: `${SURNAMES[i % 10] ?? 'Doe'}-${letters(i)}`, first: 'Alex' },
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const store = await openStationStore({ dataDir: dir, secrets: new MemorySecretStore() });
const seedStart = performance.now();
const ids: string[] = [];
store.db.transaction(() => {
  for (let i = 0; i < drafts; i += 1) ids.push(store.drafts.save(order(i)).id);
})();
console.log(
  `seeded ${drafts} drafts in ${((performance.now() - seedStart) / 1000).toFixed(1)} s (one transaction) at ${dir}`,
);

const latencies: number[] = [];
const start = performance.now();
for (let i = 0; i < saves; i += 1) {
  // Half edits of existing drafts, half new drafts: both are what a clerk's day looks like.
  const o = i % 2 === 0 ? order(drafts + i) : order(i, ids[(i * 7919) % ids.length]);
  const t0 = performance.now();
  store.drafts.save(o);
  latencies.push(performance.now() - t0);
}
const elapsed = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const p50 = percentile(latencies, 50);
const p95 = percentile(latencies, 95);
const p99 = percentile(latencies, 99);
console.log(
  `${saves} saves, one transaction each (WAL, synchronous=FULL, SQLCipher AES-256): ${(saves / elapsed).toFixed(0)} saves/s; ` +
    `latency p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, max ${(latencies.at(-1) ?? 0).toFixed(2)} ms`,
);
store.close();
if (process.env.BENCH_DIR === undefined) rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    bench: 'store',
    drafts,
    saves_per_s: Math.round(saves / elapsed),
    save_p95_ms: Number(p95.toFixed(2)),
  }),
);
