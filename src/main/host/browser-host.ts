/**
 * The browser host: serves the built renderer and carries the StationApi over a WebSocket, both on
 * 127.0.0.1 only. Requests naming another Host are refused (DNS rebinding).
 *
 * Who gets in: each run makes a session secret (32 random bytes) that never appears in an address.
 * The address the operator opens carries a one-time launch code instead (`/launch?code=`, valid
 * once, for two minutes by default); the host exchanges it for the secret in an HttpOnly,
 * SameSite=Strict cookie and redirects to `/`. The WebSocket upgrade needs that cookie, the wire
 * protocol and the page's own Origin. So the address in browser history, a process list or a
 * terminal is spent; a new tab of the same browser shares the cookie, but every new connection
 * locks a signed-in session (`onConnection`), so it never inherits one without authenticating.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../app/dispatcher';
import type { StationEventBus } from '../app/event-bus';
import { errorFields, type StationLog } from '../log/station-log';
import { handleLaunch, isLaunchRequest, LAUNCH_PATH } from './launch';
import { LaunchCodes } from './launch-codes';
import { serveStatic, securityHeaders } from './static-files';
import { createBridge, refusal } from './ws-bridge';

export interface BrowserHostOptions {
  readonly rendererDir: string;
  readonly dispatch: Dispatch;
  readonly bus: StationEventBus;
  /** The station log: refused connections and serving failures are written there. */
  readonly log: StationLog;
  /**
   * Called when a window or tab connects: the station locks a signed-in session, so a new tab, a
   * reload or a second client never inherits it without its user authenticating again.
   */
  readonly onConnection?: () => void;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** How long a launch address may be used after it is made. Default 2 minutes. */
  readonly launchTtlMs?: number;
  /** The clock launch codes expire on, in ms. Default Date.now (tests pass a controlled one). */
  readonly now?: () => number;
}

export interface BrowserHost {
  readonly port: number;
  /** A new one-time launch address (`http://127.0.0.1:PORT/launch?code=…`) at every call. */
  launchUrl(): string;
  /** The same as `launchUrl()`: every read makes a new one-time address. */
  readonly url: string;
  close(): Promise<void>;
}

export const DEFAULT_LAUNCH_TTL_MS = 2 * 60_000;

function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const secret = randomBytes(32).toString('base64url');
  const codes = new LaunchCodes({
    ttlMs: options.launchTtlMs ?? DEFAULT_LAUNCH_TTL_MS,
    now: options.now ?? Date.now,
  });
  let port = 0;
  const origins = (): string[] => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  const bridge = createBridge({ dispatch: options.dispatch, bus: options.bus, log: options.log });

  const server: Server = createServer((req, res) => {
    if (!hostAllowed(req, port)) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('Wrong host');
      return;
    }
    if (isLaunchRequest(req)) {
      handleLaunch({ codes, port, secret, log: options.log }, req, res);
      return;
    }
    serveStatic(options.rendererDir, port, req, res).catch((error: unknown) => {
      options.log.error(errorFields(error), 'browser host: serving a file failed');
      if (!res.headersSent) res.writeHead(500, securityHeaders(port));
      res.end();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    const why = hostAllowed(req, port)
      ? refusal(req, { port, secret, allowedOrigins: origins() })
      : 'wrong host';
    if (why !== null || req.url !== '/api') {
      // A refused connection is written down, not only refused (another local program knocking).
      options.log.warn({ reason: why ?? 'not found' }, 'browser host refused a connection');
      socket.end(
        `HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${why ?? 'not found'}`,
      );
      return;
    }
    bridge.handleUpgrade(req, socket, head, (ws) => {
      options.onConnection?.();
      bridge.emit('connection', ws, req);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const launchUrl = (): string => `http://127.0.0.1:${port}${LAUNCH_PATH}?code=${codes.issue()}`;
  return {
    port,
    launchUrl,
    get url() {
      return launchUrl();
    },
    async close() {
      for (const client of bridge.clients) client.terminate();
      bridge.close();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}
