/** Test helper: live processes whose command line mentions `needle` (Linux /proc). */
import { readdir, readFile } from 'node:fs/promises';

export async function processesMentioning(needle: string): Promise<number[]> {
  const found: number[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(needle)) found.push(Number(pid));
  }
  return found;
}
