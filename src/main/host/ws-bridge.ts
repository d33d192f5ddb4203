/**
 * The StationApi over a loopback WebSocket. A connection is accepted only with the session cookie
 * the browser got for a launch code (see launch.ts; compared in constant time), the wire protocol,
 * and only from the page this host served (its Origin); anything else is refused before the
 * upgrade. Each `call` goes through the station's one validating dispatcher; every station event is
 * pushed to every open connection.
 */
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Result } from '../../shared/ipc';
import {
  callMessageSchema,
  WIRE_PROTOCOL,
  type CallMessage,
  type ServerMessage,
} from '../../shared/ipc/wire';
import type { Dispatch } from '../app/dispatcher';
import type { StationEventBus } from '../app/event-bus';
import { errorFields, type StationLog } from '../log/station-log';
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
  /** Where a broken frame is written down (the socket closes with 1007/1009 on its own). */
  readonly log: StationLog;
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

const DISPATCH_FAILED = {
  code: 'INTERNAL',
  message:
    'Something went wrong in the station. Your saved work is safe; try again, and report this if it repeats.',
};

type Frame = { ok: true; call: CallMessage } | { ok: false; reason: string };

/** A frame as a call, or why it is not one (a close reason: at most 123 bytes). */
export function readFrame(data: RawData, isBinary: boolean): Frame {
  if (isBinary) return { ok: false, reason: 'binary frames are not accepted: send a JSON call' };
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { ok: false, reason: 'not JSON: send a JSON call' };
  }
  const call = callMessageSchema.safeParse(parsed);
  if (!call.success) {
    const issue = call.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? 'the message' : issue.path.join('.');
    // ASCII only: a close reason longer than 123 bytes would make ws throw.
    const field = where.replace(/[^\x20-\x7e]/g, '?').slice(0, 40);
    return { ok: false, reason: `not a station call: ${field} is wrong` };
  }
  return { ok: true, call: call.data };
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
    // A frame the socket library cannot read (invalid UTF-8, larger than MAX_MESSAGE_BYTES) is an
    // 'error' on the socket; unheard, Node throws it and the whole host goes down.
    socket.on('error', (error) => {
      options.log.warn(errorFields(error), 'browser host closed a connection that sent a broken frame');
    });
    socket.on('message', (data, isBinary) => {
      const frame = readFrame(data, isBinary);
      if (!frame.ok) {
        // Not our client: there is no call id to answer to, so close and say why (the reason is
        // what a developer sees in the browser's console).
        socket.close(1008, frame.reason);
        return;
      }
      options
        .dispatch(frame.call.channel, frame.call.input)
        .catch((): Result<unknown> => ({ ok: false, error: DISPATCH_FAILED }))
        .then((result) => {
          send(socket, { type: 'result', id: frame.call.id, result });
        })
        .catch(() => undefined);
    });
  });
  return wss;
}
