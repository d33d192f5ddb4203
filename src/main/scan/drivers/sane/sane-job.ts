/**
 * One `scanimage --batch` run as a ScanJob. scanimage writes each page to `page-NNNN.part`, renames
 * it when complete and, with `--batch-print`, prints the finished name on stdout: that line is the
 * signal a page is ready. Files are read (then deleted) when the consumer pulls them, so a slow
 * pipeline leaves pages on disk rather than in memory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { ScanEvent, ScanJob, ScanSettings } from '../../driver';
import { EventChannel } from '../event-channel';
import { FileSpool, type SpooledFile } from '../file-spool';
import { inspectImage } from '../image-check';
import { makePage } from '../pages';
import { forEachLine, waitForExit } from '../process-util';
import { asScanError, scanFailure } from '../scan-error';
import { buildScanArgs, type SaneFileFormat } from './sane-args';
import { isClosingReport, scanimageError } from './sane-errors';
import type { SaneDeviceProfile } from './sane-options';

type Item =
  | { readonly kind: 'file'; readonly file: SpooledFile }
  | { readonly kind: 'progress'; readonly message: string };

export interface SaneJobOptions {
  readonly command: string;
  readonly env: NodeJS.ProcessEnv;
  readonly device: string;
  readonly settings: ScanSettings;
  readonly format: SaneFileFormat;
  /** Loads the device profile (cached by the driver); called before anything is spawned. */
  readonly profile: () => Promise<SaneDeviceProfile>;
  /** How long scanimage gets to stop after SIGINT before SIGTERM, then SIGKILL. */
  readonly stopGraceMs: number;
  /** The folder the run's spool folder is made in; undefined: the system temp folder. */
  readonly spoolDir: string | undefined;
}

const STDERR_TAIL = 16_384;

export class SaneScanJob implements ScanJob {
  readonly events: AsyncIterable<ScanEvent>;
  readonly #channel = new EventChannel<Item>();
  readonly #options: SaneJobOptions;
  #spool: FileSpool | undefined;
  #child: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();
  #cancelled = false;
  #cancelling: Promise<void> | undefined;
  #filesSeen = 0;
  readonly #started: Promise<void>;

  constructor(options: SaneJobOptions) {
    this.#options = options;
    this.events = this.#events();
    this.#started = this.#start().catch((error: unknown) => {
      this.#channel.fail(asScanError(error, 'IO_ERROR'));
    });
  }

  async #start(): Promise<void> {
    const { settings, format } = this.#options;
    const profile = await this.#options.profile();
    if (this.#cancelled) return;
    const spool = await FileSpool.create('ccpor-sane-', this.#options.spoolDir);
    this.#spool = spool;
    const args = buildScanArgs(
      this.#options.device,
      settings,
      profile,
      format,
      `${spool.dir}/page-%04d.${format}`,
    );
    if (this.#isCancelled()) return; // cancel() may have run while the folder was being made
    const child = spawn(this.#options.command, args, {
      env: this.#options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    let stderr = '';
    this.#exited = new Promise<void>((resolve) => {
      child.once('error', (error: NodeJS.ErrnoException) => {
        const code = error.code === 'ENOENT' ? 'DRIVER_MISSING' : 'IO_ERROR';
        this.#channel.fail(scanFailure(code, `${this.#options.command}: ${error.message}`));
        resolve();
      });
      child.once('close', (code, signal) => {
        if (this.#cancelled) this.#channel.end();
        else {
          const error = scanimageError({ code, signal, stderr, pages: this.#filesSeen });
          if (error === undefined) this.#channel.end();
          else this.#channel.fail(error);
        }
        resolve();
      });
    });
    forEachLine(child.stdout, (line) => {
      if (line.trim() === '') return;
      this.#filesSeen++;
      this.#channel.push({ kind: 'file', file: { path: line.trim(), bytes: undefined } });
    });
    forEachLine(child.stderr, (line) => {
      stderr = (stderr + line + '\n').slice(-STDERR_TAIL);
      const scanning = /^Scanning page (\d+)/.exec(line);
      if (scanning !== null) this.#channel.push({ kind: 'progress', message: line.trim() });
      if (isClosingReport(line)) this.#reapIfStuck(child);
    });
  }

  /**
   * scanimage has reported how the run ended and should now exit. A backend can hang while closing
   * the device (SANE's test backend sometimes deadlocks in sane_cancel after a jam); the batch would
   * then stay "scanning" forever. So after the grace period it is stopped like a cancel, and the run
   * ends with the error scanimage reported (read from its stderr, not from the signal).
   */
  #reapIfStuck(child: ChildProcess): void {
    void waitForExit(this.#exited, this.#options.stopGraceMs).then((exited) => {
      if (!exited && !this.#cancelled) void this.#terminate(child, 'SIGTERM');
    });
  }

  /** Sends `first`, then stronger signals after each grace period, until the process has exited. */
  async #terminate(child: ChildProcess, first: 'SIGINT' | 'SIGTERM'): Promise<void> {
    const grace = this.#options.stopGraceMs;
    const signals: NodeJS.Signals[] = first === 'SIGINT' ? ['SIGINT', 'SIGTERM'] : ['SIGTERM'];
    for (const signal of signals) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      if (await waitForExit(this.#exited, grace)) return;
    }
    child.kill('SIGKILL');
    await this.#exited;
  }

  #isCancelled(): boolean {
    return this.#cancelled;
  }

  async *#events(): AsyncGenerator<ScanEvent> {
    let delivered = 0;
    let finished = false;
    try {
      for await (const item of this.#channel) {
        if (item.kind === 'progress') {
          yield { type: 'progress', pagesScanned: delivered, message: item.message };
          continue;
        }
        const index = ++delivered;
        const spool = this.#spool;
        try {
          if (spool === undefined) throw new Error('no spool folder');
          const bytes = await spool.take(item.file);
          const info = inspectImage(bytes, item.file.path);
          const page = makePage(
            {
              index,
              format: info.format,
              bytes,
              origin: item.file.path,
              resolutionDpi: info.dpi ?? this.#options.settings.resolutionDpi,
            },
            this.#options.settings.source,
          );
          yield { type: 'page', page };
        } catch (error) {
          yield { type: 'page-error', index, error: asScanError(error, 'IO_ERROR') };
        }
      }
      finished = true;
    } finally {
      if (!finished) await this.cancel();
      await this.#spool?.remove();
    }
  }

  /** Stops scanimage (SIGINT, then SIGTERM, then SIGKILL), keeps finished pages, removes the temp folder. */
  cancel(): Promise<void> {
    this.#cancelling ??= this.#stop();
    return this.#cancelling;
  }

  async #stop(): Promise<void> {
    this.#cancelled = true;
    await this.#started;
    const child = this.#child;
    // SIGINT first: scanimage's own handler cancels the device cleanly and removes its .part file.
    if (child !== undefined) await this.#terminate(child, 'SIGINT');
    await this.#exited;
    this.#channel.end();
    const spool = this.#spool;
    if (spool !== undefined) {
      const waiting = this.#channel.queued.flatMap((item) => (item.kind === 'file' ? [item.file] : []));
      await spool.preload(waiting);
      await spool.remove();
    }
  }
}
