/**
 * `npm run check:electron`'s judgement of electronegativity's findings (which fail, which are
 * notes, what the allowlist may accept), and the real tool on a planted insecure shell: its
 * findings must come back, mapped to repository paths, and fail the check.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge, passes, type Allowlist, type Finding } from '../../scripts/electronegativity/allowlist';
import { scanElectronApp } from '../../scripts/electronegativity/scan';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir('check-electron-');

function finding(check: string, severity: Finding['severity'], file = 'src/main/electron/main.ts'): Finding {
  return { check, severity, file, line: 1, description: check };
}

const ALLOW: Allowlist = {
  excludedChecks: [],
  accepted: [
    {
      check: 'PRELOAD_JS_CHECK',
      file: 'src/main/electron/main.ts',
      reason: 'Reviewed: the preload exposes two functions only.',
    },
  ],
};

describe('check:electron judgement', () => {
  it('passes explained medium findings and treats low and informational ones as notes', () => {
    const judgement = judge(
      [
        finding('PRELOAD_JS_CHECK', 'MEDIUM'),
        finding('CSP_GLOBAL_CHECK', 'LOW', 'src/renderer/index.html'),
        finding('ELECTRON_VERSION_JSON_CHECK', 'INFORMATIONAL', 'package.json'),
      ],
      ALLOW,
    );
    expect(judgement.accepted.map((a) => a.finding.check)).toEqual(['PRELOAD_JS_CHECK']);
    expect(judgement.notes.map((n) => n.check)).toEqual(['CSP_GLOBAL_CHECK', 'ELECTRON_VERSION_JSON_CHECK']);
    expect(passes(judgement)).toBe(true);
  });

  it('fails a high or medium finding without a reason, a second occurrence, and one in another file', () => {
    const judgement = judge(
      [
        finding('NODE_INTEGRATION_JS_CHECK', 'HIGH'),
        finding('PRELOAD_JS_CHECK', 'MEDIUM'),
        finding('PRELOAD_JS_CHECK', 'MEDIUM'),
        finding('PRELOAD_JS_CHECK', 'MEDIUM', 'src/main/electron/other.ts'),
      ],
      ALLOW,
    );
    expect(judgement.unexplained.map((f) => `${f.check} ${f.file}`)).toEqual([
      'NODE_INTEGRATION_JS_CHECK src/main/electron/main.ts',
      'PRELOAD_JS_CHECK src/main/electron/main.ts',
      'PRELOAD_JS_CHECK src/main/electron/other.ts',
    ]);
    expect(passes(judgement)).toBe(false);
    // With count 2 the second occurrence in main.ts is explained too.
    const two = judge([finding('PRELOAD_JS_CHECK', 'MEDIUM'), finding('PRELOAD_JS_CHECK', 'MEDIUM')], {
      ...ALLOW,
      accepted: [{ ...ALLOW.accepted[0]!, count: 2 }],
    });
    expect(passes(two)).toBe(true);
  });

  it('fails an allowlist entry that no longer matches any finding', () => {
    const judgement = judge([], ALLOW);
    expect(judgement.unusedEntries.map((e) => e.check)).toEqual(['PRELOAD_JS_CHECK']);
    expect(passes(judgement)).toBe(false);
  });
});

describe('electronegativity on a planted insecure shell', () => {
  it('reports a window without context isolation and with no navigation limits as high findings, at repository paths', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'src/main/electron'), { recursive: true });
    mkdirSync(join(root, 'src/renderer'), { recursive: true });
    writeFileSync(
      join(root, 'package.json'),
      JSON.stringify({ name: 'planted', devDependencies: { electron: '45.5.0' } }),
    );
    writeFileSync(join(root, 'src/renderer/index.html'), '<!doctype html><title>x</title>');
    writeFileSync(
      join(root, 'src/main/electron/main.ts'),
      [
        "import { BrowserWindow } from 'electron';",
        'export const win = new BrowserWindow({',
        '  webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false },',
        '});',
        "void win.loadURL('http://example.com/');",
        '',
      ].join('\n'),
    );
    const { findings, parseErrors } = await scanElectronApp(root, ['AvailableSecurityFixesGlobalCheck']);
    expect(parseErrors).toEqual([]);
    const high = findings.filter((f) => f.severity === 'HIGH');
    expect(high.map((f) => f.check)).toEqual(
      expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']),
    );
    expect(high.find((f) => f.check === 'CONTEXT_ISOLATION_JS_CHECK')).toMatchObject({
      file: 'src/main/electron/main.ts',
      line: 3, // the webPreferences line
    });
    expect(passes(judge(findings, { excludedChecks: [], accepted: [] }))).toBe(false);
  });
});
