/**
 * Sign-in state of the station.
 *
 * Online: password + TOTP go to the registry; the registry client keeps the tokens in memory only (a
 * restart means a new sign-in) and refreshes them. After each online sign-in a password verifier and the user's profile go into the
 * encrypted session vault.
 * Offline: for `offlineUnlockHours` after that online sign-in, the same user may unlock the station
 * with the password alone (the TOTP secret never leaves the registry, so offline is single-factor:
 * hence the short window). An offline session works on local drafts and scanning; search, the
 * conflicting-orders check and sync need an online session. Five wrong offline passwords lock offline
 * unlock for that user for ten minutes (CJIS: ≤ 5 attempts, then locked).
 */
import { CodedError } from '../../shared/errors';
import type { SessionUser } from '../../shared/api';
import type {
  BannerDto,
  SessionDto,
  SessionUserDto,
  SignInInput,
  UnlockInput,
} from '../../shared/ipc/session';
import { UNREACHABLE_CODES, type RegistryAuthPort } from './ports';
import type { SessionVault } from './session-vault';
import { checkVerifier, makeVerifier } from './verifier';

export const OFFLINE_MAX_ATTEMPTS = 5;
export const OFFLINE_LOCK_MINUTES = 10;

export class SessionError extends CodedError {}

export const BUILT_IN_BANNER =
  'This is a restricted California criminal justice information system for authorized use only. ' +
  'Use of this system is monitored, recorded and audited. Unauthorized use is prohibited and is ' +
  'subject to criminal and civil penalties. Use of this system indicates consent to monitoring and recording.';

export interface SessionManagerOptions {
  readonly registry: RegistryAuthPort;
  readonly vault: SessionVault;
  /** Hours an offline unlock is allowed after an online sign-in (read at each attempt: settings may change). */
  readonly offlineUnlockHours: () => number;
  readonly now?: () => Date;
}

type Listener = (session: SessionDto) => void;

function toUser(u: SessionUser, today: string): SessionUserDto {
  return {
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    orgOri: u.orgOri,
    county: u.county,
    cletsCertified: u.cletsCertifiedUntil !== null && u.cletsCertifiedUntil >= today,
  };
}

export class SessionManager {
  readonly #opts: SessionManagerOptions;
  readonly #now: () => Date;
  #session: SessionDto = { state: 'signed-out', reason: null };
  readonly #listeners = new Set<Listener>();

  constructor(options: SessionManagerOptions) {
    this.#opts = options;
    this.#now = options.now ?? (() => new Date());
    // The registry ended the session (refresh refused, revoked): keep working locally, offline.
    options.registry.session.onChange((state) => {
      if (
        state.state === 'signed-out' &&
        this.#session.state === 'signed-in' &&
        this.#session.mode === 'online'
      ) {
        this.#set({ ...this.#session, mode: 'offline' });
      }
    });
  }

  current(): SessionDto {
    return this.#session;
  }

  onChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The system-use notice: the registry's text, else the last one it gave, else the built-in one. */
  async banner(): Promise<BannerDto> {
    try {
      const text = await this.#opts.registry.banner();
      this.#opts.vault.update((v) => ({ ...v, banner: text }));
      return { text, source: 'registry' };
    } catch {
      const cached = this.#opts.vault.read().banner;
      return cached === null
        ? { text: BUILT_IN_BANNER, source: 'built-in' }
        : { text: cached, source: 'cached' };
    }
  }

