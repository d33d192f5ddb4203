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

/**
 * How the 256-bit station key becomes the page key. 'raw' hands it to SQLCipher as the key itself
 * (`x'…'`); 'derived' is how databases were first keyed: the key as a passphrase through SQLCipher's
 * PBKDF2 (256,000 rounds of HMAC-SHA512, a few hundred ms at every start). A random 256-bit key gains
 * nothing from stretching, so new databases use 'raw'; a 'derived' database keeps opening as before.
 */
type KeyMode = 'raw' | 'derived';

function applyKey(db: Db, key: Buffer, mode: KeyMode): void {
  if (key.length !== 32) throw new StoreError('KEY_MISSING', 'The station key must be 256 bits.');
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  if (mode === 'raw') db.pragma(`key = "x'${key.toString('hex')}'"`);
  else db.pragma(`hexkey = '${key.toString('hex')}'`);
}

/** Opens and keys the file; reading the schema decrypts page 1, so a wrong key fails here, before any write. */
function openKeyed(path: string, key: Buffer, mode: KeyMode): Db {
  const db = new Database(path, { fileMustExist: false });
  try {
    applyKey(db, key, mode);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
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
  let db: Db;
  try {
    try {
      db = openKeyed(options.path, options.key, 'raw');
    } catch (error) {
      // Not readable with the raw key: a database keyed the first way (or a wrong key, a damaged file).
      if (error instanceof StoreError || header === null) throw error;
      db = openKeyed(options.path, options.key, 'derived');
    }
  } catch (error) {
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
