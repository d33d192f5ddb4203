/**
 * The import rules that keep each runtime's code runnable where it must run.
 * `check-layers.ts` is the command; `test/scripts/check-layers.test.ts` plants violations.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

export interface LayerViolation {
  readonly file: string;
  readonly specifier: string;
  readonly rule: string;
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Packages that only make sense with a DOM or inside Node; shared code must not pull them in. */
const DOM_OR_NODE_PACKAGES = [
  'react',
  'react-dom',
  '@mantine/',
  'pdfjs-dist',
  'ws',
  'pg',
  'better-sqlite3',
  'sharp',
  'pdfkit',
  'fastify',
  'axios',
  'conf',
  'electron-store',
  '@electric-sql/',
  '@tus/',
];

function isNodeBuiltin(specifier: string): boolean {
  return NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split('/')[0] ?? '');
}

function isPackage(specifier: string, names: readonly string[]): boolean {
  return names.some((n) =>
    n.endsWith('/') ? specifier.startsWith(n) : specifier === n || specifier.startsWith(`${n}/`),
  );
}

function isElectron(specifier: string): boolean {
  return specifier === 'electron' || specifier.startsWith('electron/');
}

/** Resolves a relative specifier to a repository-relative path (posix), or null for a package. */
function resolveRelative(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const parts = fromFile.split('/').slice(0, -1);
  for (const piece of specifier.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  return parts.join('/');
}

/** Returns every rule the import `specifier` in `file` (repository-relative, posix) breaks. */
export function checkImport(file: string, specifier: string): LayerViolation[] {
  const out: LayerViolation[] = [];
  const target = resolveRelative(file, specifier);
  const flag = (rule: string): void => {
    out.push({ file, specifier, rule });
  };

  if (isElectron(specifier) && !file.startsWith('src/main/electron/')) {
    flag("only src/main/electron/ may import 'electron'");
  }
  if (file.startsWith('src/shared/')) {
    if (isNodeBuiltin(specifier)) flag('src/shared must not import Node built-ins');
    if (isPackage(specifier, DOM_OR_NODE_PACKAGES))
      flag('src/shared must not import DOM- or Node-only packages');
    if (target !== null && !target.startsWith('src/shared/')) flag('src/shared may import only src/shared');
  }
  if (file.startsWith('src/renderer/')) {
    if (isNodeBuiltin(specifier)) flag('src/renderer must not import Node built-ins');
    if (target?.startsWith('src/main/') || target?.startsWith('src/server/')) {
      flag('src/renderer must not import src/main or src/server (use the StationApi)');
    }
  }
  if (
    file.startsWith('src/server/') &&
    (target?.startsWith('src/main/') || target?.startsWith('src/renderer/'))
  ) {
    flag('src/server must not import the station (src/main) or the renderer');
  }
  if (
    file.startsWith('src/main/') &&
    (target?.startsWith('src/server/') || target?.startsWith('src/renderer/'))
  ) {
    flag('src/main must not import the registry (src/server) or the renderer');
  }
  return out;
}

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs)$/;

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else if (SOURCE.test(name)) yield full;
  }
}

export function importsOf(source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles.map((f) => f.fileName);
}

export function checkTree(root: string): LayerViolation[] {
  const violations: LayerViolation[] = [];
  for (const file of walk(join(root, 'src'))) {
    const rel = relative(root, file).split(sep).join('/');
    for (const spec of importsOf(readFileSync(file, 'utf8'))) violations.push(...checkImport(rel, spec));
  }
  return violations;
}
