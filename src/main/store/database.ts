/**
 * Opening the station's encrypted SQLite database (SQLite3 Multiple Ciphers, SQLCipher v4 scheme:
 * AES-256 with HMAC-SHA512 per page). Checks before it writes: a wrong key, a damaged file or a
 * foreign database is refused with a clear error, and the file is never modified or replaced.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import { closeSync, openSync, readSync } from 'node:fs';
import { StoreError } from './errors';
import { migrate } from './migrate';

const SQLITE_PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function readHeader(path: string): Buffer | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const header = Buffer.alloc(16);
    const n = readSync(fd, header, 0, 16, 0);
    return header.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function applyKey(db: Db, key: Buffer): void {
  if (key.length !== 32) throw new StoreError('KEY_MISSING', 'The station key must be 256 bits.');
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(`hexkey = '${key.toString('hex')}'`);
}

export interface OpenOptions {
  readonly path: string;
  readonly key: Buffer;
  /** Run migrations (default true). Tests of single migrations turn this off. */
  readonly migrate?: boolean;
}

/** Opens (or creates) the database at `path` with `key`, verifies it, and migrates it. */
export function openEncryptedDatabase(options: OpenOptions): Db {
  const header = readHeader(options.path);
  if (header?.equals(SQLITE_PLAIN_HEADER)) {
    throw new StoreError(
      'UNENCRYPTED_DATABASE',
      `${options.path} is an unencrypted SQLite database, not a CCPOR Station database. It was left untouched; move it away or point the station at another data folder.`,
    );
  }
  const db = new Database(options.path, { fileMustExist: false });
  try {
    applyKey(db, options.key);
    // Reading the schema decrypts page 1: a wrong key or a damaged file fails here, before any write.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    throw new StoreError(
      'WRONG_KEY_OR_DAMAGED',
      `The station database ${options.path} cannot be opened with this workstation's key: the key is different or the file is damaged. ` +
        'Nothing was changed. Restore the key or the file from backup, or ask your court IT support.',
    );
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (options.migrate !== false) migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
