/**
 * Electron main process: one hardened window (context isolation, sandbox, no Node in the page,
 * strict CSP, no navigation, no new windows, no permissions) showing the renderer from app://,
 * wired to the station composed in src/main/station. This folder is the only one that imports 'electron'.
 */
import { app, BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { bindStationIpc } from './ipc-binding';
import { APP_ORIGIN, registerAppScheme, rendererDirFrom, serveRenderer } from './app-protocol';
import { openElectronSettings } from './electron-settings';
import { SafeStorageSecretStore } from './safe-storage-secrets';
import { createStation, type Station } from '../app/station';
import { stationDrivers } from '../scan/drivers';
import { StationSync } from '../sync';
import { openStationLog } from '../log/station-log';

registerAppScheme();
let win: BrowserWindow | null = null;
let station: Station | null = null;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 1024,
    show: false,
    title: 'CCPOR Station',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Chromium's built-in PDF viewer (the only plugin Electron ships): a cover sheet prints as
      // the PDF itself from a blob: frame (renderer/pdf/print-pdf.ts), not as a picture of the window.
      plugins: true,
    },
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event) => {
    event.preventDefault();
  });
  window.once('ready-to-show', () => {
    window.show();
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

async function start(): Promise<void> {
  const denyAll = session.defaultSession;
  denyAll.setPermissionRequestHandler((_wc, _permission, callback) => {
    callback(false);
  });
  denyAll.setPermissionCheckHandler(() => false);
  denyAll.setDevicePermissionHandler(() => false);
  serveRenderer(rendererDirFrom(import.meta.dirname));
  const dataDir = join(app.getPath('userData'), 'station');
  const { log } = openStationLog({ dir: join(dataDir, 'logs') });
  station = await createStation({
    dataDir,
    log,
    secrets: await SafeStorageSecretStore.open(join(app.getPath('userData'), 'keys')),
    settings: openElectronSettings(),
    host: 'electron',
    version: app.getVersion(),
    drivers: stationDrivers(join(dataDir, 'hot-folder')),
    createSync: ({ store, client, log: syncLog }) =>
      new StationSync(store, client, { log: syncLog.child({ component: 'sync' }) }),
  });
  bindStationIpc(station.dispatch, station.bus, () => win);
  win = createWindow();
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
});

void app
  .whenReady()
  .then(start)
  .catch((error: unknown) => {
    console.error(error);
    shell.beep();
    app.exit(1);
  });

app.on('window-all-closed', () => {
  void (station?.close() ?? Promise.resolve()).finally(() => {
    app.quit();
  });
});