  async signIn(input: SignInInput): Promise<SessionDto> {
    let signedIn: SessionUser;
    try {
      signedIn = await this.#opts.registry.signIn({
        username: input.username,
        password: input.password,
        totp: input.totp,
      });
    } catch (error) {
      if (error instanceof CodedError && UNREACHABLE_CODES.has(error.code)) {
        const canUnlock = this.#offlineEntryUsable(input.username);
        throw new SessionError(
          'REGISTRY_UNREACHABLE',
          canUnlock
            ? 'The registry does not answer. You signed in on this station recently: unlock offline with your password to keep working on drafts and scanning.'
            : 'The registry does not answer, and there is no recent sign-in on this station to unlock offline. Check the network, or try again later.',
        );
      }
      throw error;
    }
    const now = this.#now();
    const user = toUser(signedIn, now.toISOString().slice(0, 10));
    const verifier = await makeVerifier(input.password);
    this.#opts.vault.update((v) => ({
      ...v,
      entries: {
        ...v.entries,
        [user.username.toLowerCase()]: {
          user: { ...user, roles: [...user.roles] },
          verifier,
          onlineSignInAt: now.toISOString(),
          failedAttempts: 0,
          lockedUntil: null,
        },
      },
    }));
    return this.#set({
      state: 'signed-in',
      mode: 'online',
      user,
      signedInAt: now.toISOString(),
      offlineUnlockUntil: this.#offlineUntil(now.toISOString()),
    });
  }

  async unlock(input: UnlockInput): Promise<SessionDto> {
    const key = input.username.toLowerCase();
    const entry = this.#opts.vault.read().entries[key];
    const now = this.#now();
    const refused = (message: string) => new SessionError('OFFLINE_UNLOCK_REFUSED', message);
    if (!entry) throw refused('This user has not signed in online on this station: sign in online first.');
    if (entry.lockedUntil !== null && entry.lockedUntil > now.toISOString()) {
      throw refused(
        `Too many wrong passwords: offline unlock is locked until ${entry.lockedUntil.slice(11, 16)} UTC.`,
      );
    }
    const until = this.#offlineUntil(entry.onlineSignInAt);
    if (until === null || until <= now.toISOString()) {
      throw refused('The offline period after your last online sign-in is over: sign in online.');
    }
    if (!(await checkVerifier(input.password, entry.verifier))) {
      const failed = entry.failedAttempts + 1;
      const lock = failed >= OFFLINE_MAX_ATTEMPTS;
      this.#opts.vault.update((v) => ({
        ...v,
        entries: {
          ...v.entries,
          [key]: {
            ...entry,
            failedAttempts: lock ? 0 : failed,
            lockedUntil: lock ? new Date(now.getTime() + OFFLINE_LOCK_MINUTES * 60_000).toISOString() : null,
          },
        },
      }));
      throw new SessionError(
        'WRONG_PASSWORD',
        lock
          ? `Wrong password. Offline unlock is now locked for ${OFFLINE_LOCK_MINUTES} minutes.`
          : `Wrong password. ${OFFLINE_MAX_ATTEMPTS - failed} attempt(s) left before offline unlock is locked.`,
        'password',
      );
    }
    this.#opts.vault.update((v) => ({
      ...v,
      entries: { ...v.entries, [key]: { ...entry, failedAttempts: 0, lockedUntil: null } },
    }));
    return this.#set({
      state: 'signed-in',
      mode: 'offline',
      user: entry.user,
      signedInAt: now.toISOString(),
      offlineUnlockUntil: until,
    });
  }

  async signOut(reason: string | null = null): Promise<SessionDto> {
    // The client revokes the session on the registry when it can and forgets it here in any case.
    await this.#opts.registry.signOut().catch(() => undefined);
    return this.#set({ state: 'signed-out', reason });
  }

  /** True when registry functions can be used (an online session whose tokens the client still holds). */
  isOnline(): boolean {
    return (
      this.#session.state === 'signed-in' &&
      this.#session.mode === 'online' &&
      this.#opts.registry.session.current() !== null
    );
  }

  /** For handlers: the signed-in user, or a SIGNED_OUT error. */
  requireUser(): SessionUserDto {
    if (this.#session.state !== 'signed-in') {
      throw new SessionError('SIGNED_OUT', 'Sign in to use the station.');
    }
    return this.#session.user;
  }

  /** For registry functions: an online session, or an error saying why there is none. */
  requireOnline(): SessionUserDto {
    const user = this.requireUser();
    if (!this.isOnline()) {
      throw new SessionError(
        'OFFLINE_SESSION',
        'This needs the registry, and the station is unlocked offline. Sign out and sign in online when the registry answers again.',
      );
    }
    return user;
  }

  #offlineUntil(onlineSignInAt: string): string | null {
    const hours = this.#opts.offlineUnlockHours();
    if (hours <= 0) return null;
    return new Date(Date.parse(onlineSignInAt) + hours * 3_600_000).toISOString();
  }

  #offlineEntryUsable(username: string): boolean {
    const entry = this.#opts.vault.read().entries[username.toLowerCase()];
    if (!entry) return false;
    const until = this.#offlineUntil(entry.onlineSignInAt);
    return until !== null && until > this.#now().toISOString();
  }

  #set(session: SessionDto): SessionDto {
    this.#session = session;
    for (const listener of this.#listeners) listener(session);
    return session;
  }
}
