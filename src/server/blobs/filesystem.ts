/**
 * Blobs as files under `root/ab/cd/<sha256>`. Writes go to a temporary file that is fsynced, renamed
 * into place and followed by an fsync of the directory, so a crash leaves either no blob or a whole
 * one, never a torn file under a digest it does not match.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ChecksumMismatchError, SHA256_HEX, type BlobInfo, type BlobStore, type ByteRange } from './store';

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class FileBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error('Not a SHA-256 digest');
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async stat(sha256: string): Promise<BlobInfo | null> {
    try {
      const info = await stat(this.pathOf(sha256));
      return { sha256, size: info.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async put(source: Readable, expectedSha256?: string): Promise<BlobInfo> {
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, tap, createWriteStream(tmp, { flags: 'wx' }));
      const sha256 = hash.digest('hex');
      if (expectedSha256 !== undefined && expectedSha256 !== sha256) {
        throw new ChecksumMismatchError(expectedSha256, sha256);
      }
      await fsyncPath(tmp);
      const target = this.pathOf(sha256);
      const dir = join(target, '..');
      await mkdir(dir, { recursive: true });
      // Same bytes, same name: renaming over an existing blob is harmless.
      await rename(tmp, target);
      await fsyncPath(dir);
      return { sha256, size };
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(sha256);
    // Open first so a missing blob fails here with ENOENT rather than later inside the stream.
    const handle = await open(path, 'r');
    return handle.createReadStream({
      autoClose: true,
      ...(range ? { start: range.start, end: range.end } : {}),
    });
  }
}
