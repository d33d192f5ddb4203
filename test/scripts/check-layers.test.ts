import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImport, checkTree } from '../../scripts/layer-rules';

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

describe('check:layers', () => {
  it('passes a tree whose imports respect the layers', () => {
    const root = plant({
      'src/shared/a.ts': "import { z } from 'zod';\nexport const a = z.string();\n",
      'src/main/b.ts': "import { readFileSync } from 'node:fs';\nimport { a } from '../shared/a';\n",
      'src/main/electron/c.ts': "import { app } from 'electron';\n",
      'src/renderer/d.tsx': "import { a } from '../shared/a';\nimport React from 'react';\n",
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

  it('fails when electron is imported outside src/main/electron', () => {
    const root = plant({ 'src/main/store/x.ts': "const e = require('electron');\n" });
    expect(checkTree(root).map((v) => v.rule)).toEqual(["only src/main/electron/ may import 'electron'"]);
  });

  it('fails when the renderer reaches into the station main process or the registry', () => {
    expect(checkImport('src/renderer/screens/x.tsx', '../../main/store/db')).toHaveLength(1);
    expect(checkImport('src/renderer/x.tsx', '../server/app')).toHaveLength(1);
  });

  it('fails when shared code imports DOM-only packages or a file outside src/shared', () => {
    expect(checkImport('src/shared/x.ts', 'react-dom/client')).toHaveLength(1);
    expect(checkImport('src/shared/x.ts', '../main/store/db')).toHaveLength(1);
    expect(checkImport('src/shared/x.ts', 'fs')).toHaveLength(1);
  });

  it('counts dynamic imports and type-only imports', () => {
    const root = plant({
      'src/shared/dyn.ts':
        "export async function f() { return import('node:path'); }\nimport type { X } from 'electron';\n",
    });
    expect(checkTree(root)).toHaveLength(2);
  });
});
