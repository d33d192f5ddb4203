/**
 * A wrapper script around the REAL scanimage, for the SANE tests that need the test backend to fail
 * at a given moment. The test backend's `--read-return-value` makes every sane_read return a chosen
 * SANE status, i.e. it can only fail from the first frame. So:
 * - READ_RETURN=SANE_STATUS_X: the batch is run with `--read-return-value SANE_STATUS_X`;
 * - JAM_AT_PAGE=k: pages 1..k-1 come from one real run (`--batch-count=k-1`), then a second real run
 *   (`--batch-start=k --read-return-value SANE_STATUS_JAMMED`) jams on page k. The driver sees
 *   scanimage's own output, files and exit status throughout.
 *   JAM_STATUS=SANE_STATUS_X makes that second run fail with another status (e.g. SANE_STATUS_IO_ERROR:
 *   the scanner lost mid-batch).
 * - SLOW_US=n: adds `--read-delay=yes --read-delay-duration=n`, so a cancel can land mid-batch.
 * Calls without `--batch-print` (device listing, -A) pass straight through.
 */
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const SCRIPT = `#!/bin/sh
case " $* " in *" --batch-print "*) ;; *) exec scanimage "$@" ;; esac
set -- "$@"
if [ -n "$SLOW_US" ]; then set -- "$@" --read-delay=yes --read-delay-duration="$SLOW_US"; fi
if [ -n "$JAM_AT_PAGE" ]; then
  scanimage "$@" --batch-count=$((JAM_AT_PAGE - 1)) || exit $?
  exec scanimage "$@" --batch-start="$JAM_AT_PAGE" --read-return-value "\${JAM_STATUS:-SANE_STATUS_JAMMED}"
fi
if [ -n "$READ_RETURN" ]; then exec scanimage "$@" --read-return-value "$READ_RETURN"; fi
exec scanimage "$@"
`;

export async function writeScanimageWrapper(dir: string): Promise<string> {
  const path = join(dir, 'scanimage-wrapper.sh');
  await writeFile(path, SCRIPT);
  await chmod(path, 0o755);
  return path;
}
