/**
 * `npm run check:electron`: electronegativity over the Electron shell and its renderer (see
 * electronegativity/scan.ts), judged against scripts/electronegativity-allowlist.json (see
 * electronegativity/allowlist.ts). Fails on a high or medium finding the allowlist does not explain,
 * on a file the tool could not parse, and on an allowlist entry that matches nothing.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { allowlistSchema, judge, passes, type Finding } from './electronegativity/allowlist';
import { scanElectronApp } from './electronegativity/scan';

const ROOT = resolve(import.meta.dirname, '..');
const ALLOWLIST = join(ROOT, 'scripts/electronegativity-allowlist.json');

const where = (f: Finding): string => (f.file === 'N/A' ? 'the app as a whole' : `${f.file}:${f.line}`);

async function main(): Promise<number> {
  const allowlist = allowlistSchema.parse(JSON.parse(readFileSync(ALLOWLIST, 'utf8')));
  const { findings, parseErrors } = await scanElectronApp(
    ROOT,
    allowlist.excludedChecks.map((e) => e.check),
  );
  const judgement = judge(findings, allowlist);
  for (const { finding, reason } of judgement.accepted) {
    console.log(`accepted ${finding.severity} ${finding.check} at ${where(finding)}: ${reason}`);
  }
  for (const note of judgement.notes) {
    console.log(`note     ${note.severity} ${note.check} at ${where(note)}: ${note.description}`);
  }
  for (const finding of judgement.unexplained) {
    console.error(
      `FAILED   ${finding.severity} ${finding.check} at ${where(finding)}: ${finding.description} (fix it, or explain it in ${ALLOWLIST})`,
    );
  }
  for (const entry of judgement.unusedEntries) {
    console.error(
      `FAILED   the allowlist entry ${entry.check} in ${entry.file} matches no finding: remove it`,
    );
  }
  for (const error of parseErrors)
    console.error(`FAILED   not checked, the file could not be parsed: ${error}`);
  const ok = passes(judgement) && parseErrors.length === 0;
  console.log(
    `check:electron: ${findings.length} finding(s): ${judgement.accepted.length} explained, ${judgement.notes.length} low or informational, ${judgement.unexplained.length} unexplained.`,
  );
  return ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
