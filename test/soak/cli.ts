/**
 * `npm run soak -- [--kills N] [--submissions N] [--seed S] [--lanes N]`: runs the soak (soak.ts),
 * prints progress lines, the ledger's problems if any, and as the last line one JSON object. Exits 1
 * when anything was lost, duplicated, mismatched or failed its integrity check.
 */
import { runSoak } from './soak';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) {
    process.stderr.write(`soak: --${name} needs a whole number, got "${process.argv[at + 1] ?? ''}"\n`);
    process.exit(2);
  }
  return value;
}

const seed = option('seed', Date.now() % 1_000_000);
const result = await runSoak({
  seed,
  kills: option('kills', 1000),
  submissions: option('submissions', 10_000),
  lanes: option('lanes', 3),
  progress: (line) => process.stdout.write(`${line}\n`),
});
const { problems, ...figures } = result;
for (const p of problems.slice(0, 50)) process.stdout.write(`problem: ${p}\n`);
if (problems.length > 50) process.stdout.write(`… and ${problems.length - 50} more problems\n`);
process.stdout.write(`${JSON.stringify(figures)}\n`);
process.exit(result.soak === 'ok' ? 0 : 1);
