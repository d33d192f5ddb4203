/**
 * The browser host on real loopback sockets: what it serves (and with which headers), and who may
 * open the station API WebSocket (the per-run token and the page's own origin, nothing else).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createDispatcher, type Handlers } from '../../../src/main/app/dispatcher';
import { startBrowserHost, type BrowserHost } from '../../../src/main/host';
import { StationEventBus } from '../../../src/main/app/event-bus';
import { CodedError } from '../../../src/shared/errors';
import { CHANNELS, TOKEN_PROTOCOL_PREFIX, WIRE_PROTOCOL, type Channel } from '../../../src/shared/ipc';
import { useTempDir } from '../../support/temp';
import { silentLog } from '../../../src/main/log/station-log';

const tempDir = useTempDir('host-');
let host: BrowserHost;
let bus: StationEventBus;
let root: string;

function handlers(): Handlers {
  const all: Partial<Record<Channel, () => unknown>> = {};
  for (const channel of CHANNELS) {
    all[channel] = () => {
      throw new CodedError('NOT_WIRED', `${channel} is not wired in this test.`);
    };
  }
  all['station:info'] = () => ({ version: 'test', host: 'browser', stationName: 'Host test' });
  return all as Handlers;
}

beforeEach(async () => {
  root = tempDir();
  mkdirSync(join(root, 'renderer/assets'), { recursive: true });
  writeFileSync(join(root, 'renderer/index.html'), '<!doctype html><title>station</title>');
  writeFileSync(join(root, 'renderer/assets/app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer');
  bus = new StationEventBus(silentLog());
  host = await startBrowserHost({
    rendererDir: join(root, 'renderer'),
    dispatch: createDispatcher(handlers(), silentLog()),
    bus,
    log: silentLog(),
  });
});
afterEach(async () => {
  await host.close();
});

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(
  options: { token?: string | null; origin?: string; protocols?: string[] } = {},
): Promise<WebSocket> {
  const token = options.token === undefined ? host.token : options.token;
  const protocols = options.protocols ?? [
    WIRE_PROTOCOL,
    ...(token === null ? [] : [`${TOKEN_PROTOCOL_PREFIX}${token}`]),
  ];
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, protocols, {
    origin: options.origin ?? `http://127.0.0.1:${host.port}`,
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      resolve(ws);
    });
    ws.once('unexpected-response', (_req, res) => {
      reject(new Error(`refused with ${res.statusCode}`));
    });
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<unknown> {
  return new Promise((resolve) => {
    ws.once('message', (data: Buffer) => {
      resolve(JSON.parse(data.toString()));
    });
  });
}

describe('browser host: files', () => {
  it('serves the renderer with a strict CSP and no caching of index.html', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>station</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain(
      `connect-src 'self' ws://127.0.0.1:${host.port}`,
    );
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/assets/app.js')).headers['content-type']).toContain('text/javascript');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/../../secret.txt',
      '/%00',
      '/assets',
    ]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body).not.toContain('outside the renderer');
    }
  });

  it('refuses a request naming another host (DNS rebinding)', async () => {
    expect((await get('/', { host: `evil.example:${host.port}` })).status).toBe(421);
  });
});

describe('browser host: the station API WebSocket', () => {
  it('carries a call to the dispatcher and pushes station events', async () => {
    const ws = await connect();
    const answer = nextMessage(ws);
    ws.send(JSON.stringify({ type: 'call', id: 7, channel: 'station:info', input: {} }));
    expect(await answer).toEqual({
      type: 'result',
      id: 7,
      result: { ok: true, value: { version: 'test', host: 'browser', stationName: 'Host test' } },
    });
    const invalid = nextMessage(ws);
    ws.send(JSON.stringify({ type: 'call', id: 8, channel: 'drafts:get', input: { id: 'nope' } }));
    expect(await invalid).toMatchObject({
      id: 8,
      result: { ok: false, error: { code: 'INVALID_ARGUMENT', field: 'id' } },
    });
    const pushed = nextMessage(ws);
    bus.emit('drafts:changed', { ids: ['a'] });
    expect(await pushed).toEqual({ type: 'event', name: 'drafts:changed', payload: { ids: ['a'] } });
    ws.close();
  });

  it('refuses a connection without the token, with a wrong token, or from another origin', async () => {
    await expect(connect({ token: null })).rejects.toThrow('refused with 403');
    await expect(connect({ token: `${host.token.slice(0, -1)}x` })).rejects.toThrow('refused with 403');
    await expect(connect({ token: 'short' })).rejects.toThrow('refused with 403');
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('refused with 403');
    await expect(connect({ origin: `http://127.0.0.1:${host.port + 1}` })).rejects.toThrow(
      'refused with 403',
    );
    await expect(connect({ protocols: [`${TOKEN_PROTOCOL_PREFIX}${host.token}`] })).rejects.toThrow(
      'refused with 403',
    );
  });

  it('closes a connection that sends something other than a call', async () => {
    const ws = await connect();
    const closed = new Promise<number>((resolve) =>
      ws.once('close', (code) => {
        resolve(code);
      }),
    );
    ws.send('{"type":"call","id":"one"}');
    expect(await closed).toBe(1008);
  });

  it('makes a new token for every run', async () => {
    const other = await startBrowserHost({
      rendererDir: join(root, 'renderer'),
      dispatch: createDispatcher(handlers(), silentLog()),
      bus,
      log: silentLog(),
    });
    expect(other.token).not.toBe(host.token);
    expect(other.token.length).toBeGreaterThanOrEqual(43);
    expect(other.url).toBe(`http://127.0.0.1:${other.port}/#token=${other.token}`);
    await other.close();
  });
});
