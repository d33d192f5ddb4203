/**
 * The station key is used as SQLCipher's raw page key (no PBKDF2 at every start); databases keyed
 * the first way (the key as a passphrase through PBKDF2) keep opening, with their data.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../../src/main/store/database';
import { StoreError } from '../../../src/main/store/errors';
import { useTempDir } from '../../support/temp';

const tempDir = useTempDir('store-key-mode-');

/** Opens the file with plain SQLite3MC calls, keyed one way or the other; null when it cannot be read. */
function readWith(path: string, key: Buffer, mode: 'raw' | 'derived'): unknown {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    if (mode === 'raw') db.pragma(`key = "x'${key.toString('hex')}'"`);
    else db.pragma(`hexkey = '${key.toString('hex')}'`);
    return db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
  } catch {
    return null;
  } finally {
    db.close();
  }
}

describe('station database key mode', () => {
  it('keys a new database with the raw key, not a passphrase', () => {
    const path = join(tempDir(), 'station.db');
    const key = randomBytes(32);
    openEncryptedDatabase({ path, key }).close();
    expect(readWith(path, key, 'raw')).not.toBeNull();
    expect(readWith(path, key, 'derived')).toBeNull();
    expect(readFileSync(path).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  });

  it('opens a database keyed through PBKDF2 (the first scheme) with its data, and migrates it', () => {
    const path = join(tempDir(), 'station.db');
    const key = randomBytes(32);
    const legacy = new Database(path);
    legacy.pragma("cipher = 'sqlcipher'");
    legacy.pragma('legacy = 4');
    legacy.pragma(`hexkey = '${key.toString('hex')}'`);
    legacy.pragma('journal_mode = WAL');
    legacy.exec("CREATE TABLE kept (note TEXT); INSERT INTO kept VALUES ('written before the change')");
    legacy.close();

    const db = openEncryptedDatabase({ path, key });
    try {
      expect(db.prepare('SELECT note FROM kept').get()).toEqual({ note: 'written before the change' });
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'drafts'").get()).toEqual({
        n: 1,
      });
    } finally {
      db.close();
    }
    expect(readWith(path, key, 'derived')).not.toBeNull();
  });

  it('still refuses another key, for either scheme', () => {
    const path = join(tempDir(), 'station.db');
    openEncryptedDatabase({ path, key: randomBytes(32) }).close();
    let refused: unknown = null;
    try {
      openEncryptedDatabase({ path, key: randomBytes(32) }).close();
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(StoreError);
    expect((refused as StoreError).code).toBe('WRONG_KEY_OR_DAMAGED');
  });
});
