/**
 * A stand-in for NAPS2.Console.exe (the real one is Windows-only): a shell script that records its
 * argv (one argument per line) and behaves as NAPS2's console does for what the driver uses:
 * `--listdevices --driver X` prints device names; a scan prints "Scanned page N." lines, then
 * writes every page at the end, substituting NAPS2's $(nnnn) counter in the -o path (written last
 * page first, so the driver must order them itself). Scripted by environment variables:
 * STANDIN_PAGES (a folder of page files to "scan"), STANDIN_MESSAGE (a line NAPS2 would print, e.g.
 * a jam), STANDIN_EXIT, STANDIN_SLEEP (seconds between the "Scanned page" lines and writing the
 * files, for cancel tests), STANDIN_TRACE (a file it appends how it ended to: "ended by SIGTERM"
 * when a signal stopped it, "slept" when it got past the sleep on its own).
 */
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const SCRIPT = `#!/bin/sh
if [ -n "$STANDIN_TRACE" ]; then trap 'echo "ended by SIGTERM" >> "$STANDIN_TRACE"; exit 143' TERM; fi
: > "$STANDIN_ARGV"
for a in "$@"; do printf '%s\\n' "$a" >> "$STANDIN_ARGV"; done
out=""; driver=""; prev=""; list=0
for a in "$@"; do
  [ "$prev" = "-o" ] && out="$a"
  [ "$prev" = "--driver" ] && driver="$a"
  [ "$a" = "--listdevices" ] && list=1
  prev="$a"
done
if [ $list = 1 ]; then
  if [ "$driver" = "twain" ]; then printf 'Fujitsu fi-7160\\r\\nCanon DR-C225\\r\\n'; else printf 'HP ScanJet Pro 3000 s4\\r\\n'; fi
  exit 0
fi
echo "Beginning scan..."
count=0
for f in "$STANDIN_PAGES"/*; do [ -f "$f" ] || continue; count=$((count + 1)); echo "Scanned page $count."; done
sleep "\${STANDIN_SLEEP:-0}"
if [ -n "$STANDIN_TRACE" ]; then echo "slept" >> "$STANDIN_TRACE"; fi
i=$count
for f in $(ls "$STANDIN_PAGES" | sort -r); do
  n=$(printf '%04d' $i)
  dest=$(printf '%s' "$out" | sed "s/[$](nnnn)/$n/")
  cp "$STANDIN_PAGES/$f" "$dest"
  i=$((i - 1))
done
[ -n "$STANDIN_MESSAGE" ] && echo "$STANDIN_MESSAGE"
exit "\${STANDIN_EXIT:-0}"
`;

export async function writeNaps2StandIn(dir: string): Promise<string> {
  const path = join(dir, 'NAPS2.Console.exe');
  await writeFile(path, SCRIPT);
  await chmod(path, 0o755);
  return path;
}
