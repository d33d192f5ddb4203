/**
 * Preload: exposes the typed station API to the renderer through contextBridge, and nothing else.
 * Only the station's channels can be invoked; events arrive on one channel and are handed out by name.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { isChannel, type StationApi } from '../../shared/ipc/contract';
import { isEventName } from '../../shared/ipc/events';
import type { Result } from '../../shared/ipc/method';

const EVENT_CHANNEL = 'station:event';
const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (!isEventName(name)) return;
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

const api = {
  invoke: (channel, input) => {
    if (!isChannel(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown station function.' },
      } as Result<never>);
    }
    return ipcRenderer.invoke(channel, input) as Promise<never>;
  },
  on: (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    listeners.set(event, set);
    return () => {
      set.delete(wrapped);
    };
  },
} satisfies StationApi;

contextBridge.exposeInMainWorld('ccporStation', api);
