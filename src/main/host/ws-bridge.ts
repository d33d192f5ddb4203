/**
 * The StationApi over a loopback WebSocket. A connection is accepted only with the per-run token
 * (as the subprotocol `token.<token>`, compared in constant time) and only from the page this host
 * served (its Origin); anything else is refused before the upgrade. Each `call` goes through the
 * station's one validating dispatcher; every station event is pushed to every open connection.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  callMessageSchema,
  TOKEN_PROTOCOL_PREFIX,
  WIRE_PROTOCOL,
  type ServerMessage,
} from '../../shared/ipc/wire';
import type { Dispatch } from '../app/dispatcher';
import type { StationEventBus } from '../app/event-bus';

/** Calls larger than this are refused: no station call needs more than a full order with its PDF name. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

function tokenMatches(expected: string, offered: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(offered);
  return a.length === b.length && timingSafeEqual(a, b);
}

function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  return (typeof header === 'string' ? header : '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

export interface BridgeOptions {
  readonly token: string;
  /** Origins the served page has (http://127.0.0.1:PORT and http://localhost:PORT). */
  readonly allowedOrigins: () => readonly string[];
  readonly dispatch: Dispatch;
  readonly bus: StationEventBus;
}

/** Why an upgrade is refused, or null when it is allowed. */
export function refusal(
  req: IncomingMessage,
  options: Pick<BridgeOptions, 'token' | 'allowedOrigins'>,
): string | null {
  const origin = req.headers.origin;
  if (origin === undefined || !options.allowedOrigins().includes(origin)) return 'origin not allowed';
  const protocols = offeredProtocols(req);
  if (!protocols.includes(WIRE_PROTOCOL)) return 'wrong protocol';
  const token = protocols
    .find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))
    ?.slice(TOKEN_PROTOCOL_PREFIX.length);
  if (token === undefined || !tokenMatches(options.token, token)) return 'missing or wrong token';
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
