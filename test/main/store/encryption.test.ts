import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../../src/main/store/database';
import { StoreError } from '../../../src/main/store/errors';
import { FileSecretStore, MemorySecretStore } from '../../../src/main/store/secret-store';
import { DATABASE_FILE, openStationStore } from '../../../src/main/app/station-store';
import { completeOrder } from '../../support/orders';
import { useTempDir } from '../../support/temp';

const tempDir = useTempDir('store-crypto-');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

function openError(path: string, key: Buffer): StoreError {
  try {
    openEncryptedDatabase({ path, key }).close();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error('opened');
}

describe('station store encryption at rest', () => {
  it('cannot be read without the key, nor with another key, and a refused open changes nothing', async () => {
    const dataDir = tempDir();
    const secrets = new MemorySecretStore();
    const store = await openStationStore({ dataDir, secrets });
    store.drafts.save(completeOrder());
    store.close();
    const path = join(dataDir, DATABASE_FILE);
    const before = readFileSync(path);

    const plain = new Database(path);
    expect(() => plain.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
    plain.close();

    const error = openError(path, randomBytes(32));
    expect(error.code).toBe('WRONG_KEY_OR_DAMAGED');
    expect(error.message).toContain('Nothing was changed');
    expect(readFileSync(path).equals(before)).toBe(true);

    const reopened = await openStationStore({ dataDir, secrets });
    expect(reopened.drafts.count()).toBe(1);
    reopened.close();
  });

  it('leaves no typed name, date of birth or address in plaintext in any file under the data folder', async () => {
    const dataDir = tempDir();
    const store = await openStationStore({ dataDir, secrets: new MemorySecretStore() });
    const order = completeOrder({
      caseNumber: 'ZQCASE77731',
      restrainedPerson: {
        ...completeOrder().restrainedPerson,
        name: { last: 'Xylowhistle', first: 'Brumhilda' },
        dob: '1979-04-17',
        address: { street: '4417 Marigoldhaven Lane', city: 'Fresno', state: 'CA' },
      },
      protectedPersons: [{ name: { last: 'Qorvantine', first: 'Elspeth' } }],
    });
    for (let i = 0; i < 30; i += 1) store.drafts.save(order);
    // A PDF that carries the name as text must be encrypted too.
    store.documents.attachBytes(
      order.id,
      Buffer.from('%PDF-1.7 (Xylowhistle Brumhilda) Qorvantine'),
      'x.pdf',
      1,
    );
    const secrets = [
      'Xylowhistle',
      'Brumhilda',
      'Qorvantine',
      'Marigoldhaven',
      '1979-04-17',
      'ZQCASE77731',
      'XYLOWHISTLE',
      'QORVANTINE',
    ];
    const scan = () => {
      const files = filesUnder(dataDir);
      expect(files.length).toBeGreaterThan(1);
      for (const file of files) {
        const bytes = readFileSync(file);
        for (const s of secrets) {
          expect(bytes.includes(Buffer.from(s, 'utf8')), `${s} in ${file}`).toBe(false);
          expect(bytes.includes(Buffer.from(s, 'utf16le')), `${s} (UTF-16) in ${file}`).toBe(false);
        }
      }
    };
    scan(); // while open, with the WAL and shared-memory files present
    store.close();
    scan();
  });

  it('refuses an unencrypted SQLite database and never overwrites it', () => {
    const path = join(tempDir(), DATABASE_FILE);
    const foreign = new Database(path);
    foreign.exec("CREATE TABLE t (x); INSERT INTO t VALUES ('other software')");
    foreign.close();
    const before = readFileSync(path);
    const error = openError(path, randomBytes(32));
    expect(error.code).toBe('UNENCRYPTED_DATABASE');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a damaged or foreign file (garbage, a truncated database) and never overwrites it', async () => {
    const garbage = join(tempDir(), DATABASE_FILE);
    writeFileSync(garbage, randomBytes(8192));
    expect(openError(garbage, randomBytes(32)).code).toBe('WRONG_KEY_OR_DAMAGED');
    expect(readFileSync(garbage).length).toBe(8192);

    const dataDir = tempDir();
    const secrets = new MemorySecretStore();
    const store = await openStationStore({ dataDir, secrets });
    store.drafts.save(completeOrder());
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    const path = join(dataDir, DATABASE_FILE);
    const truncated = readFileSync(path).subarray(0, 100);
    writeFileSync(path, truncated);
    const key = await secrets.getOrCreateKey('station-store');
    expect(openError(path, key).code).toBe('WRONG_KEY_OR_DAMAGED');
    expect(readFileSync(path).equals(truncated)).toBe(true);
  });

  it('keeps the file secret store key private to the user and stable across opens', async () => {
    const dir = tempDir();
    const a = new FileSecretStore(join(dir, 'keys'));
    const key = await a.getOrCreateKey('station-store');
    expect(key.length).toBe(32);
    expect(statSync(join(dir, 'keys', 'station-store.key')).mode & 0o777).toBe(0o600);
    expect((await new FileSecretStore(join(dir, 'keys')).getOrCreateKey('station-store')).equals(key)).toBe(
      true,
    );
    expect(await a.getKey('other')).toBeNull();
    await expect(a.getKey('../etc/passwd')).rejects.toThrow(/Invalid key name/);
  });
});
