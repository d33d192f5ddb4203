/**
 * Finds NAPS2's console (NAPS2.Console.exe), the external engine the TWAIN/WIA driver runs:
 * a configured path first, then the standard install locations on Windows, then PATH.
 */
import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import { findExecutable } from '../process-util';

export type Naps2Location =
  { readonly found: true; readonly path: string } | { readonly found: false; readonly reason: string };

export interface LocateOptions {
  /** An explicit path (option or CCPOR_NAPS2_CONSOLE). When given, nothing else is tried. */
  readonly configuredPath?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
}

async function isFile(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where NAPS2's installer puts the console on Windows (machine-wide and per-user installs). */
export function standardLocations(env: NodeJS.ProcessEnv): string[] {
  const roots = [env.ProgramFiles, env['ProgramFiles(x86)'], env.ProgramW6432].filter(
    (r): r is string => r !== undefined && r !== '',
  );
  const places = roots.map((root) => join(root, 'NAPS2', 'NAPS2.Console.exe'));
  if (env.LOCALAPPDATA !== undefined)
    places.push(join(env.LOCALAPPDATA, 'Programs', 'NAPS2', 'NAPS2.Console.exe'));
  return [...new Set(places)];
}

export async function locateNaps2(options: LocateOptions = {}): Promise<Naps2Location> {
  const env = options.env ?? process.env;
  const configured = options.configuredPath ?? env.CCPOR_NAPS2_CONSOLE;
  if (configured !== undefined && configured !== '') {
    return (await isFile(configured))
      ? { found: true, path: configured }
      : {
          found: false,
          reason: `NAPS2's console is configured at ${configured}, but there is no file there.`,
        };
  }
  const platform = options.platform ?? process.platform;
  if (platform !== 'win32') {
    return {
      found: false,
      reason:
        'TWAIN/WIA scanning runs on Windows through NAPS2; this computer is not Windows and no NAPS2 console is configured (CCPOR_NAPS2_CONSOLE).',
    };
  }
  for (const candidate of standardLocations(env)) {
    if (await isFile(candidate)) return { found: true, path: candidate };
  }
  const onPath = await findExecutable('NAPS2.Console.exe', env.PATH ?? env.Path);
  if (onPath !== undefined) return { found: true, path: onPath };
  return {
    found: false,
    reason: `NAPS2 is not installed (looked in ${standardLocations(env).join(', ') || 'Program Files'} and on PATH). Install NAPS2 to scan with TWAIN or WIA scanners.`,
  };
}
