/** Builds the renderer (and the Electron bundles) once, so every suite runs what the user would. */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');

export default function setup(): void {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  mkdirSync(join(ROOT, 'test-results/screenshots'), { recursive: true });
}
