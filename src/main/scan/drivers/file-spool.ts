/**
 * A per-job temporary folder where an external tool writes page files, read back in order.
 * Reads, preloads and the final removal go through one serial chain, so a cancel that removes the
 * folder never races a page being read by the consumer.
 *
 * Where: the station passes a spool root of its own inside its data folder (`<data>/spool`, 0700),
 * because scanned pages are court orders in plain text until the pipeline encrypts them, and the
 * system temp folder is shared with every local user and program (and survives a crash until the
 * next reboot, if then). Each job's folder is made by mkdtemp (0700), each page file is deleted as
 * soon as it is read, and the folder goes when the job ends or is cancelled.
 */
import { chmodSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SpooledFile {
  readonly path: string;
  /** Filled when the file had to be read early (a cancel removing the folder). */
  bytes: Uint8Array | undefined;
}

export class FileSpool {
  #chain: Promise<unknown> = Promise.resolve();
  #removed = false;

  private constructor(readonly dir: string) {}

  /** A new job folder under `root` (the system temp folder when no spool root is configured). */
  static async create(prefix: string, root: string = tmpdir()): Promise<FileSpool> {
    return new FileSpool(await mkdtemp(join(root, prefix)));
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#chain.then(work);
    this.#chain = next.catch(() => undefined);
    return next;
  }

  /** The file's bytes (from memory when preloaded); the file is deleted once read. */
  take(file: SpooledFile): Promise<Uint8Array> {
    return this.#serial(async () => {
      if (file.bytes !== undefined) return file.bytes;
      const bytes = await readFile(file.path);
      await rm(file.path, { force: true });
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    });
  }

  /** Reads files into memory so the folder can go while they still wait to be delivered. */
  preload(files: readonly SpooledFile[]): Promise<void> {
    return this.#serial(async () => {
      for (const file of files) {
        if (file.bytes !== undefined) continue;
        try {
          const bytes = await readFile(file.path);
          file.bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        } catch {
          // left undefined: `take` reports the page as unreadable
        }
      }
    });
  }

  /** Removes the folder and everything left in it; safe to call more than once. */
  remove(): Promise<void> {
    return this.#serial(async () => {
      if (this.#removed) return;
      this.#removed = true;
      await rm(this.dir, { recursive: true, force: true });
    });
  }
}

/**
 * Makes `root` the station's private spool root: created (or narrowed) to 0700, and emptied. At
 * start no job is running, so anything in it is a page a crash left behind; the batch journal holds
 * every page that was stored, so such a file is only a plain copy and goes. Never given a shared
 * folder (the system temp folder): only a folder the station owns.
 */
export function preparePrivateSpoolRoot(root: string): string {
  mkdirSync(root, { recursive: true, mode: 0o700 });
  if ((statSync(root).mode & 0o077) !== 0) chmodSync(root, 0o700);
  for (const entry of readdirSync(root)) rmSync(join(root, entry), { recursive: true, force: true });
  return root;
}
