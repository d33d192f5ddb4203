/**
 * One-time launch codes of the browser host. The address `npm start` opens (or prints) carries one;
 * `GET /launch?code=` exchanges it, once and within its lifetime, for the session cookie. Whoever
 * sees the address afterwards (browser history, a process list, a terminal's scrollback) holds a
 * spent code: useless. Only the codes' SHA-256 is kept, so looking one up compares digests, not the
 * secret itself, and a memory dump after use shows nothing that can be replayed.
 */
import { createHash, randomBytes } from 'node:crypto';

export type Redemption =
  { readonly ok: true } | { readonly ok: false; readonly reason: 'used' | 'expired' | 'unknown' };

interface Issued {
  readonly expiresAt: number;
  used: boolean;
}

export interface LaunchCodeOptions {
  /** How long a code may be exchanged after it is issued. */
  readonly ttlMs: number;
  /** The clock codes expire on (tests pass a controlled one). */
  readonly now: () => number;
}

const digest = (code: string): string => createHash('sha256').update(code).digest('hex');

export class LaunchCodes {
  readonly #issued = new Map<string, Issued>();
  readonly #options: LaunchCodeOptions;

  constructor(options: LaunchCodeOptions) {
    this.#options = options;
  }

  /** A new code: 32 random bytes, base64url. */
  issue(): string {
    this.#purge();
    const code = randomBytes(32).toString('base64url');
    this.#issued.set(digest(code), { expiresAt: this.#options.now() + this.#options.ttlMs, used: false });
    return code;
  }

  /** Spends `code` if it is valid; a used or expired code is refused with the reason (for the log). */
  redeem(code: string): Redemption {
    const entry = this.#issued.get(digest(code));
    let result: Redemption;
    if (entry === undefined) result = { ok: false, reason: 'unknown' };
    else if (entry.used) result = { ok: false, reason: 'used' };
    else if (this.#options.now() >= entry.expiresAt) result = { ok: false, reason: 'expired' };
    else {
      entry.used = true;
      result = { ok: true };
    }
    this.#purge();
    return result;
  }

  /** Forgets codes past their lifetime (after that a used or expired code reads as unknown). */
  #purge(): void {
    const now = this.#options.now();
    for (const [key, entry] of this.#issued) if (now >= entry.expiresAt) this.#issued.delete(key);
  }
}
