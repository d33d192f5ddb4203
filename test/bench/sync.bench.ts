/**
 * `npm run bench:sync`: 100 orders, each with a 3-page scanned PDF (pdfkit, greyscale page images),
 * queued in a station's outbox, drained to a real registry (its own process, PGlite) through a
 * loopback link limited to 10 Mbit/s (a throttling TCP proxy, full duplex). Reports the seconds to
 * drain, the bytes on the wire (both directions, headers included) against the payload bytes (order
 * JSON + PDF bytes), and the floor: the same payload sent as plain HTTP PUTs (one for the JSON, one
 * for the PDF of each order, keep-alive, as many in parallel as the worker uses) through the same
 * link to a sink that only reads them. Goal: drain ≤ 1.1 × floor.
 *
 * Options: BENCH_ORDERS (100), BENCH_PAGES (3), BENCH_MBIT (10), BENCH_LATENCY_MS (0, one way),
 * BENCH_CONCURRENCY (4), BENCH_CHUNK_KB (8192).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RegistryClient } from '../../src/main/registry-client';
import { openStationStore } from '../../src/main/app/station-store';
import { MemorySecretStore } from '../../src/main/store';
import { StationSync } from '../../src/main/sync';
import { completeOrder } from '../support/orders';
import { PASSWORD, TotpCodes, USERS } from '../main/sync/support/directory';
import { sleep } from '../main/sync/support/fault-proxy';
import { scanPdf } from '../main/sync/support/pdf';
import { ThrottleProxy } from '../main/sync/support/throttle-proxy';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 100);
const PAGES = Number(process.env.BENCH_PAGES ?? 3);
const MBIT = Number(process.env.BENCH_MBIT ?? 10);
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 0);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const CHUNK = Number(process.env.BENCH_CHUNK_KB ?? 8192) * 1024;
const ROOT = resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) =>
    server.close(() => {
      r();
    }),
  );
  return port;
}

let registryPid = 0;

/** CPU seconds the registry process has used (Linux /proc; 0 elsewhere). */
function registryCpuSeconds(): number {
  try {
    const fields = readFileSync(`/proc/${registryPid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

async function startRegistry(dataDir: string, port: number): Promise<() => void> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_REGISTRY_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_REGISTRY_PROFILE}`]
        : []),
      '--import',
      'tsx',
      join(ROOT, 'test/main/sync/fault/registry-child.ts'),
    ],
    {
      cwd: ROOT,
      env: { ...process.env, REGISTRY_DATA_DIR: dataDir, REGISTRY_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  registryPid = child.pid ?? 0;
  await new Promise<void>((resolveReady, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('READY')) resolveReady();
    });
    child.on('exit', (code) => {
      reject(new Error(`registry exited (${code})`));
    });
  });
  return () => child.kill(process.env.BENCH_REGISTRY_PROFILE ? 'SIGTERM' : 'SIGKILL');
}

/** A sink: reads each PUT body and answers 204. */
async function startSink(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    req.on('data', () => undefined);
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    close: () =>
      new Promise((r) =>
        server.close(() => {
          r();
        }),
      ),
  };
}

/** The floor: each order's JSON and PDF as plain PUTs, `CONCURRENCY` at a time, through the link. */
async function floor(port: number, payloads: readonly { json: Buffer; pdf: Buffer }[]): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const put = (path: string, body: Buffer, type: string) =>
    new Promise<void>((resolvePut, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'PUT',
          path,
          agent,
          headers: { 'content-type': type, 'content-length': body.length },
        },
        (res) => {
          res.resume();
          res.on('end', resolvePut);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < payloads.length) {
        const i = next++;
        const p = payloads[i]!;
        await put(`/orders/${i}`, p.json, 'application/json');
        await put(`/orders/${i}/image`, p.pdf, 'application/pdf');
      }
    }),
  );
  agent.destroy();
  return (performance.now() - started) / 1000;
}

