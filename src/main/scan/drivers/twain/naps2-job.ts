/**
 * One NAPS2 console run as a ScanJob. NAPS2 writes the page files only when its scan is over, so
 * pages arrive together at the end (its "Scanned page N." lines become progress events meanwhile)
 * and are read in page-number order. A cancel ends the process: NAPS2 has then written nothing,
 * so a cancelled NAPS2 run delivers no page.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScanEvent, ScanJob, ScanSettings } from '../../driver';
import { EventChannel } from '../event-channel';
import { FileSpool, type SpooledFile } from '../file-spool';
import { inspectImage } from '../image-check';
import { makePage } from '../pages';
import { forEachLine, killTree, OWN_PROCESS_GROUP, waitForExit } from '../process-util';
import { asScanError, scanFailure } from '../scan-error';
import { scanArgs, type Naps2Device, type Naps2FileFormat } from './naps2-args';
import { naps2Error } from './naps2-errors';

type Item =
  | { readonly kind: 'file'; readonly file: SpooledFile }
  | { readonly kind: 'progress'; readonly message: string };

export interface Naps2JobOptions {
  /** Resolves the console's path, or throws DRIVER_MISSING. */
  readonly console: () => Promise<string>;
  readonly device: Naps2Device;
  readonly settings: ScanSettings;
  readonly format: Naps2FileFormat;
  readonly env: NodeJS.ProcessEnv;
  readonly stopGraceMs: number;
  /** The folder the run's output folder is made in; undefined: the system temp folder. */
  readonly spoolDir: string | undefined;
}

const OUTPUT_TAIL = 32_768;

/** Page files NAPS2 wrote, in page order (by the number in the name, not by listing order). */
export async function pageFilesInOrder(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => /^page-\d+\.(png|tif|tiff)$/i.test(n));
  const number = (n: string): number => Number(/(\d+)/.exec(n)?.[1] ?? 0);
  return names.sort((a, b) => number(a) - number(b)).map((n) => join(dir, n));
}

export class Naps2ScanJob implements ScanJob {
  readonly events: AsyncIterable<ScanEvent>;
  readonly #channel = new EventChannel<Item>();
  readonly #options: Naps2JobOptions;
  readonly #started: Promise<void>;
  #spool: FileSpool | undefined;
  #child: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();
  #cancelled = false;
  #cancelling: Promise<void> | undefined;

  constructor(options: Naps2JobOptions) {
    this.#options = options;
    this.events = this.#events();
    this.#started = this.#start().catch((error: unknown) => {
      this.#channel.fail(asScanError(error, 'IO_ERROR'));
    });
  }

  #isCancelled(): boolean {
    return this.#cancelled;
  }

  async #start(): Promise<void> {
    const command = await this.#options.console();
    const spool = await FileSpool.create('ccpor-naps2-', this.#options.spoolDir);
    this.#spool = spool;
    const args = scanArgs(this.#options.device, this.#options.settings, spool.dir, this.#options.format);
    if (this.#isCancelled()) return;
    const child = spawn(command, args, {
      env: this.#options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
      detached: OWN_PROCESS_GROUP,
    });
    this.#child = child;
    let output = '';
    const onLine = (line: string): void => {
      output = (output + line + '\n').slice(-OUTPUT_TAIL);
      if (/^Scanned page \d+/i.test(line.trim()))
        this.#channel.push({ kind: 'progress', message: line.trim() });
    };
    forEachLine(child.stdout, onLine);
    forEachLine(child.stderr, onLine);
    this.#exited = new Promise<void>((resolve) => {
      child.once('error', (error: NodeJS.ErrnoException) => {
        this.#channel.fail(
          scanFailure(
            error.code === 'ENOENT' ? 'DRIVER_MISSING' : 'IO_ERROR',
            `${command}: ${error.message}`,
          ),
        );
        resolve();
      });
      child.once('close', (code, signal) => {
        void this.#finish(spool, code, signal, () => output).finally(resolve);
      });
    });
  }

  async #finish(
    spool: FileSpool,
    code: number | null,
    signal: NodeJS.Signals | null,
    output: () => string,
  ): Promise<void> {
    if (this.#cancelled) {
      this.#channel.end();
      return;
    }
    try {
      const files = await pageFilesInOrder(spool.dir);
      for (const path of files) this.#channel.push({ kind: 'file', file: { path, bytes: undefined } });
      const error = naps2Error({
        code,
        signal,
        output: output(),
        pages: files.length,
        source: this.#options.settings.source,
      });
      // A jam after some pages: those pages were written and are delivered before the error.
      if (error === undefined || (files.length > 0 && error.code === 'FEEDER_EMPTY')) this.#channel.end();
      else this.#channel.fail(error);
    } catch (error) {
      this.#channel.fail(asScanError(error, 'IO_ERROR'));
    }
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
        try {
          const spool = this.#spool;
          if (spool === undefined) throw new Error('no output folder');
          const bytes = await spool.take(item.file);
          const info = inspectImage(bytes, item.file.path);
          yield {
            type: 'page',
            page: makePage(
              {
                index,
                format: info.format,
                bytes,
                origin: item.file.path,
                resolutionDpi: info.dpi ?? this.#options.settings.resolutionDpi,
              },
              this.#options.settings.source,
            ),
          };
        } catch (error) {
          yield { type: 'page-error', index, error: asScanError(error, 'CORRUPT_IMAGE') };
        }
      }
      finished = true;
    } finally {
      if (!finished) await this.cancel();
      await this.#spool?.remove();
    }
  }

  /** Ends the NAPS2 process (its scan is abandoned) and removes the output folder. */
  cancel(): Promise<void> {
    this.#cancelling ??= (async () => {
      this.#cancelled = true;
      await this.#started;
      const child = this.#child;
      if (child !== undefined && child.exitCode === null && child.signalCode === null) {
        killTree(child, 'SIGTERM'); // NAPS2's console has no gentler stop
        if (!(await waitForExit(this.#exited, this.#options.stopGraceMs))) {
          killTree(child, 'SIGKILL');
        }
      }
      await this.#exited;
      this.#channel.end();
      const spool = this.#spool;
      if (spool !== undefined) {
        await spool.preload(this.#channel.queued.flatMap((i) => (i.kind === 'file' ? [i.file] : [])));
        await spool.remove();
      }
    })();
    return this.#cancelling;
  }
}
