/**
 * Electron main process: one hardened window (context isolation, sandbox, no Node in the page,
 * strict CSP, no navigation, no new windows, no permissions) showing the renderer from app://,
 * wired to the station composed in src/main/station. This folder is the only one that imports 'electron'.
 */
import { app, BrowserWindow, powerMonitor, session, shell } from 'electron';
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
// `npm start` hands over where the station keeps its data and where the registry answers
// (scripts/start-config.ts); a workstation sets neither and uses the OS's place for app data.
if (process.env.CCPOR_STATION_DIR) app.setPath('userData', process.env.CCPOR_STATION_DIR);
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
      // No DevTools in a packaged station: they would show every order the renderer holds.
      devTools: !app.isPackaged,
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
  const settings = openElectronSettings();
  const registryUrl = process.env.CCPOR_REGISTRY_URL;
  if (registryUrl && settings.get().registryUrl !== registryUrl) settings.update({ registryUrl });
  const { log } = openStationLog({ dir: join(dataDir, 'logs') });
  station = await createStation({
    dataDir,
    log,
    secrets: await SafeStorageSecretStore.open(join(app.getPath('userData'), 'keys')),
    settings,
    host: 'electron',
    version: app.getVersion(),
    drivers: stationDrivers(join(dataDir, 'hot-folder'), { spoolDir: join(dataDir, 'spool') }),
    createSync: ({ store, client, log: syncLog, audit }) =>
      new StationSync(store, client, {
        log: syncLog.child({ component: 'sync' }),
        audit: { trail: audit, station: () => settings.get().stationName },
      }),
  });
  bindStationIpc(station.dispatch, station.bus, () => win);
  win = createWindow();
  guardSession(station, () => win);
}

/**
 * The CLETS session in the shell: the screen locks when the computer locks, sleeps or switches
 * user, and when the window reloads (a reload never inherits a session); a CLETS-certified
 * session's window is kept out of screenshots and screen sharing.
 */
function guardSession(current: Station, window: () => BrowserWindow | null): void {
  for (const event of ['lock-screen', 'suspend', 'user-did-resign-active'] as const) {
    powerMonitor.on(event as 'lock-screen', () => {
      current.session.lock('os');
    });
  }
  let loads = 0;
  window()?.webContents.on('did-finish-load', () => {
    loads += 1;
    if (loads > 1) current.clientConnected();
  });
  const protect = (): void => {
    const s = current.session.current();
    window()?.setContentProtection(s.state === 'signed-in' && s.user.cletsCertified);
  };
  current.session.onChange(protect);
  protect();
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
