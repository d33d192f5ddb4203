/**
 * The layers of the code base as an allowlist (after VS Code's `code-layering` rule): each layer
 * names the layers and the packages it may import, and whether it may use Node's built-ins.
 * Anything not listed is refused, so a new dependency or a new folder fails closed until someone
 * decides where it belongs. On top of the table, one transitive rule: no file outside
 * src/main/electron reaches (through any chain of project imports) a file that loads Electron.
 *
 * `check-layers.ts` is the command; `test/scripts/check-layers.test.ts` plants a violation of
 * every rule.
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

interface Layer {
  /** Folder (repository-relative, posix, ending in '/'); the longest matching folder wins. */
  readonly folder: string;
  /** Layers (by folder) whose files this layer may import; its own folder always. */
  readonly layers: readonly string[];
  /** Packages it may import: an exact name, or a scope ending in '/'. */
  readonly packages: readonly string[];
  /** Whether Node's built-in modules are allowed (not in shared code or the renderer). */
  readonly node: boolean;
}

const SHARED = 'src/shared/';
const M = (name: string): string => `src/main/${name}/`;

/**
 * Inside src/main, from the bottom up: log, store and the audit trail; settings and the registry client; the
 * session; drafts; sync and scan (beside each other, neither imports the other); the registry
 * look-ups; the composition root; the hosts. A layer imports only what is below it.
 */
export const LAYERS: readonly Layer[] = [
  { folder: SHARED, layers: [], packages: ['zod'], node: false },
  {
    folder: 'src/renderer/',
    layers: [SHARED],
    packages: [
      'react',
      'react-dom',
      '@mantine/',
      '@tanstack/react-table',
      'react-hook-form',
      '@hookform/resolvers',
      'pdfjs-dist',
      'zod',
    ],
    node: false,
  },
  {
    folder: 'src/server/',
    layers: [SHARED],
    packages: [
      'fastify',
      '@fastify/',
      'fastify-type-provider-zod',
      'pg',
      '@electric-sql/pglite',
      '@tus/',
      'pino',
      'pdfkit',
      // Parsing uploads before they are accepted (legacy build: no DOM).
      'pdfjs-dist',
      // Transliterating names in any script to Latin for search.
      'any-ascii',
      'zod',
    ],
    node: true,
  },
  { folder: M('log'), layers: [SHARED], packages: ['pino'], node: true },
  {
    folder: M('store'),
    layers: [SHARED, M('log')],
    packages: ['better-sqlite3-multiple-ciphers'],
    node: true,
  },
  {
    folder: M('audit'),
    layers: [SHARED, M('log')],
    packages: ['better-sqlite3-multiple-ciphers'],
    node: true,
  },
  { folder: M('settings'), layers: [SHARED, M('log'), M('audit')], packages: ['conf', 'zod'], node: true },
  {
    folder: M('registry-client'),
    layers: [SHARED, M('log')],
    packages: ['axios', 'tus-js-client', 'zod'],
    node: true,
  },
  {
    folder: M('session'),
    layers: [SHARED, M('log'), M('store'), M('audit'), M('registry-client')],
    packages: ['zod'],
    node: true,
  },
  {
    folder: M('drafts'),
    layers: [SHARED, M('log'), M('store'), M('audit'), M('settings')],
    packages: ['better-sqlite3-multiple-ciphers'],
    node: true,
  },
  {
    folder: M('sync'),
    layers: [SHARED, M('log'), M('store'), M('audit'), M('registry-client'), M('session'), M('drafts')],
    packages: ['better-sqlite3-multiple-ciphers'],
    node: true,
  },
  {
    folder: M('scan'),
    layers: [SHARED, M('log'), M('store'), M('audit'), M('settings'), M('drafts')],
    packages: ['better-sqlite3-multiple-ciphers', 'sharp', 'pdfkit', 'jsqr', 'qrcode', 'fast-xml-parser'],
    node: true,
  },
  {
    folder: M('search'),
    layers: [SHARED, M('log'), M('audit'), M('registry-client'), M('session')],
    packages: [],
    node: true,
  },
  {
    folder: M('app'),
    layers: [
      SHARED,
      M('log'),
      M('store'),
      M('audit'),
      M('settings'),
      M('registry-client'),
      M('session'),
      M('drafts'),
      M('sync'),
      M('scan'),
      M('search'),
    ],
    packages: ['better-sqlite3-multiple-ciphers'],
    node: true,
  },
  {
    folder: M('host'),
    layers: [SHARED, M('log'), M('store'), M('settings'), M('sync'), M('scan'), M('app')],
    packages: ['ws'],
    node: true,
  },
  {
    folder: M('electron'),
    layers: [SHARED, M('log'), M('store'), M('settings'), M('sync'), M('scan'), M('app'), M('host')],
    packages: ['electron', 'electron-store'],
    node: true,
  },
];

