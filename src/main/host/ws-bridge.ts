/**
 * The StationApi over a loopback WebSocket. A connection is accepted only with the session cookie
 * the browser got for a launch code (see launch.ts; compared in constant time), the wire protocol,
 * and only from the page this host served (its Origin); anything else is refused before the
 * upgrade. Each `call` goes through the station's one validating dispatcher; every station event is
 * pushed to every open connection.
 */
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { callMessageSchema, WIRE_PROTOCOL, type ServerMessage } from '../../shared/ipc/wire';
import type { Dispatch } from '../app/dispatcher';
import type { StationEventBus } from '../app/event-bus';
import { hasSessionCookie } from './session-cookie';

/** Calls larger than this are refused: no station call needs more than a full order with its PDF name. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  return (typeof header === 'string' ? header : '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

export interface BridgeOptions {
  readonly dispatch: Dispatch;
  readonly bus: StationEventBus;
}

export interface AdmissionRules {
  /** The host's port (the session cookie's name carries it). */
  readonly port: number;
  /** The per-run session secret the cookie must hold. */
  readonly secret: string;
  /** Origins the served page has (http://127.0.0.1:PORT and http://localhost:PORT). */
  readonly allowedOrigins: readonly string[];
}

/** Why an upgrade is refused, or null when it is allowed. */
export function refusal(req: IncomingMessage, rules: AdmissionRules): string | null {
  const origin = req.headers.origin;
  if (origin === undefined || !rules.allowedOrigins.includes(origin)) return 'origin not allowed';
  if (!offeredProtocols(req).includes(WIRE_PROTOCOL)) return 'wrong protocol';
  if (!hasSessionCookie(req, rules.port, rules.secret)) return 'missing or wrong session cookie';
  return null;
}

export function createBridge(options: BridgeOptions): WebSocketServer {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(WIRE_PROTOCOL) ? WIRE_PROTOCOL : false),
  });
  const sockets = new Set<WebSocket>();
  const send = (socket: WebSocket, message: ServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  options.bus.subscribe((name, payload) => {
    for (const socket of sockets) send(socket, { type: 'event', name, payload });
  });
  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (data, isBinary) => {
      void (async () => {
        let parsed: unknown;
        try {
          const bytes = Array.isArray(data)
            ? Buffer.concat(data)
            : Buffer.isBuffer(data)
              ? data
              : Buffer.from(data);
          parsed = isBinary ? null : JSON.parse(bytes.toString('utf8'));
        } catch {
          parsed = null;
        }
        const call = callMessageSchema.safeParse(parsed);
        if (!call.success) {
          // Not our client: nothing to answer to; close rather than guess.
          socket.close(1008, 'malformed message');
          return;
        }
        const result = await options.dispatch(call.data.channel, call.data.input);
        send(socket, { type: 'result', id: call.data.id, result });
      })();
    });
  });
  return wss;
}
