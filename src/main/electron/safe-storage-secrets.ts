/**
 * The station's keys in the OS keychain through Electron's safeStorage (DPAPI on Windows, Keychain
 * on macOS, libsecret/kwallet on Linux). The encrypted key blobs sit in the app's data folder;
 * without the OS user's keychain they are useless. Linux's 'basic_text' backend (a fixed key in
 * the binary, i.e. no protection) is refused: the station would rather not start than pretend.
 */
import { safeStorage } from 'electron';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileDurably } from '../store/atomic-file';
import { KEY_BYTES, type SecretStore } from '../store/secret-store';

export class InsecureKeychainError extends Error {}

async function checkBackend(): Promise<void> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    throw new InsecureKeychainError(
      'The operating system offers no keychain to protect the station key. Sign in to a desktop session with a keyring and start again.',
    );
  }
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    throw new InsecureKeychainError(
      'No desktop keyring (GNOME Keyring or KWallet) is available, so the station key cannot be protected. Install or unlock a keyring and start again.',
    );
  }
}

export class SafeStorageSecretStore implements SecretStore {
  private constructor(private readonly dir: string) {}

  /** Opens the store, or throws InsecureKeychainError when the OS cannot protect the key. */
  static async open(dir: string): Promise<SafeStorageSecretStore> {
    await checkBackend();
    return new SafeStorageSecretStore(dir);
  }

  private path(name: string): string {
    if (!/^[a-z0-9-]{1,64}$/.test(name)) throw new Error(`Invalid key name: ${name}`);
    return join(this.dir, `${name}.key.enc`);
  }

  async getKey(name: string): Promise<Buffer | null> {
    let blob: Buffer;
    try {
      blob = readFileSync(this.path(name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(blob);
    const key = Buffer.from(result, 'hex');
    if (key.length !== KEY_BYTES) throw new Error(`The protected key "${name}" is damaged.`);
    // The OS rotated its key: store ours again under the new one.
    if (shouldReEncrypt) writeFileDurably(this.path(name), await safeStorage.encryptStringAsync(result));
    return key;
  }

  async getOrCreateKey(name: string): Promise<Buffer> {
    const existing = await this.getKey(name);
    if (existing) return existing;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const key = randomBytes(KEY_BYTES);
    writeFileDurably(this.path(name), await safeStorage.encryptStringAsync(key.toString('hex')));
    return key;
  }
}