/** Packages that load Electron: only src/main/electron may reach them, directly or not. */
const ELECTRON_PACKAGES = ['electron', 'electron-store'];

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function isNodeBuiltin(specifier: string): boolean {
  return NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split('/')[0] ?? '');
}

/** The package a bare specifier names: '@scope/name' or 'name'. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function packageAllowed(pkg: string, allowed: readonly string[]): boolean {
  return allowed.some((a) => (a.endsWith('/') ? pkg.startsWith(a) : pkg === a));
}

export function layerOf(file: string): Layer | null {
  let best: Layer | null = null;
  for (const layer of LAYERS) {
    if (file.startsWith(layer.folder) && (best === null || layer.folder.length > best.folder.length))
      best = layer;
  }
  return best;
}

/** Resolves a relative specifier to a repository-relative path (posix, no extension), or null for a package. */
function resolveRelative(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const parts = fromFile.split('/').slice(0, -1);
  for (const piece of specifier.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  return parts.join('/');
}

const name = (folder: string): string => folder.replace(/\/$/, '');

/** Returns every rule the import `specifier` in `file` (repository-relative, posix) breaks. */
export function checkImport(file: string, specifier: string): LayerViolation[] {
  const flag = (rule: string): LayerViolation[] => [{ file, specifier, rule }];
  const layer = layerOf(file);
  if (!layer) return flag(`${file} is in no layer: add its folder to LAYERS in scripts/layer-rules.ts`);
  const target = resolveRelative(file, specifier);
  if (target !== null) {
    const to = layerOf(`${target}/`) ?? layerOf(target);
    if (to === null) return flag(`${name(layer.folder)} may not import ${target}, which is in no layer`);
    if (to !== layer && !layer.layers.includes(to.folder)) {
      return flag(`${name(layer.folder)} may not import ${name(to.folder)}`);
    }
    return [];
  }
  if (isNodeBuiltin(specifier)) {
    return layer.node ? [] : flag(`${name(layer.folder)} must not import Node built-ins`);
  }
  const pkg = packageOf(specifier);
  if (!packageAllowed(pkg, layer.packages)) {
    return flag(`${name(layer.folder)} may not import the package '${pkg}' (not in its allowlist)`);
  }
  return [];
}

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs)$/;

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) yield* walk(full);
    else if (SOURCE.test(entry)) yield full;
  }
}

export function importsOf(source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles.map((f) => f.fileName);
}

/** The project file a resolved import path names (with its extension or as a folder index). */
function fileFor(target: string, files: ReadonlySet<string>): string | null {
  for (const suffix of ['', '.ts', '.tsx', '/index.ts', '/index.tsx']) {
    if (files.has(target + suffix)) return target + suffix;
  }
  return null;
}

/**
 * The transitive rule: outside src/main/electron, no chain of project imports may end in a file
 * that loads Electron. Reported once per file, with the chain.
 */
function electronReach(imports: ReadonlyMap<string, readonly string[]>): LayerViolation[] {
  const files = new Set(imports.keys());
  const loadsElectron = (file: string): boolean =>
    (imports.get(file) ?? []).some((s) => !s.startsWith('.') && ELECTRON_PACKAGES.includes(packageOf(s)));
  const violations: LayerViolation[] = [];
  for (const start of files) {
    if (start.startsWith(M('electron')) || !start.startsWith('src/main/')) continue;
    const seen = new Map<string, string | null>([[start, null]]);
    const queue = [start];
    let hit: string | null = null;
    while (queue.length > 0 && hit === null) {
      const file = queue.shift() as string;
      if (file !== start && loadsElectron(file)) hit = file;
      for (const spec of imports.get(file) ?? []) {
        const target = resolveRelative(file, spec);
        const next = target === null ? null : fileFor(target, files);
        if (next !== null && !seen.has(next)) {
          seen.set(next, file);
          queue.push(next);
        }
      }
    }
    if (hit !== null) {
      const chain: string[] = [];
      for (let f: string | null = hit; f !== null; f = seen.get(f) ?? null) chain.unshift(f);
      violations.push({
        file: start,
        specifier: chain.join(' -> '),
        rule: 'src/main outside electron/ must not reach Electron, even through other files',
      });
    }
  }
  return violations;
}

export function checkTree(root: string): LayerViolation[] {
  const imports = new Map<string, string[]>();
  for (const file of walk(join(root, 'src'))) {
    const rel = relative(root, file).split(sep).join('/');
    imports.set(rel, importsOf(readFileSync(file, 'utf8')));
  }
  const violations: LayerViolation[] = [];
  for (const [file, specs] of imports) for (const spec of specs) violations.push(...checkImport(file, spec));
  return [...violations, ...electronReach(imports)];
}
