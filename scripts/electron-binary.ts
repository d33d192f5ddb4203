/**
 * Where the installed Electron binary is, or null when it is absent (installed with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1, as on CI): the electron package names it in its path.txt.
 * `npm start` and the Electron smoke suite both decide by it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export function electronBinary(): string | null {
  try {
    const pathFile = join(createRequire(import.meta.url).resolve('electron'), '..', 'path.txt');
    const binary = join(pathFile, '..', 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}
