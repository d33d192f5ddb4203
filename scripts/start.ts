/**
 * `npm start`: the whole demo on one machine. The registry on PGlite with the demo data (reused
 * when one already answers on 127.0.0.1:REGISTRY_PORT), then the station: in Electron where its binary is
 * installed, otherwise in the browser host, with a scanner (SANE's test device where `scanimage`
 * exists, and a hot folder fed with generated sample pages).
 *
 * The browser is opened on a one-time launch address (valid once, for two minutes), written to a
 * 0600 file that the opener is given instead of the address (see launch-file.ts: a command line is
 * readable by every local user). Enter in this terminal makes a new address; where no browser can
 * be opened, the address is printed here (this user's terminal; it is spent once used anyway).
 * Ports and data folders come from the environment (start-config.ts, README "Configuration").
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_LAUNCH_TTL_MS, startBrowserHost, type BrowserHost } from '../src/main/host';
import { hotFolderOf, openNodeStation } from '../src/main/host/node-station';
import { DEMO_PASSWORD } from '../src/server/seed/directory';
import { dropSampleBatch, hotFolderEmpty } from './demo/sample-pages';
import { registryAnswers, startDemoRegistry, type DemoRegistry } from './demo/registry';
import { electronBinary } from './electron-binary';
import { LaunchFile } from './launch-file';
import { resolveStartConfig, type StartConfig } from './start-config';

const ROOT = resolve(import.meta.dirname, '..');

function hasCommand(name: string): boolean {
  return (
    spawnSync(process.platform === 'win32' ? 'where' : 'which', [name], { stdio: 'ignore' }).status === 0
  );
}

/** The newest modification time of any file under `dir` (0 when it does not exist). */
function newestChange(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds the bundles on the first start, and again when a source file is newer than the build. */
function ensureBuild(): void {
  const built = [join(ROOT, 'out/renderer/index.html'), join(ROOT, 'out/main/index.js')];
  if (built.every((file) => existsSync(file))) {
    const builtAt = Math.min(...built.map((file) => statSync(file).mtimeMs));
    if (newestChange(join(ROOT, 'src')) <= builtAt) return;
    console.log('Rebuilding the station (its sources changed since the last build)…');
  } else console.log('Building the station (first start)…');
  execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

/** Opens a local file (never an address with a secret: see launch-file.ts) in the default browser. */
function openInBrowser(file: string): boolean {
  const opener =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return false;
  if (!hasCommand(opener)) return false;
  spawn(opener, [file], { stdio: 'ignore', detached: true }).unref();
  return true;
}

/** A new one-time address, opened in the browser through the launch file, or printed. */
function openStation(host: BrowserHost, launchFile: LaunchFile): void {
  const url = host.launchUrl();
  if (openInBrowser(launchFile.write(url, DEFAULT_LAUNCH_TTL_MS))) {
    console.log('Station: opened in your web browser.');
  } else {
    launchFile.remove();
    console.log(`Station: ${url}`);
    console.log('Open it in a web browser on this machine within two minutes; it works once.');
  }
}

async function main(config: StartConfig): Promise<void> {
  ensureBuild();
  const sane = process.platform !== 'win32' && hasCommand('scanimage');
  let registry: DemoRegistry | null = null;
  const registryUrl = config.registry.url;
  if (await registryAnswers(registryUrl)) {
    console.log(`Using the registry already running at ${registryUrl}.`);
  } else {
    console.log(
      `Starting the demo registry at ${registryUrl} (PGlite in ${config.registry.dataDir}; the first start seeds the demo data)…`,
    );
    registry = await startDemoRegistry({ dataDir: config.registry.dataDir, port: config.registry.port });
  }
  console.log(
    `Demo users: alameda.clerk (and others, see README "Registry"), password ${DEMO_PASSWORD}; code: npm run registry:totp -- alameda.clerk`,
  );

  const electron = electronBinary();
  if (electron) {
    const child = spawn(electron, [ROOT], {
      stdio: 'inherit',
      env: {
        ...process.env,
        // The shell keeps its data in the OS's place for app data unless CCPOR_STATION_DIR says otherwise.
        CCPOR_REGISTRY_URL: registryUrl,
        ...(process.env.CCPOR_STATION_DIR ? { CCPOR_STATION_DIR: config.stationDir } : {}),
        ...(sane ? { CCPOR_SANE_EXTRA_DEVICES: 'test' } : {}),
      },
    });
    child.on('exit', (code) => {
      void (registry?.close() ?? Promise.resolve()).finally(() => process.exit(code ?? 0));
    });
    return;
  }

  console.log(
    'The Electron binary is not installed on this machine, so the station opens in your web browser instead.',
  );
  const stationRoot = config.stationDir;
  const hotFolder = hotFolderOf(stationRoot);
  if (hotFolderEmpty(hotFolder)) await dropSampleBatch(hotFolder, `sample-${Date.now()}`);
  const station = await openNodeStation({
    root: stationRoot,
    registryUrl,
    drivers: { withSaneTest: sane },
  });
  const host = await startBrowserHost({
    rendererDir: join(ROOT, 'out/renderer'),
    dispatch: station.dispatch,
    bus: station.bus,
    log: station.log,
    onConnection: () => {
      station.clientConnected();
    },
    port: config.hostPort,
  });
  console.log(
    `Scanners: ${sane ? "SANE's test device, and " : ''}the hot folder ${hotFolder} (sample pages: three orders separated by Patch T sheets).`,
  );
  const launchFile = new LaunchFile(join(stationRoot, 'launch'));
  openStation(host, launchFile);
  if (process.stdin.isTTY) {
    console.log('Press Enter here to open the station again (each address works once, within two minutes).');
    process.stdin.on('data', () => {
      openStation(host, launchFile);
    });
  }

  const stop = (): void => {
    void (async () => {
      launchFile.remove();
      await host.close();
      await station.close();
      await registry?.close();
      process.exit(0);
    })();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// A bad variable stops the start before anything runs, with the sentence that names it.
Promise.resolve()
  .then(() => main(resolveStartConfig(process.env, ROOT)))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
