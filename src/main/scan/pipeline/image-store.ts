/**
 * Where processed page images live while a batch is reviewed: keyed by SHA-256, written as soon as
 * a page is processed, so nothing already scanned depends on the batch finishing. The in-memory
 * store is for tests and short batches; the directory store survives a restart (and the station
 * store's content-addressed BlobStore fits the same interface).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface PageImageStore {
  /** Stores bytes and returns their key (SHA-256, hex). Storing the same bytes twice is harmless. */
  put(bytes: Uint8Array): Promise<string>;
  get(ref: string): Promise<Uint8Array>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class MemoryPageImageStore implements PageImageStore {
  private readonly items = new Map<string, Uint8Array>();

  put(bytes: Uint8Array): Promise<string> {
    const ref = sha256Hex(bytes);
    this.items.set(ref, bytes);
    return Promise.resolve(ref);
  }

  get(ref: string): Promise<Uint8Array> {
    const bytes = this.items.get(ref);
    return bytes ? Promise.resolve(bytes) : Promise.reject(new Error(`No page image ${ref} in this store.`));
  }
}

/** Writes `bytes` to `path` atomically and durably: temp file, fsync, rename, fsync of the directory. */
export async function writeFileDurably(path: string, bytes: Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.tmp-${randomBytes(6).toString('hex')}`);
  const handle = await open(tmp, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
  const d = await open(dir, 'r');
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}

export class DirectoryPageImageStore implements PageImageStore {
  constructor(private readonly root: string) {}

  private pathOf(ref: string): string {
    if (!/^[0-9a-f]{64}$/.test(ref)) throw new Error(`Not a page image key: ${ref}`);
    return join(this.root, ref.slice(0, 2), ref);
  }

  async put(bytes: Uint8Array): Promise<string> {
    const ref = sha256Hex(bytes);
    const path = this.pathOf(ref);
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (!exists) await writeFileDurably(path, bytes);
    return ref;
  }

  async get(ref: string): Promise<Uint8Array> {
    const buf = await readFile(this.pathOf(ref));
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }
}
