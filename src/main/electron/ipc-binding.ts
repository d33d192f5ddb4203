/**
 * The one place ipcMain is used. Every channel of the station API is registered through
 * `validatedHandle`: the sender must be the station's own page (its frame URL on the app://
 * protocol, top frame only), then the call goes to the shared validating dispatcher. Events are
 * pushed on one channel to the window's main frame.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, type Channel } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/method';
import type { Dispatch } from '../app/dispatcher';
import type { StationEventBus } from '../app/event-bus';
import { APP_ORIGIN } from './app-protocol';

export const EVENT_CHANNEL = 'station:event';

const REFUSED: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN_SENDER', message: 'This window may not use the station.' },
};

/** The sender is the station's page: its own top frame, loaded from app://station/. */
export function senderAllowed(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

function validatedHandle(channel: Channel, dispatch: Dispatch): void {
  ipcMain.handle(channel, async (event, input: unknown) => {
    if (!senderAllowed(event)) return REFUSED;
    return dispatch(channel, input);
  });
}

export function bindStationIpc(
  dispatch: Dispatch,
  bus: StationEventBus,
  window: () => BrowserWindow | null,
): () => void {
  for (const channel of CHANNELS) validatedHandle(channel, dispatch);
  const unsubscribe = bus.subscribe((name, payload) => {
    const win = window();
    if (win && !win.isDestroyed()) win.webContents.mainFrame.send(EVENT_CHANNEL, name, payload);
  });
  return () => {
    unsubscribe();
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
