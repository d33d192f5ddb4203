/**
 * The browser host: serves the built renderer and carries the StationApi over a WebSocket, both on
 * 127.0.0.1 only. A random token is made for each run; the URL printed for the operator carries it
 * in its fragment (never sent in a request, never logged), and the page's bootstrap presents it
 * when it opens the WebSocket. Requests naming another Host are refused (DNS rebinding).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../app/dispatcher';
import type { StationEventBus } from '../app/event-bus';
import { errorFields, type StationLog } from '../log/station-log';
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
  /** Fixed token for tests of the refusal paths; default: 32 random bytes. */
  readonly token?: string;
}

export interface BrowserHost {
  readonly port: number;
  readonly token: string;
  /** The address to open, token included (in the fragment). */
  readonly url: string;
  close(): Promise<void>;
}

function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  let port = 0;
  const origins = (): string[] => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  const bridge = createBridge({
    token,
    allowedOrigins: origins,
    dispatch: options.dispatch,
    bus: options.bus,
  });

  const server: Server = createServer((req, res) => {
    if (!hostAllowed(req, port)) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('Wrong host');
      return;
    }
    serveStatic(options.rendererDir, port, req, res).catch((error: unknown) => {
      options.log.error(errorFields(error), 'browser host: serving a file failed');
      if (!res.headersSent) res.writeHead(500, securityHeaders(port));
      res.end();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    const why = hostAllowed(req, port) ? refusal(req, { token, allowedOrigins: origins }) : 'wrong host';
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
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
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
