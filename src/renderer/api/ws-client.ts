/**
 * The StationApi over the browser host's WebSocket: created by the bootstrap when the renderer is
 * not inside Electron. The browser presents the host's session cookie on the upgrade by itself (it
 * is HttpOnly: no script here can read or leak it). The rest of the renderer only ever sees the
 * StationApi it returns.
 */
import type { Channel, ChannelInput, ChannelOutput, StationApi } from '../../shared/ipc/contract';
import type { EventName, EventPayload } from '../../shared/ipc/events';
import type { Result } from '../../shared/ipc/method';
import type { ServerMessage } from '../../shared/ipc/wire';
import { WIRE_PROTOCOL } from '../../shared/ipc/wire-protocol';

type Pending = (result: Result<unknown>) => void;

const LOST: Result<never> = {
  ok: false,
  error: {
    code: 'HOST_DISCONNECTED',
    message: 'The connection to the station was lost. Reload the page; your saved work is safe.',
  },
};

export function connectWebSocketApi(url: string): Promise<StationApi> {
  const socket = new WebSocket(url, [WIRE_PROTOCOL]);
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let closed = false;

  socket.addEventListener('message', (message: MessageEvent<string>) => {
    const data = JSON.parse(message.data) as ServerMessage;
    if (data.type === 'result') {
      pending.get(data.id)?.(data.result);
      pending.delete(data.id);
    } else {
      for (const listener of listeners.get(data.name) ?? []) listener(data.payload);
    }
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const resolve of pending.values()) resolve(LOST);
    pending.clear();
  });

  const api: StationApi = {
    invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
      if (closed) return Promise.resolve(LOST);
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as Pending);
        socket.send(JSON.stringify({ type: 'call', id, channel, input }));
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      listeners.set(event, set);
      return () => set.delete(wrapped);
    },
  };

  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => {
      resolve(api);
    });
    socket.addEventListener('error', () => {
      reject(
        new Error(
          'The station did not let this page in. Open the station from the window where it was started: press Enter there for a new address (each address works once, within two minutes).',
        ),
      );
    });
  });
}
