/**
 * The bootstrap's one decision: inside Electron the preload has put the StationApi on
 * `window.ccporStation`; in a browser the page came from the browser host, and the token it needs
 * is in the address's fragment (kept for reloads in sessionStorage, removed from the address bar).
 */
import type { StationApi } from '../../shared/ipc/contract';
import { connectWebSocketApi } from './ws-client';

declare global {
  interface Window {
    ccporStation?: StationApi;
  }
}

const TOKEN_KEY = 'ccpor-station-token';

function takeToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export async function connectStationApi(): Promise<StationApi> {
  if (window.ccporStation) return window.ccporStation;
  const token = takeToken();
  if (token === null) {
    throw new Error(
      'This page needs the address printed by `npm start` (it carries the station’s access token).',
    );
  }
  return connectWebSocketApi(`ws://${window.location.host}/api`, token);
}
