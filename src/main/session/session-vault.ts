/**
 * The session vault: what a signed-in user leaves on the station for offline unlock (the password
 * verifier, the profile, when they last signed in online, failed attempts) and the last system-use
 * banner, as one AES-256-GCM encrypted file written durably. Its key comes from the SecretStore
 * (the OS keychain on a workstation), never from beside the file.
 */
import type { StationLog } from '../log/station-log';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileDurably } from '../store/atomic-file';
import type { SecretStore } from '../store/secret-store';

export const VAULT_KEY_NAME = 'session-vault';
const FILE = 'session-vault.bin';
const MAGIC = Buffer.from('CCPSV1', 'latin1');

const entrySchema = z.object({
  user: z.object({
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.string()),
    orgOri: z.string(),
    county: z.string(),
    cletsCertified: z.boolean(),
  }),
  verifier: z.object({ salt: z.string(), hash: z.string(), iterations: z.int() }),
  onlineSignInAt: z.string(),
  failedAttempts: z.int(),
  lockedUntil: z.string().nullable(),
});
export type VaultEntry = z.infer<typeof entrySchema>;

const vaultSchema = z.object({
  entries: z.record(z.string(), entrySchema),
  banner: z.string().nullable(),
});
export type VaultData = z.infer<typeof vaultSchema>;

export class SessionVault {
  readonly #path: string;
  readonly #key: Buffer;

  readonly #log: StationLog;

  private constructor(path: string, key: Buffer, log: StationLog) {
    this.#path = path;
    this.#key = key;
    this.#log = log;
  }

  static async open(dataDir: string, secrets: SecretStore, log: StationLog): Promise<SessionVault> {
    return new SessionVault(join(dataDir, FILE), await secrets.getOrCreateKey(VAULT_KEY_NAME), log);
  }

  /** The vault's content; an empty vault when there is none yet, or when it cannot be read (then offline unlock is simply unavailable). */
  read(): VaultData {
    let file: Buffer;
    try {
      file = readFileSync(this.#path);
    } catch {
      return { entries: {}, banner: null };
    }
    try {
      const nonce = file.subarray(MAGIC.length, MAGIC.length + 12);
      const tag = file.subarray(file.length - 16);
      if (!file.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a vault');
      const decipher = createDecipheriv('aes-256-gcm', this.#key, nonce);
      decipher.setAuthTag(tag);
      const plain = Buffer.concat([
        decipher.update(file.subarray(MAGIC.length + 12, file.length - 16)),
        decipher.final(),
      ]);
      return vaultSchema.parse(JSON.parse(plain.toString('utf8')));
    } catch {
      this.#log.warn(
        { path: this.#path },
        'the session vault cannot be read; offline unlock is unavailable until the next online sign-in',
      );
      return { entries: {}, banner: null };
    }
  }

  write(data: VaultData): void {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonce);
    const body = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
    writeFileDurably(this.#path, Buffer.concat([MAGIC, nonce, body, cipher.getAuthTag()]));
  }

  update(change: (data: VaultData) => VaultData): VaultData {
    const next = change(this.read());
    this.write(next);
    return next;
  }
}
