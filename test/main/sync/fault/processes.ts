/**
 * Starting the fault test's child processes. Each child is a TypeScript entry bundled once per run
 * with esbuild (packages stay external) and started as plain `node bundle.mjs`: one process, so a
 * SIGKILL hits the process that holds the store and runs the worker, never a wrapper. (tsx's loader
 * costs about 1.5 s of CPU per start on the 2-core CI machine, which would make 200 kills take
 * several minutes; SYNC_FAULT_TSX=1 spawns `node --import tsx entry.ts` instead.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '../../../..');
/**
 * Per process: node_modules is shared by every worktree on a machine, and a run elsewhere rebuilding
 * the same bundle under a child being started would hand it a half-written file (or another
 * branch's child). Removed when this process exits; folders of processes that ended without their
 * exit handler (a test worker terminated) are removed by the next run.
 */
const CACHE = join(ROOT, 'node_modules', '.cache', 'ccpor-sync-fault');
const OUT = join(CACHE, String(process.pid));
process.once('exit', () => {
  rmSync(OUT, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeLeftovers(): void {
  if (!existsSync(CACHE)) return;
  for (const name of readdirSync(CACHE)) {
    if (/^\d+$/.test(name) && !alive(Number(name)))
      rmSync(join(CACHE, name), { recursive: true, force: true });
  }
}

export interface Runnable {
  readonly command: string;
  readonly args: readonly string[];
}

/**
 * Bundles `entry` (beside this file) and returns how to start it. `inline` bundles the npm packages
 * too (all but `external`): one file loads several times faster than hundreds of modules, which
 * matters for a child started 200 times; the registry child keeps its packages external (PGlite
 * loads its WebAssembly from its own folder).
 */
export async function prepare(
  entry: string,
  options: { inline?: boolean; external?: string[]; tsx?: boolean; dir?: string } = {},
): Promise<Runnable> {
  const source = join(options.dir ?? import.meta.dirname, entry);
  // `tsx`: for children that start worker threads from TypeScript files beside their modules (the
  // scan page workers), which a bundle would not find.
  if (process.env.SYNC_FAULT_TSX === '1' || options.tsx === true)
    return { command: process.execPath, args: ['--import', 'tsx', source] };
  removeLeftovers();
  mkdirSync(OUT, { recursive: true });
  const outfile = join(OUT, entry.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [source],
    outfile,
    bundle: true,
    ...(options.inline ? { external: options.external ?? [] } : { packages: 'external' as const }),
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: options.inline === true,
    // CommonJS packages inside an ESM bundle still call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __ccporRequire } from 'node:module'; const require = __ccporRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
  return { command: process.execPath, args: [outfile] };
}

export interface Child {
  readonly process: ChildProcess;
  readonly lines: string[];
  /** Resolves with the first line matching `pattern` (or rejects when the child exits first or after `timeoutMs`). */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<string>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): Promise<void>;
  stderr(): string;
}

/**
 * `group`: the child leads its own process group and kill() SIGKILLs the whole group at once (a
 * station and the scanimage it runs die together, as at a power cut; no orphan scans on).
 */
export function start(
  runnable: Runnable,
  env: Record<string, string>,
  options: { group?: boolean; args?: readonly string[] } = {},
): Child {
  const child = spawn(runnable.command, [...runnable.args, ...(options.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.group === true,
  });
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  let buffer = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
    for (const l of [...listeners]) l();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-8000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    child.on('exit', (code, signal) => {
      for (const l of [...listeners]) l();
      resolveExit({ code, signal });
    });
  });
  return {
    process: child,
    lines,
    exited,
    stderr: () => errors,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolveLine, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no ${pattern} within ${timeoutMs} ms; stderr: ${errors}`));
        }, timeoutMs);
        const check = () => {
          const found = lines.find((l) => pattern.test(l));
          if (found !== undefined) {
            clearTimeout(timer);
            listeners.delete(check);
            resolveLine(found);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearTimeout(timer);
            listeners.delete(check);
            reject(
              new Error(
                `child exited (${child.exitCode ?? child.signalCode}) before ${pattern}; stderr: ${errors}`,
              ),
            );
          }
        };
        listeners.add(check);
        check();
      });
    },
    async kill() {
      if (options.group === true && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // The group is gone already.
        }
      } else if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
