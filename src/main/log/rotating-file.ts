/**
 * A pino destination that appends to `station.log` and rotates it by size: at `maxBytes` the file
 * becomes `station.log.1` (the older ones shift up to `keep`, the oldest is deleted). Writes are
 * synchronous: the station logs a few lines a minute, and a line written before a crash is the
 * line that explains it. The folder and files are private to the user (0700 / 0600).
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface RotatingFileOptions {
  readonly dir: string;
  readonly name?: string;
  /** Size at which the file is rotated (default 5 MiB). */
  readonly maxBytes?: number;
  /** Rotated files kept besides the current one (default 4). */
  readonly keep?: number;
}

export class RotatingFile {
  readonly path: string;
  readonly #maxBytes: number;
  readonly #keep: number;
  #fd: number;
  #size: number;

  constructor(options: RotatingFileOptions) {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    this.path = join(options.dir, options.name ?? 'station.log');
    this.#maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.#keep = options.keep ?? 4;
    this.#fd = openSync(this.path, 'a', 0o600);
    this.#size = statSync(this.path).size;
  }

  write(line: string): void {
    const bytes = Buffer.from(line, 'utf8');
    if (this.#size > 0 && this.#size + bytes.length > this.#maxBytes) this.#rotate();
    writeSync(this.#fd, bytes);
    this.#size += bytes.length;
  }

  close(): void {
    closeSync(this.#fd);
  }

  #rotate(): void {
    closeSync(this.#fd);
    rmSync(`${this.path}.${this.#keep}`, { force: true });
    for (let i = this.#keep - 1; i >= 1; i -= 1) {
      if (existsSync(`${this.path}.${i}`)) renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
    }
    renameSync(this.path, `${this.path}.1`);
    this.#fd = openSync(this.path, 'a', 0o600);
    this.#size = 0;
  }
}
