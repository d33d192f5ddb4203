/**
 * Where `npm start` puts things, from the environment: the registry's port and data folder (the
 * registry's own variables, so `REGISTRY_PORT=4400 npm start` and `REGISTRY_PORT=4400 npm run
 * registry` agree), the browser host's port and the station's data folder. Pure, so a test can
 * check every variable; a value that cannot be used stops the start with a sentence naming it.
 */
import { isAbsolute, resolve } from 'node:path';

export interface StartConfig {
  readonly registry: {
    /** Loopback port; a registry already answering there is reused. */
    readonly port: number;
    readonly url: string;
    /** PGlite and blobs of the demo registry this start runs (unused when one is reused). */
    readonly dataDir: string;
  };
  /** The browser host's port; 0 = any free port (the launch address says which). */
  readonly hostPort: number;
  /** The station's data/, keys/, config/, hot-folder/ and launch file (browser host). */
  readonly stationDir: string;
}

export const START_DEFAULTS = {
  registryPort: 4300,
  registryDataDir: '.data/registry',
  hostPort: 0,
  stationDir: '.data/station',
} as const;

export class StartConfigError extends Error {}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > 65_535) {
    throw new StartConfigError(
      `${name} must be a whole number from ${min} to 65535 (it is "${raw}").` +
        (min === 0 ? ' 0 means any free port.' : ''),
    );
  }
  return value;
}

/** A folder from the environment, relative ones taken from the repository root (where npm runs). */
function folder(env: NodeJS.ProcessEnv, name: string, fallback: string, root: string): string {
  const raw = env[name]?.trim();
  const chosen = raw === undefined || raw === '' ? fallback : raw;
  return isAbsolute(chosen) ? chosen : resolve(root, chosen);
}

/** The start configuration from `env`; relative folders are resolved against `root`. */
export function resolveStartConfig(env: NodeJS.ProcessEnv, root: string): StartConfig {
  // The station and the reuse check talk to the registry by its port, so "any free port" (0) is
  // not offered for it.
  const registryPort = port(env, 'REGISTRY_PORT', START_DEFAULTS.registryPort, 1);
  return {
    registry: {
      port: registryPort,
      url: `http://127.0.0.1:${registryPort}`,
      dataDir: folder(env, 'REGISTRY_DATA_DIR', START_DEFAULTS.registryDataDir, root),
    },
    hostPort: port(env, 'CCPOR_HOST_PORT', START_DEFAULTS.hostPort, 0),
    stationDir: folder(env, 'CCPOR_STATION_DIR', START_DEFAULTS.stationDir, root),
  };
}
