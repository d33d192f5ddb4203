/**
 * Where the station's encryption key lives. The key never sits beside the data it protects:
 * on a workstation the Electron shell stores it with the OS keychain (safeStorage, in
 * src/main/electron); under plain Node (tests, the browser host) a key file outside the data folder.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const KEY_BYTES = 32;

export interface SecretStore {
  /** The key named `name`, created (random, 256 bits) on first use. */
  getOrCreateKey(name: string): Promise<Buffer>;
  /** The key if it exists; null otherwise (never creates one). */
  getKey(name: string): Promise<Buffer | null>;
}

function checkName(name: string): void {
  if (!/^[a-z0-9-]{1,64}$/.test(name)) throw new Error(`Invalid key name: ${name}`);
}

/** Keeps keys in memory only: for tests. */
export class MemorySecretStore implements SecretStore {
  private readonly keys = new Map<string, Buffer>();

  getKey(name: string): Promise<Buffer | null> {
    checkName(name);
    return Promise.resolve(this.keys.get(name) ?? null);
  }

  getOrCreateKey(name: string): Promise<Buffer> {
    checkName(name);
    let key = this.keys.get(name);
    if (!key) {
      key = randomBytes(KEY_BYTES);
      this.keys.set(name, key);
    }
    return Promise.resolve(key);
  }
}

/**
 * Keys as files readable by the current user only (mode 0600), in a folder of their own.
 * For the browser host and development; a workstation uses the safeStorage store.
 */
export class FileSecretStore implements SecretStore {
  constructor(private readonly dir: string) {}

  private path(name: string): string {
    checkName(name);
    return join(this.dir, `${name}.key`);
  }

  getKey(name: string): Promise<Buffer | null> {
    try {
      const hex = readFileSync(this.path(name), 'utf8').trim();
      if (!/^[0-9a-f]{64}$/.test(hex)) {
        return Promise.reject(new Error(`The key file for "${name}" in ${this.dir} is damaged.`));
      }
      return Promise.resolve(Buffer.from(hex, 'hex'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Promise.resolve(null);
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async getOrCreateKey(name: string): Promise<Buffer> {
    const existing = await this.getKey(name);
    if (existing) return existing;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const key = randomBytes(KEY_BYTES);
    // 'wx': if another process created the key in between, use theirs rather than overwrite it.
    let fd: number;
    try {
      fd = openSync(this.path(name), 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        const theirs = await this.getKey(name);
        if (theirs) return theirs;
      }
      throw error;
    }
    try {
      writeSync(fd, `${key.toString('hex')}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(this.path(name), 0o600);
    return key;
  }
}
