/**
 * Child-process helpers for the drivers that run an external tool (scanimage, NAPS2's console).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import type { Readable } from 'node:stream';

export interface CommandResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Kills the process (SIGKILL) after this long; the result then has signal 'SIGKILL'. */
  readonly timeoutMs?: number;
}

/** Runs a command to completion and collects its output. Rejects only when it cannot start (ENOENT…). */
export function runCommand(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.once('error', (error) => {
      if (timer !== undefined) clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Calls `onLine` for every complete line of a text stream (a trailing partial line is flushed at end). */
export function forEachLine(stream: Readable, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    let newline = pending.search(/\r?\n/);
    while (newline >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(pending[newline] === '\r' ? newline + 2 : newline + 1);
      onLine(line);
      newline = pending.search(/\r?\n/);
    }
  });
  stream.on('end', () => {
    if (pending !== '') onLine(pending);
    pending = '';
  });
}

/** The full path of an executable: an absolute path that is executable, or the first hit on PATH. */
export async function findExecutable(
  nameOrPath: string,
  pathVariable: string | undefined = process.env.PATH,
): Promise<string | undefined> {
  const candidates = isAbsolute(nameOrPath)
    ? [nameOrPath]
    : (pathVariable ?? '')
        .split(delimiter)
        .filter((dir) => dir !== '')
        .map((dir) => join(dir, nameOrPath));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here: try the next directory
    }
  }
  return undefined;
}

/** Resolves when the child has exited, or after `ms` (false) if it has not. */
export function waitForExit(exited: Promise<void>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      resolve(false);
    }, ms);
    exited.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(true);
      },
    );
  });
}

/** Spawn option that gives the child its own process group (POSIX), so `killTree` reaches its helpers. */
export const OWN_PROCESS_GROUP = process.platform !== 'win32';

/**
 * Signals a child and the processes it started: an external engine may run helpers (NAPS2 runs a
 * 32-bit worker for TWAIN) that would otherwise live on and hold the output pipes open.
 * POSIX: the child must have been spawned with `detached: OWN_PROCESS_GROUP`. Windows: taskkill /T.
 */
export function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  const pid = child.pid;
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).once(
      'error',
      () => {
        child.kill(signal);
      },
    );
    return;
  }
  try {
    process.kill(-pid, signal);
  } catch {
    child.kill(signal); // no group of its own (already gone, or not spawned detached)
  }
}
