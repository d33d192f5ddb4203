/**
 * Page images and PDFs as files addressed by the SHA-256 of their content, encrypted at rest with
 * AES-256-GCM (an order image shows victims' names and addresses as surely as the typed data does).
 * Each file: magic "CCPB1", 12-byte nonce, ciphertext, 16-byte tag; the hash is the additional data,
 * so a file moved to another address fails to decrypt. Files are written durably before the
 * database refers to them (see atomic-file.ts), so a reference never points at a missing file.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileDurably } from './atomic-file';
import { StoreError } from './errors';

const MAGIC = Buffer.from('CCPB1', 'latin1');
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface StoredBlob {
  readonly sha256: string;
  readonly size: number;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Derives the blob key from the station key, so one secret protects both the database and the files. */
export function deriveBlobKey(stationKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', stationKey, Buffer.alloc(0), 'ccpor-station blob store v1', 32));
}

export class BlobStore {
  constructor(
    private readonly dir: string,
    private readonly key: Buffer,
  ) {}

  private pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new StoreError('BLOB_MISSING', `Not a content address: ${sha256}`);
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /** Stores `bytes` (once: the same content is one file) and returns its address. */
  put(bytes: Uint8Array): StoredBlob {
    const sha256 = sha256Hex(bytes);
    const path = this.pathOf(sha256);
    if (!existsSync(path)) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
      cipher.setAAD(Buffer.from(sha256, 'latin1'));
      const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
      writeFileDurably(path, Buffer.concat([MAGIC, nonce, body, cipher.getAuthTag()]));
    } else {
      // Stored again: the file counts as new for the sweep's grace period (see blob-sweep.ts), so a
      // blob that was garbage a moment ago is not removed before its new reference is written.
      const now = new Date();
      utimesSync(path, now, now);
    }
    return { sha256, size: bytes.length };
  }

  /** The content at `sha256`, verified: damaged or substituted files are reported, never returned. */
  get(sha256: string): Buffer {
    const path = this.pathOf(sha256);
    let file: Buffer;
    try {
      file = readFileSync(path);
    } catch {
      throw new StoreError(
        'BLOB_MISSING',
        `The stored file ${sha256.slice(0, 12)}… is missing from the data folder.`,
      );
    }
    const damaged = () =>
      new StoreError(
        'BLOB_DAMAGED',
        `The stored file ${sha256.slice(0, 12)}… is damaged and cannot be read.`,
      );
    if (file.length < MAGIC.length + NONCE_BYTES + TAG_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC))
      throw damaged();
    const nonce = file.subarray(MAGIC.length, MAGIC.length + NONCE_BYTES);
    const tag = file.subarray(file.length - TAG_BYTES);
    const body = file.subarray(MAGIC.length + NONCE_BYTES, file.length - TAG_BYTES);
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, nonce);
      decipher.setAAD(Buffer.from(sha256, 'latin1'));
      decipher.setAuthTag(tag);
      plain = Buffer.concat([decipher.update(body), decipher.final()]);
    } catch {
      throw damaged();
    }
    if (sha256Hex(plain) !== sha256) throw damaged();
    return plain;
  }

  /** Every stored blob with the time it was last stored (put), for the sweep. */
  list(): { sha256: string; storedAtMs: number }[] {
    const blobs: { sha256: string; storedAtMs: number }[] = [];
    if (!existsSync(this.dir)) return blobs;
    for (const shard of readdirSync(this.dir)) {
      for (const name of readdirSync(join(this.dir, shard))) {
        if (!SHA256_HEX.test(name) || name.slice(0, 2) !== shard) continue;
        const stat = statSync(join(this.dir, shard, name), { throwIfNoEntry: false });
        if (stat) blobs.push({ sha256: name, storedAtMs: stat.mtimeMs });
      }
    }
    return blobs;
  }

  /** Deletes a blob file. Only the sweep calls this, for blobs nothing refers to. */
  remove(sha256: string): void {
    rmSync(this.pathOf(sha256), { force: true });
  }

  /** Removes temp files a crash left behind mid-write (they were never referenced). */
  sweepTemporaryFiles(): number {
    let removed = 0;
    if (!existsSync(this.dir)) return 0;
    for (const shard of readdirSync(this.dir)) {
      for (const name of readdirSync(join(this.dir, shard))) {
        if (name.startsWith('.tmp-')) {
          rmSync(join(this.dir, shard, name), { force: true });
          removed += 1;
        }
      }
    }
    return removed;
  }
}
