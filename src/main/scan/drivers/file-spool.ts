/**
 * A per-job temporary folder where an external tool writes page files, read back in order.
 * Reads, preloads and the final removal go through one serial chain, so a cancel that removes the
 * folder never races a page being read by the consumer.
 */
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