const work = mkdtempSync(join(tmpdir(), 'bench-sync-'));
const port = await freePort();
const stopRegistry = await startRegistry(join(work, 'registry'), port);
try {
  const link = new ThrottleProxy({ host: '127.0.0.1', port }, MBIT * 1_000_000, LATENCY);
  await link.listen();
  const sink = await startSink();
  const sinkLink = new ThrottleProxy({ host: '127.0.0.1', port: sink.port }, MBIT * 1_000_000, LATENCY);
  await sinkLink.listen();

  console.log(`generating ${ORDERS} orders with ${PAGES}-page PDFs…`);
  const store = await openStationStore({ dataDir: join(work, 'station'), secrets: new MemorySecretStore() });
  const payloads: { json: Buffer; pdf: Buffer }[] = [];
  for (let i = 0; i < ORDERS; i += 1) {
    const order = completeOrder({ id: randomUUID(), caseNumber: `26FL${String(i).padStart(5, '0')}` });
    const pdf = await scanPdf({ pages: PAGES, seed: 10_000 + i, width: 640, height: 828 });
    store.drafts.save(order);
    store.documents.attachBytes(order.id, pdf, `bench-${i}.pdf`, PAGES);
    payloads.push({ json: Buffer.from(JSON.stringify(order)), pdf });
  }
  const payloadBytes = payloads.reduce((n, p) => n + p.json.length + p.pdf.length, 0);

  // Sign in directly (not through the link): the session is not part of the drain.
  const signer = new RegistryClient({ baseUrl: `http://127.0.0.1:${port}` });
  await signer.signIn({
    username: USERS.clerk.username,
    password: PASSWORD,
    totp: new TotpCodes().next(USERS.clerk) ?? '',
  });
  const tokens = signer.session.current()!;
  signer.close();
  const client = new RegistryClient({ baseUrl: `http://127.0.0.1:${link.port}`, timeoutMs: 30_000 });
  client.session.accept({
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresIn: 3600,
    user: tokens.user,
  });

  console.log(
    `draining ${store.outbox.totals().count} changes (${(payloadBytes / 1e6).toFixed(1)} MB) through ${MBIT} Mbit/s…`,
  );
  const sync = new StationSync(store, client, {
    concurrency: CONCURRENCY,
    chunkSize: CHUNK,
    pollMs: 20,
    pullEveryMs: 3_600_000,
  });
  link.resetCounts();
  const started = performance.now();
  sync.start();
  const cpuBefore = process.cpuUsage();
  const registryCpuBefore = registryCpuSeconds();
  while (store.outbox.totals().count > 0) {
    await sleep(20);
    if (sync.diagnostics().connectivity !== 'online')
      throw new Error(`drain failed: ${JSON.stringify(sync.status())}`);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const registryCpu = registryCpuSeconds() - registryCpuBefore;
  const drainS = (performance.now() - started) / 1000;
  const wire = { up: link.up.bytes, down: link.down.bytes };
  await sync.stop();
  client.close();
  store.close();

  console.log('sending the same payload as plain PUTs through the same link (the floor)…');
  const floorS = await floor(sinkLink.port, payloads);
  const floorWire = sinkLink.wireBytes;
  await sinkLink.close();
  await sink.close();
  await link.close();

  const wireBytes = wire.up + wire.down;
  console.log(
    `drain:   ${drainS.toFixed(2)} s, ${wireBytes} bytes on the wire (${wire.up} up, ${wire.down} down)`,
  );
  console.log(`floor:   ${floorS.toFixed(2)} s, ${floorWire} bytes on the wire`);
  console.log(
    `CPU during the drain: station ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, registry ${registryCpu.toFixed(1)} s`,
  );
  console.log(
    `payload: ${payloadBytes} bytes; wire/payload ${(wireBytes / payloadBytes).toFixed(3)}; drain/floor ${(drainS / floorS).toFixed(3)}`,
  );
  console.log(
    JSON.stringify({
      bench: 'sync',
      orders: ORDERS,
      drain_s: Number(drainS.toFixed(2)),
      floor_s: Number(floorS.toFixed(2)),
      wire_bytes: wireBytes,
      payload_bytes: payloadBytes,
    }),
  );
} finally {
  stopRegistry();
  rmSync(work, { recursive: true, force: true });
}
