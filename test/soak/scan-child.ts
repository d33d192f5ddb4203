/**
 * The soak's scanning station: the scan controller on the real encrypted store, scanning with SANE's
 * test backend through the real scanimage (slowed down, so a kill lands mid-batch), until the soak
 * SIGKILLs it. It first reports the batch a previous life left (RESTORED id pages), so the soak can
 * check every page that life recorded came back, then discards it and scans a new one. RECORDED id n
 * is printed once n pages are processed and past the journal's write delay (at most 250 ms).
 * `check` only reports the batch left behind and exits.
 *
 * Usage: scan-child.ts <dir> <scan|check>
 */
import { openRig, PROFILE } from '../main/scan/batch/fixtures/scan-controller-rig';
import { exitWithParent } from '../main/sync/fault/exit-with-parent';

exitWithParent();

const [dir, mode] = process.argv.slice(2) as [string, 'scan' | 'check'];
const out = (line: string) => process.stdout.write(`${line}\n`);
const JOURNAL_SETTLE_MS = 600;

const rig = await openRig(dir, { env: { SLOW_US: '60000' } });
const left = rig.controller.current();
out(left === null ? 'RESTORED none 0' : `RESTORED ${left.id} ${left.pages.length}`);
if (mode === 'check') {
  await rig.close();
  process.exit(0);
}
if (left !== null) {
  if (left.status === 'scanning') await rig.controller.cancel(left.id);
  rig.controller.discard(left.id);
}
const batch = await rig.controller.start('sane:test', PROFILE);
out(`SCANNING ${batch.id}`);
let reported = 0;
rig.bus.subscribe((name, payload) => {
  const processed = (payload as { progress?: { processed: number } }).progress?.processed ?? 0;
  if (name !== 'scan:batch' || processed <= reported) return;
  reported = processed;
  setTimeout(() => out(`RECORDED ${batch.id} ${processed}`), JOURNAL_SETTLE_MS);
});
setInterval(() => undefined, 1000);
