/**
 * The bootstrap's one decision: inside Electron the preload has put the StationApi on
 * `window.ccporStation`; in a browser the page came from the browser host, which let it in through
 * a one-time launch address and gave the browser a session cookie (HttpOnly: this code never sees
 * it). The WebSocket carries that cookie by itself; nothing here holds a secret.
 */
import type { StationApi } from '../../shared/ipc/contract';
import { connectWebSocketApi } from './ws-client';

declare global {
  interface Window {
    ccporStation?: StationApi;
  }
}

let connecting: Promise<StationApi> | null = null;

/** One connection per page: the bootstrap starts it, the app's code takes the same one when loaded. */
export function connectStationApi(): Promise<StationApi> {
  connecting ??= window.ccporStation
    ? Promise.resolve(window.ccporStation)
    : connectWebSocketApi(`ws://${window.location.host}/api`);
  return connecting;
}
