/**
 * Runs electronegativity (Doyensec's static checker of Electron apps) over what runs in the
 * Electron shell: the main process and preload (src/main/electron), the renderer it loads
 * (src/renderer, with its index.html and CSP) and package.json (the Electron version and its
 * command-line switches). The tool takes one folder, and its "global" checks (navigation limits,
 * CSP, permission handler) judge the application as a whole, so the three are copied into one
 * temporary folder and scanned together; paths are mapped back to the repository.
 *
 * Why the sources and not the built out/: the tool's parser does not know class private fields,
 * which the bundled out/main/index.js is full of; it stops on that file and would then report the
 * navigation limits and the permission handler as missing.
 *
 * Offline: the tool's download of fresh translations fails after its 1 s timeout and it uses its own;
 * the check that needs Electron's release list from the internet is excluded (see the allowlist).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { SEVERITIES, type Finding, type Severity } from './allowlist';

/** The part of electronegativity's programmatic API (dist/runner.js) used here. */
interface RawIssue {
  readonly id: string;
  readonly file: string;
  readonly location: { readonly line: number; readonly column: number };
  readonly severity: { readonly name: string };
  readonly description: string;
}
type Run = (options: {
  input: string;
  excludeFromScan?: string[];
  electronVersionOverride?: string;
}) => Promise<{ issues: RawIssue[]; errors: { file: string; message: string; tolerable: boolean }[] }>;

/** What is scanned: repository folder or file → its name in the staging folder. */
export const SCANNED: readonly (readonly [string, string])[] = [
  ['src/main/electron', 'electron'],
  ['src/renderer', 'renderer'],
  ['package.json', 'package.json'],
];

export interface ScanResult {
  readonly findings: readonly Finding[];
  /** Files the tool could not parse (then they were not checked). */
  readonly parseErrors: readonly string[];
}

function asSeverity(name: string): Severity {
  const found = SEVERITIES.find((s) => s === name);
  if (found === undefined) throw new Error(`electronegativity reported an unknown severity "${name}"`);
  return found;
}

/**
 * Scans `root`'s Electron shell and renderer. `excludedChecks` are class names of the tool's
 * checks (e.g. AvailableSecurityFixesGlobalCheck).
 */
export async function scanElectronApp(root: string, excludedChecks: readonly string[]): Promise<ScanResult> {
  const run = createRequire(import.meta.url)('@doyensec/electronegativity') as Run;
  const electronVersion = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      devDependencies?: { electron?: string };
    }
  ).devDependencies?.electron;
  const stage = mkdtempSync(join(tmpdir(), 'ccpor-electronegativity-'));
  try {
    for (const [from, to] of SCANNED) cpSync(join(root, from), join(stage, to), { recursive: true });
    const result = await run({
      input: stage,
      excludeFromScan: [...excludedChecks],
      ...(electronVersion === undefined ? {} : { electronVersionOverride: electronVersion }),
    });
    const toRepo = (file: string): string => {
      if (file === 'N/A' || !file.startsWith(stage)) return file;
      const inStage = relative(stage, file).split(sep).join('/');
      const mapping = SCANNED.find(([, to]) => inStage === to || inStage.startsWith(`${to}/`));
      return mapping === undefined ? inStage : mapping[0] + inStage.slice(mapping[1].length);
    };
    return {
      findings: result.issues.map((issue) => ({
        check: issue.id,
        severity: asSeverity(issue.severity.name),
        file: toRepo(issue.file),
        line: issue.location.line,
        description: issue.description,
      })),
      parseErrors: result.errors.filter((e) => !e.tolerable).map((e) => `${toRepo(e.file)}: ${e.message}`),
    };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
