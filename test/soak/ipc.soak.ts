/**
 * `npm run soak:ipc [-- --calls N --seed S]`: 100,000 hostile station API calls through a real
 * station's dispatcher (test/support/hostile-ipc.ts). Prints the first problems, if any, and ends
 * with one JSON line. Exits 1 on a crash, a write from a refused call, or a station that no longer works.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runHostileIpc } from '../support/hostile-ipc';

const { values } = parseArgs({
  options: { calls: { type: 'string', default: '100000' }, seed: { type: 'string', default: '18' } },
});
const dir = mkdtempSync(join(tmpdir(), 'soak-ipc-'));
try {
  const report = await runHostileIpc({ calls: Number(values.calls), seed: Number(values.seed), dir });
  for (const problem of report.problems) console.log(problem);
  console.log(
    `by session state: ${JSON.stringify(report.byState)}; refusals audited: ${report.refusalsAudited}`,
  );
  console.log(
    JSON.stringify({
      soak: 'ipc',
      calls: report.calls,
      crashes: report.crashes,
      refused: report.refused,
      accepted: report.accepted,
      writes_from_refused: report.writesFromRefused,
      works_after: report.worksAfter,
      seed: Number(values.seed),
      seconds: Math.round(report.seconds * 10) / 10,
    }),
  );
  process.exitCode = report.crashes === 0 && report.writesFromRefused === 0 && report.worksAfter ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
