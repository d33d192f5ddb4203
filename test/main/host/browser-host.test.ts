/**
 * The browser host on real loopback sockets: what it serves (and with which headers), the one-time
 * launch address (spent once, expiring on a controlled clock), and who may open the station API
 * WebSocket (the session cookie a launch gave, the wire protocol and the page's own origin, nothing
 * else).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect as connectTcp } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createDispatcher, type Handlers } from '../../../src/main/app/dispatcher';
import { DEFAULT_LAUNCH_TTL_MS, startBrowserHost, type BrowserHost } from '../../../src/main/host';
import { LAUNCH_REFUSED_TEXT } from '../../../src/main/host/launch';
import { StationEventBus } from '../../../src/main/app/event-bus';
import { CodedError } from '../../../src/shared/errors';
import { CHANNELS, WIRE_PROTOCOL, type Channel } from '../../../src/shared/ipc';
import { useTempDir } from '../../support/temp';
import { silentLog, type StationLog } from '../../../src/main/log/station-log';

const tempDir = useTempDir('host-');
let host: BrowserHost;
let bus: StationEventBus;
let root: string;
/** The launch codes' clock: moved by the tests, never by the machine. */
let clockMs: number;
let connections: number;
let logged: { level: string; fields: unknown; message: unknown }[];

