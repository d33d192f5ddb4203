/**
 * Image bytes, addressed by their SHA-256. The interface is shaped for an S3-compatible store too:
 * streams in and out, ranges on read, no assumption of a local path.
 */
import type { Readable } from 'node:stream';

export interface BlobInfo {
  readonly sha256: string;
  readonly size: number;
}

export interface ByteRange {
  /** First byte, inclusive. */
  readonly start: number;
  /** Last byte, inclusive. */
  readonly end: number;
}

export interface BlobStore {
  /** Size of the blob, or null when absent. */
  stat(sha256: string): Promise<BlobInfo | null>;
  /**
   * Stores the bytes of `source` durably and returns their digest and size. When `expectedSha256`
   * is given and the bytes differ, nothing is stored and a ChecksumMismatchError is thrown.
   */
  put(source: Readable, expectedSha256?: string): Promise<BlobInfo>;
  /** A stream of the whole blob or one byte range of it. */
  read(sha256: string, range?: ByteRange): Promise<Readable>;
}

export class ChecksumMismatchError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`The bytes hash to ${actual}, not ${expected}.`);
  }
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
