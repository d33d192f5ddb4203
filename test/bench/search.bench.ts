/**
 * `npm run bench:search [-- --orders N] [-- --pglite] [-- --pool N]`: loads N orders (default 200,000) into a fresh
 * database, then measures p50/p95/p99 of name+DOB, fuzzy-name and case-number searches through the
 * HTTP API at concurrency 1 and 32, and the same SQL run directly (the floor).
 * PostgreSQL from BENCH_DATABASE_URL or TEST_DATABASE_URL (a scratch database is created beside it);
 * PGlite in memory with --pglite or when neither is set. The last line is the JSON summary.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { SearchQuery } from '../../src/shared/api';
import { buildRegistry } from '../../src/server/app';
import { systemPrincipal } from '../../src/server/auth/principal';
import { totpAt } from '../../src/server/auth/totp';
import { DEFAULT_CONFIG, loadConfig } from '../../src/server/config';
import { openPglite } from '../../src/server/db/pglite';
import { openPostgres } from '../../src/server/db/postgres';
import type { Db } from '../../src/server/db/types';
import { buildSearch } from '../../src/server/search/query';
import { seedDirectory } from '../../src/server/seed/demo';
import { DEMO_PASSWORD, demoTotpSecret } from '../../src/server/seed/directory';
import { typo } from '../../src/server/seed/names';
import { Prng } from '../../src/server/seed/prng';
import { loadOrders, sampleOrders, type LoadedSample } from './search-load';

const args = process.argv.slice(2);
const argValue = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const ORDERS = Number(argValue('--orders') ?? 200_000);
/** --reuse-db NAME: measure an already loaded scratch database (kept by BENCH_KEEP=1) without loading. */
const reuseDb = argValue('--reuse-db');
const keep = process.env.BENCH_KEEP === '1';
/** --pool N: database connections (default: the registry's own default, REGISTRY_DB_POOL_SIZE). */
const poolSize = Number(
  argValue('--pool') ?? process.env.REGISTRY_DB_POOL_SIZE ?? DEFAULT_CONFIG.databasePoolSize,
);
const baseUrl = args.includes('--pglite')
  ? undefined
  : (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 100) / 100;
}

async function runConcurrent(
  queries: readonly (() => Promise<void>)[],
  concurrency: number,
): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < queries.length) {
      const q = queries[next++];
      if (!q) break;
      const t0 = performance.now();
      await q();
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return times.sort((a, b) => a - b);
}

async function openScratch(): Promise<{ db: Db; url: string | null; drop: () => Promise<void> }> {
  if (baseUrl === undefined) {
    const db = await openPglite(null);
    return { db, url: null, drop: () => db.close() };
  }
  const name = reuseDb ?? `ccpor_bench_${randomBytes(4).toString('hex')}`;
  if (reuseDb === undefined) {
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString(), poolSize);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      if (keep || reuseDb !== undefined) {
        console.error(`kept database ${name} (measure again with --reuse-db ${name})`);
        return;
      }
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function main(): Promise<void> {
  const scratch = await openScratch();
  const dataDir = mkdtempSync(join(tmpdir(), 'ccpor-bench-'));
  const config = loadConfig(
    {
      dataDir,
      pgliteInMemory: true,
      databaseUrl: scratch.url,
      databasePoolSize: poolSize,
      pbkdf2Iterations: 1000,
      logLevel: 'warn',
      port: 0,
      // 32 clients from one address measure search, not the per-address rate limit.
      rateLimitPerAddress: 10_000_000,
    },
    {},
  );
  const app = await buildRegistry(config, { db: scratch.db, keepDbOpen: true });
  try {
    await seedDirectory(app.registry);
    if (reuseDb === undefined) {
      const t0 = performance.now();
      await loadOrders(scratch.db, ORDERS, app.registry.orders.today(), (done) => {
        if (done % 20_000 === 0 || done === ORDERS) process.stderr.write(`loaded ${done}/${ORDERS} orders\n`);
      });
      const seconds = ((performance.now() - t0) / 1000).toFixed(1);
      console.log(`database: ${scratch.db.kind}; loaded ${ORDERS} orders in ${seconds} s`);
    }
    const samples = await sampleOrders(scratch.db);

    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const signIn = await fetch(`${url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'state.admin',
        password: DEMO_PASSWORD,
        totp: totpAt(demoTotpSecret('state.admin'), Date.now() / 1000),
      }),
    });
    const { accessToken } = (await signIn.json()) as { accessToken: string };

    const rng = new Prng(7);
    const kinds: Record<string, (s: LoadedSample) => SearchQuery> = {
      name_dob: (s) => ({ lastName: s.last, firstName: s.first, dob: s.dob, scope: 'statewide' }),
      fuzzy: (s) => ({ lastName: typo(rng, s.last), firstName: s.first, scope: 'statewide' }),
      case: (s) => ({ caseNumber: s.caseNumber, scope: 'statewide' }),
    };
    const toQs = (q: SearchQuery) =>
      new URLSearchParams(Object.entries(q).map(([k, v]): [string, string] => [k, String(v)])).toString();
    const system = systemPrincipal('bench');
    const results: Record<string, Record<number, { api: number[]; floor: number[] }>> = {};
    for (const concurrency of [1, 32]) {
      for (const [kind, make] of Object.entries(kinds)) {
        const count = concurrency === 1 ? 150 : 640;
        const queries = Array.from({ length: count }, (_, i) => make(samples[i % samples.length]!));
        const api = await runConcurrent(
          queries.map((q) => async () => {
            const res = await fetch(`${url}/api/v1/search?${toQs(q)}`, {
              headers: { authorization: `Bearer ${accessToken}` },
            });
            if (res.status !== 200) throw new Error(`search failed: ${res.status} ${await res.text()}`);
            await res.arrayBuffer();
          }),
          concurrency,
        );
        const floor = await runConcurrent(
          queries.map((q) => async () => {
            const built = buildSearch(system, q);
            await scratch.db.query(built.sql, built.params);
          }),
          concurrency,
        );
        (results[kind] ??= {})[concurrency] = { api, floor };
        console.log(
          `${kind.padEnd(9)} c=${String(concurrency).padEnd(2)} api p50/p95/p99 ${percentile(api, 50)}/${percentile(api, 95)}/${percentile(api, 99)} ms` +
            `   sql floor p50/p95/p99 ${percentile(floor, 50)}/${percentile(floor, 95)}/${percentile(floor, 99)} ms`,
        );
      }
    }
    const p95 = (kind: string) => percentile(results[kind]?.[32]?.api ?? [], 95);
    const floorAll = Object.values(results)
      .flatMap((r) => r[32]?.floor ?? [])
      .sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        bench: 'search',
        orders: ORDERS,
        name_dob_p95_ms: p95('name_dob'),
        fuzzy_p95_ms: p95('fuzzy'),
        case_p95_ms: p95('case'),
        floor_p95_ms: percentile(floorAll, 95),
        concurrency: 32,
      }),
    );
  } finally {
    await app.close();
    await scratch.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