/** A stand-in for the station log that records what the host writes (to check no code is logged). */
function recordingLog(): StationLog {
  const at =
    (level: string) =>
    (fields: unknown, message?: unknown): void => {
      logged.push({ level, fields, message });
    };
  const log = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { ...log, child: () => recordingLog() };
}

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
  clockMs = 1_000_000;
  connections = 0;
  logged = [];
  host = await startBrowserHost({
    rendererDir: join(root, 'renderer'),
    dispatch: createDispatcher(handlers(), silentLog()),
    bus,
    log: recordingLog(),
    now: () => clockMs,
    onConnection: () => {
      connections += 1;
    },
  });
});
afterEach(async () => {
  await host.close();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers, method }, (res) => {
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

/** The path and query of a launch address (`/launch?code=…`). */
function launchPath(url = host.launchUrl()): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/** Opens a launch address as the browser would; returns the `name=value` part of the cookie it set. */
async function launch(): Promise<string> {
  const answer = await get(launchPath());
  expect(answer.status).toBe(303);
  const cookie = answer.headers['set-cookie']?.[0] ?? '';
  return cookie.split(';')[0] ?? '';
}

function connect(
  options: { cookie?: string | null; origin?: string; protocols?: string[] } = {},
): Promise<WebSocket> {
  return (async () => {
    const cookie = options.cookie === undefined ? await launch() : options.cookie;
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, options.protocols ?? [WIRE_PROTOCOL], {
      origin: options.origin ?? `http://127.0.0.1:${host.port}`,
      headers: cookie === null ? {} : { cookie },
    });
    return new Promise<WebSocket>((resolve, reject) => {
      ws.once('open', () => {
        resolve(ws);
      });
      ws.once('unexpected-response', (_req, res) => {
        reject(new Error(`refused with ${res.statusCode}`));
      });
      ws.once('error', reject);
    });
  })();
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

  it('refuses a connection without the session cookie, with a wrong one, or from another origin', async () => {
    const cookie = await launch();
    const [name, value] = cookie.split('=') as [string, string];
    await expect(connect({ cookie: null })).rejects.toThrow('refused with 403');
    const altered = `${value.slice(0, -1)}${value.endsWith('x') ? 'y' : 'x'}`;
    await expect(connect({ cookie: `${name}=${altered}` })).rejects.toThrow('refused with 403');
    await expect(connect({ cookie: `${name}=short` })).rejects.toThrow('refused with 403');
    // Another station's cookie (cookies are not separated by port) does not open this one.
    await expect(connect({ cookie: `ccpor-station-${host.port + 1}=${value}` })).rejects.toThrow(
      'refused with 403',
    );
    await expect(connect({ cookie, origin: 'http://evil.example' })).rejects.toThrow('refused with 403');
    await expect(connect({ cookie, origin: `http://127.0.0.1:${host.port + 1}` })).rejects.toThrow(
      'refused with 403',
    );
    await expect(connect({ cookie, protocols: ['something-else'] })).rejects.toThrow('refused with 403');
    expect(connections).toBe(0);
    const reasons = logged.filter((l) => l.message === 'browser host refused a connection');
    expect(reasons.map((l) => (l.fields as { reason: string }).reason)).toEqual([
      'missing or wrong session cookie',
      'missing or wrong session cookie',
      'missing or wrong session cookie',
      'missing or wrong session cookie',
      'origin not allowed',
      'origin not allowed',
      'wrong protocol',
    ]);
    const ws = await connect({ cookie, origin: `http://localhost:${host.port}` });
    expect(connections).toBe(1); // the station's lock-on-connect hook runs for an accepted connection only
    ws.close();
  });

  it('every connection, the same cookie or not, is reported to the station (which locks a signed-in session)', async () => {
    const cookie = await launch();
    const first = await connect({ cookie });
    const second = await connect({ cookie });
    expect(connections).toBe(2);
    first.close();
    second.close();
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

  it('answers malformed, oversized, binary and non-JSON frames with a close that says why, and goes on serving', async () => {
    const closeOf = async (frame: string | Buffer, binary = false): Promise<string> => {
      const ws = await connect();
      const closed = new Promise<string>((resolve) =>
        ws.once('close', (code, reason) => {
          resolve(`${code} ${reason.toString()}`);
        }),
      );
      ws.on('error', () => undefined); // an oversized frame also errors on the sending side
      ws.send(frame, { binary });
      return closed;
    };
    expect(await closeOf('{"type":"call", id: 1')).toBe('1008 not JSON: send a JSON call');
    expect(
      await closeOf(Buffer.from('{"type":"call","id":1,"channel":"station:info","input":{}}'), true),
    ).toBe('1008 binary frames are not accepted: send a JSON call');
    expect(
      await closeOf('{"type":"call","id":1,"channel":"station:info","input":{},"__proto__":{"x":1}}'),
    ).toBe('1008 not a station call: the message is wrong');
    expect(await closeOf('{"type":"call","id":-1,"channel":"station:info","input":{}}')).toBe(
      '1008 not a station call: id is wrong',
    );
    expect(await closeOf(JSON.stringify({ type: 'call', id: 1, channel: 'c'.repeat(65), input: {} }))).toBe(
      '1008 not a station call: channel is wrong',
    );
    expect(await closeOf('null')).toBe('1008 not a station call: the message is wrong');
    expect(await closeOf(`${'['.repeat(500_000)}${']'.repeat(500_000)}`)).toMatch(
      /^1008 not (JSON|a station call)/,
    );
    // Larger than any call needs: the socket library refuses it before it is read.
    expect(
      await closeOf(
        JSON.stringify({ type: 'call', id: 1, channel: 'station:info', input: 'x'.repeat(2 ** 20) }),
      ),
    ).toMatch(/^1009 /);
    // Invalid UTF-8 in a text frame.
    expect(await closeOf(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), false)).toMatch(/^1007 /);

    // A well-formed call naming something hostile still gets an answer, not a close.
    const ws = await connect();
    const answer = nextMessage(ws);
    ws.send(JSON.stringify({ type: 'call', id: 9, channel: '__proto__', input: { ['\uD800']: '\uDFFF' } }));
    expect(await answer).toMatchObject({
      type: 'result',
      id: 9,
      result: { ok: false, error: { code: 'UNKNOWN_CHANNEL' } },
    });
    const info = nextMessage(ws);
    ws.send(JSON.stringify({ type: 'call', id: 10, channel: 'station:info', input: {} }));
    expect(await info).toMatchObject({ id: 10, result: { ok: true } });
    ws.close();
  });

  it('survives garbage HTTP on its port: a bad request line, absolute-form and undecodable paths, a huge header', async () => {
    // The raw bytes, then the status line of the answer (the socket stays open until it comes).
    const raw = (text: string): Promise<string> =>
      new Promise((resolve) => {
        let answer = '';
        const socket = connectTcp(host.port, '127.0.0.1', () => {
          socket.write(text);
        });
        const done = (): void => {
          socket.destroy();
          resolve(answer.split('\r\n')[0] ?? '');
        };
        socket.on('data', (d: Buffer) => {
          answer += d.toString('latin1');
          if (answer.includes('\r\n')) done();
        });
        socket.on('error', () => undefined);
        socket.on('close', done);
      });
    const hostHeader = `Host: 127.0.0.1:${host.port}\r\n`;
    expect(await raw('NOT HTTP AT ALL\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(`GET http://[bad/launch?code=x HTTP/1.1\r\n${hostHeader}\r\n`)).toMatch(
      /^HTTP\/1\.1 (400|403|404)/,
    );
    expect(await raw(`GET /launch?code=%E0%A4%A HTTP/1.1\r\n${hostHeader}\r\n`)).toMatch(/^HTTP\/1\.1 403/);
    expect(await raw(`GET /%E0%A4%A/%00 HTTP/1.1\r\n${hostHeader}\r\n`)).toMatch(/^HTTP\/1\.1 404/);
    expect(await raw(`GET / HTTP/1.1\r\n${hostHeader}X-Big: ${'a'.repeat(100_000)}\r\n\r\n`)).toMatch(
      /^HTTP\/1\.1 431/,
    );
    expect(
      await raw(`GET /api HTTP/1.1\r\n${hostHeader}Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n`),
    ).toMatch(/^HTTP\/1\.1 (400|403)/);
    expect((await get('/')).status).toBe(200);
  });
});

describe('browser host: the one-time launch address', () => {
  it('exchanges a code for an HttpOnly, SameSite=Strict session cookie and sends the browser to /', async () => {
    const url = host.launchUrl();
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/launch\\?code=[A-Za-z0-9_-]{43}$`));
    const answer = await get(launchPath(url));
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
    const cookie = answer.headers['set-cookie'] ?? [];
    expect(cookie).toHaveLength(1);
    const [pair, ...attributes] = (cookie[0] ?? '').split('; ');
    expect(pair).toMatch(new RegExp(`^ccpor-station-${host.port}=[A-Za-z0-9_-]{43}$`));
    expect(attributes.sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
    // The session secret is not the code, and no address carries it.
    const secret = pair?.split('=')[1] ?? '';
    expect(url).not.toContain(secret);
    expect(host.launchUrl()).not.toContain(secret);
  });

  it('refuses a code used once already, with a plain page saying how to get a new address', async () => {
    const path = launchPath();
    expect((await get(path)).status).toBe(303);
    const again = await get(path);
    expect(again.status).toBe(403);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(again.body).toBe(LAUNCH_REFUSED_TEXT);
    expect(again.body).toContain('already been used or has expired');
    expect(again.body).toContain('restart the station');
    const warned = logged.find((l) => l.message === 'browser host refused a launch code');
    expect(warned?.fields).toEqual({ reason: 'used' });
    // Codes are never written to the log.
    const code = new URL(path, 'http://x').searchParams.get('code') ?? '';
    expect(JSON.stringify(logged)).not.toContain(code);
  });

  it('refuses a code once its two minutes are over (controlled clock), and accepts it just before', async () => {
    expect(DEFAULT_LAUNCH_TTL_MS).toBe(120_000);
    const late = launchPath();
    const inTime = launchPath();
    clockMs += DEFAULT_LAUNCH_TTL_MS - 1;
    expect((await get(inTime)).status).toBe(303);
    clockMs += 1;
    const refused = await get(late);
    expect(refused.status).toBe(403);
    expect(refused.headers['set-cookie']).toBeUndefined();
    expect(logged.find((l) => l.message === 'browser host refused a launch code')?.fields).toEqual({
      reason: 'expired',
    });
  });

  it('refuses a made-up or missing code, and a HEAD request does not spend a code', async () => {
    expect((await get('/launch?code=made-up')).status).toBe(403);
    expect((await get('/launch')).status).toBe(403);
    const path = launchPath();
    expect((await get(path, {}, 'HEAD')).status).toBe(405);
    expect((await get(path, {}, 'POST')).status).toBe(405);
    expect((await get(path)).status).toBe(303);
  });

  it('a launch address naming another host is refused before the code is looked at', async () => {
    const path = launchPath();
    expect((await get(path, { host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await get(path)).status).toBe(303); // not spent by the refused request
  });

  it('makes a new session secret for every run, and a new code for every address', async () => {
    const other = await startBrowserHost({
      rendererDir: join(root, 'renderer'),
      dispatch: createDispatcher(handlers(), silentLog()),
      bus,
      log: silentLog(),
    });
    const mine = (await launch()).split('=')[1];
    const answer = await new Promise<Answer>((resolve, reject) => {
      const path = launchPath(other.launchUrl());
      const req = request({ host: '127.0.0.1', port: other.port, path }, (res) => {
        res.resume();
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
        });
      });
      req.on('error', reject);
      req.end();
    });
    const theirs = (answer.headers['set-cookie']?.[0] ?? '').split(';')[0]?.split('=')[1];
    expect(theirs).toBeDefined();
    expect(theirs).not.toBe(mine);
    expect(other.launchUrl()).not.toBe(other.launchUrl());
    expect(other.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${other.port}/launch\\?code=`));
    await other.close();
  });
});
