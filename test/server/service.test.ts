/** The service around the API: health, readiness, OpenAPI, unknown routes, TLS, and the CLI process. */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnBackends } from './support/backends';
import { startHarness, type Harness } from './support/harness';

describeOnBackends('registry service endpoints', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => {
    await h.close();
  });

  it('reports liveness and readiness', async () => {
    expect((await h.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await h.call('GET', '/readyz')).body).toEqual({ status: 'ready', database: kind });
    await h.database.db.query("INSERT INTO schema_migrations (id, name) VALUES (998, 'newer')");
    const notReady = await h.call('GET', '/readyz');
    expect(notReady.status).toBe(503);
    await h.database.db.query('DELETE FROM schema_migrations WHERE id = 998');
  });

  it('serves an OpenAPI document covering the API', async () => {
    const res = await h.call<{ openapi: string; paths: Record<string, unknown> }>(
      'GET',
      '/api/v1/openapi.json',
    );
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/auth/sign-in',
      '/api/v1/orders',
      '/api/v1/orders/{id}/transitions',
      '/api/v1/search',
      '/api/v1/changes',
      '/api/v1/queue',
      '/api/v1/conflicts',
      '/api/v1/audit',
    ]) {
      expect(Object.keys(res.body.paths)).toContain(path);
    }
  });

  it('answers unknown routes with a problem body', async () => {
    const res = await h.call('GET', '/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('registry over TLS', () => {
  let h: Harness | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'ccpor-tls-'));
  beforeAll(async () => {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    h = await startHarness('pglite', {
      tls: { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') },
    });
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves HTTPS with the configured certificate', async () => {
    const port = new URL(h!.url).port;
    const body = await new Promise<string>((resolve, reject) => {
      request(
        { host: '127.0.0.1', port, path: '/healthz', ca: readFileSync(join(dir, 'cert.pem')) },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => {
            resolve(text);
          });
        },
      )
        .on('error', reject)
        .end();
    });
    expect(JSON.parse(body)).toEqual({ status: 'ok' });
  });
});

describe('npm run registry (the CLI process)', () => {
  it('starts on PGlite in its data folder with no other configuration and stops cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ccpor-cli-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { PATH: process.env.PATH, REGISTRY_DATA_DIR: dataDir, REGISTRY_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        child.on('exit', (code) => {
          reject(new Error(`exited ${code}: ${out}`));
        });
      });
      expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: 'ready', database: 'pglite' });
      expect(existsSync(join(dataDir, 'pglite'))).toBe(true);
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
