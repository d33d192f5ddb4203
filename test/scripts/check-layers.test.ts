/**
 * The layer check plants a violation of every rule in a scratch tree and expects it named; the
 * repository's own tree must pass.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImport, checkTree, LAYERS } from '../../scripts/layer-rules';

const ROOT = resolve(import.meta.dirname, '../..');

function plant(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function runCli(root: string): { status: number; output: string } {
  try {
    const output = execFileSync('npx', ['tsx', 'scripts/check-layers.ts', root], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { status: 0, output };
  } catch (error) {
    const e = error as { status: number; stderr: string };
    return { status: e.status, output: e.stderr };
  }
}

const rules = (file: string, specifier: string): string[] => checkImport(file, specifier).map((v) => v.rule);

describe('check:layers', () => {
  it('passes the repository itself', () => {
    expect(checkTree(ROOT)).toEqual([]);
  });

  it('passes a tree whose imports respect the layers', () => {
    const root = plant({
      'src/shared/a.ts': "import { z } from 'zod';\nexport const a = z.string();\n",
      'src/main/store/b.ts': "import { readFileSync } from 'node:fs';\nimport { a } from '../../shared/a';\n",
      'src/main/scan/c.ts': "import { b } from '../store/b';\nimport sharp from 'sharp';\n",
      'src/main/electron/d.ts': "import { app } from 'electron';\nimport { c } from '../scan/c';\n",
      'src/renderer/e.tsx': "import { a } from '../shared/a';\nimport React from 'react';\n",
    });
    expect(checkTree(root)).toEqual([]);
    expect(runCli(root).status).toBe(0);
  });

  it('fails, naming the file and the rule, when shared code imports node:fs', () => {
    const root = plant({ 'src/shared/bad.ts': "import { readFileSync } from 'node:fs';\n" });
    const result = runCli(root);
    expect(result.status).toBe(1);
    expect(result.output).toContain(
      "src/shared/bad.ts: import 'node:fs': src/shared must not import Node built-ins",
    );
  });

  it('fails when electron is imported outside src/main/electron, by require too', () => {
    const root = plant({ 'src/main/store/x.ts': "const e = require('electron');\n" });
    expect(checkTree(root).map((v) => v.rule)).toContain(
      "src/main/store may not import the package 'electron' (not in its allowlist)",
    );
  });

  it('fails when a file outside electron/ reaches Electron through another file', () => {
    const root = plant({
      'src/main/electron/shell.ts': "import { app } from 'electron';\nexport const a = app;\n",
      // A planted back door: the composition root imports the shell (also a table violation).
      'src/main/app/root.ts': "import { a } from '../electron/shell';\n",
      'src/main/host/h.ts': "import '../app/root';\n",
    });
    const reach = checkTree(root).filter((v) => v.rule.includes('reach Electron'));
    expect(reach.map((v) => v.file).sort()).toEqual(['src/main/app/root.ts', 'src/main/host/h.ts']);
    expect(reach.find((v) => v.file === 'src/main/host/h.ts')?.specifier).toBe(
      'src/main/host/h.ts -> src/main/app/root.ts -> src/main/electron/shell.ts',
    );
  });

  it('keeps the order inside src/main: a lower layer never imports a higher one, siblings stay apart', () => {
    expect(rules('src/main/store/x.ts', '../drafts/drafts-repository')).toEqual([
      'src/main/store may not import src/main/drafts',
    ]);
    expect(rules('src/main/drafts/x.ts', '../scan/batch/scan-controller')).toEqual([
      'src/main/drafts may not import src/main/scan',
    ]);
    expect(rules('src/main/scan/batch/x.ts', '../../sync/sync-service')).toEqual([
      'src/main/scan may not import src/main/sync',
    ]);
    expect(rules('src/main/sync/x.ts', '../app/station')).toEqual([
      'src/main/sync may not import src/main/app',
    ]);
    expect(rules('src/main/app/x.ts', '../electron/main')).toEqual([
      'src/main/app may not import src/main/electron',
    ]);
    expect(rules('src/main/app/x.ts', '../scan/batch/scan-controller')).toEqual([]);
  });

  it('fails closed on packages: each layer has its allowlist, and a new package is refused everywhere', () => {
    expect(rules('src/main/scan/x.ts', 'pg')).toHaveLength(1);
    expect(rules('src/main/store/x.ts', 'better-sqlite3')).toHaveLength(1);
    expect(rules('src/main/store/x.ts', 'better-sqlite3-multiple-ciphers')).toEqual([]);
    expect(rules('src/main/sync/x.ts', 'pino')).toHaveLength(1);
    expect(rules('src/main/log/x.ts', 'pino')).toEqual([]);
    expect(rules('src/shared/x.ts', 'tus-js-client')).toHaveLength(1);
    expect(rules('src/renderer/x.tsx', 'tus-js-client')).toHaveLength(1);
    expect(rules('src/renderer/x.tsx', 'ws')).toHaveLength(1);
    expect(rules('src/renderer/x.tsx', '@tanstack/react-table')).toEqual([]);
    expect(rules('src/server/x.ts', '@tanstack/react-table')).toHaveLength(1);
    expect(rules('src/server/x.ts', 'react-hook-form')).toHaveLength(1);
    expect(rules('src/main/scan/x.ts', 'sharp')).toEqual([]);
    expect(rules('src/main/host/x.ts', 'sharp')).toHaveLength(1);
    expect(rules('src/main/host/x.ts', 'ws')).toEqual([]);
    for (const layer of LAYERS) expect(rules(`${layer.folder}x.ts`, 'left-pad')).toHaveLength(1);
  });

  it('keeps the runtimes apart: the renderer and shared code get no Node, the runtimes do not import each other', () => {
    expect(rules('src/renderer/screens/x.tsx', '../../main/store/db')).toEqual([
      'src/renderer may not import src/main/store',
    ]);
    expect(rules('src/renderer/x.tsx', '../server/app')).toEqual(['src/renderer may not import src/server']);
    expect(rules('src/renderer/x.tsx', 'node:fs')).toEqual(['src/renderer must not import Node built-ins']);
    expect(rules('src/shared/x.ts', '../main/store/db')).toEqual([
      'src/shared may not import src/main/store',
    ]);
    expect(rules('src/shared/x.ts', 'fs')).toEqual(['src/shared must not import Node built-ins']);
    expect(rules('src/shared/x.ts', 'react-dom/client')).toHaveLength(1);
    expect(rules('src/server/x.ts', '../main/store/db')).toEqual([
      'src/server may not import src/main/store',
    ]);
    expect(rules('src/main/sync/x.ts', '../../server/app')).toEqual([
      'src/main/sync may not import src/server',
    ]);
  });

  it('fails closed on folders: a file in no layer, or an import of one, is refused', () => {
    expect(rules('src/main/newthing/x.ts', '../store/db')[0]).toMatch(/is in no layer/);
    expect(rules('src/main/store/x.ts', '../newthing/y')[0]).toMatch(/which is in no layer/);
    expect(rules('src/tools/x.ts', 'zod')[0]).toMatch(/is in no layer/);
  });

  it('counts dynamic imports and type-only imports', () => {
    const root = plant({
      'src/shared/dyn.ts':
        "export async function f() { return import('node:path'); }\nimport type { X } from 'electron';\n",
    });
    expect(checkTree(root)).toHaveLength(2);
  });
});
