/**
 * Honest ways to make the station's real writes fail, for the disk-full tests.
 *
 * - `limitFileSize` (no privilege): lowers this process's own RLIMIT_FSIZE with util-linux `prlimit`.
 *   A write past the limit then fails with EFBIG (Node ignores SIGXFSZ) — in Node's fs and inside
 *   SQLite alike. Vitest runs each test file in its own process (pool: 'forks'), so nothing else is
 *   limited. Always restore with `limitFileSize(null)`.
 * - `mountSmallDisk` (needs root or CAP_SYS_ADMIN): a tmpfs of a given size, to fill up for real
 *   (ENOSPC). Returns null with the reason when mounting is not allowed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why `limitFileSize` cannot work here, or null when it can. */
export function fileSizeLimitUnavailable(): string | null {
  if (process.platform !== 'linux') return 'RLIMIT_FSIZE via prlimit is Linux only';
  const probe = spawnSync('prlimit', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? null : 'prlimit (util-linux) is not installed';
}

/**
 * A write past the limit also raises SIGXFSZ. Node ignores it, but a listener of the test runner's
 * (signal-exit) takes it for a fatal signal and re-raises it as the worker exits; a listener of our
 * own tells it the signal is expected (the write itself still fails with EFBIG).
 */
const expectSigxfsz = (): void => undefined;

/** Sets this process's soft RLIMIT_FSIZE to `bytes`, or back to the hard limit with null. */
export function limitFileSize(bytes: number | null): void {
  if (!process.listeners('SIGXFSZ').includes(expectSigxfsz)) process.on('SIGXFSZ', expectSigxfsz);
  const soft = bytes === null ? 'unlimited' : String(bytes);
  // The hard limit is left as it is; the soft one may be raised back up to it without privilege.
  const hard = execFileSync(
    'prlimit',
    ['--pid', String(process.pid), '--fsize', '--raw', '--noheadings', '-o', 'HARD'],
    {
      encoding: 'utf8',
    },
  ).trim();
  execFileSync('prlimit', ['--pid', String(process.pid), `--fsize=${bytes === null ? hard : soft}:${hard}`]);
}

export interface SmallDisk {
  readonly dir: string;
  /** Fills the disk completely with a filler file, then frees `leaveBytes` of it. */
  fill(leaveBytes: number): void;
  /** Removes the filler: space returns. */
  free(): void;
  unmount(): void;
}

/** A tmpfs of `bytes`, or the reason it cannot be mounted here. */
export function mountSmallDisk(bytes: number): SmallDisk | string {
  if (process.platform !== 'linux') return 'tmpfs is Linux only';
  const dir = mkdtempSync(join(tmpdir(), 'small-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0700`, 'tmpfs', dir], {
    encoding: 'utf8',
  });
  if (mounted.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return `cannot mount a tmpfs (needs root or CAP_SYS_ADMIN): ${(mounted.stderr || mounted.error?.message || '').trim()}`;
  }
  const filler = join(dir, 'filler');
  return {
    dir,
    fill(leaveBytes) {
      const fd = openSync(filler, 'w');
      try {
        const chunk = Buffer.alloc(64 * 1024, 0xaa);
        for (;;) {
          try {
            writeSync(fd, chunk);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
            throw error;
          }
        }
        // A partial last chunk may have gone in; the filler's size is what the disk held.
        const size = statSync(filler).size;
        ftruncateSync(fd, Math.max(0, size - leaveBytes));
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount() {
      spawnSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
