/**
 * Who is at the station, and whether the screen is locked (CJIS session lock, NIST AC-11).
 *
 * Online: password + TOTP go to the registry; the registry client keeps the tokens in memory only (a
 * restart means a new sign-in) and refreshes them. After each online sign-in a password verifier and
 * the user's profile go into the encrypted session vault.
 *
 * Lock: a signed-in session locks after the court's idle limit (`lockAfterMinutes`, at most 30), on
 * the Lock button, when the computer locks or sleeps, when the window is hidden, and when a second
 * window or a reload connects (a new window never inherits a session). Locked, every station call but
 * the session's own is refused (the guard asks `requireUser`), and the renderer shows nothing but the
 * lock screen. Unlocking needs the same user's password and code, checked by the registry; only while
 * the registry does not answer (never on a certificate error) does the password alone unlock, within
 * the offline period. Five failed unlocks sign the user out.
 *
 * Offline: while the registry really does not answer, a user who signed in online on this station in
 * the last `offlineUnlockHours` may unlock with the password alone, for local work (drafts,
 * scanning); the session ends when that period does. The TOTP secret never leaves the registry, so
 * offline is single-factor, hence the short window. Attempts are counted before the password is
 * checked, so a burst of wrong attempts locks after five; an unknown user gets the same answer, at
 * the same cost, as a wrong password.
 */
import { CodedError } from '../../shared/errors';
import { countOf } from '../../shared/util/count';
import type { SessionUser } from '../../shared/api';
import type {
  BannerDto,
  LockReason,
  ReauthInput,
  RegistrySignInInput,
  SessionDto,
  SessionUserDto,
  SignInInput,
  UnlockInput,
} from '../../shared/ipc/session';
import type { AuditEntry } from '../audit/local-audit';
import { UNREACHABLE_CODES, type RegistryAuthPort } from './ports';
import type { SessionVault, VaultData } from './session-vault';
import { checkVerifier, makeVerifier, spendVerifierTime } from './verifier';

export const OFFLINE_MAX_ATTEMPTS = 5;
export const OFFLINE_LOCK_MINUTES = 10;
/** Failed unlocks of a locked screen before the user is signed out (CJIS: at most 5). */
export const UNLOCK_MAX_ATTEMPTS = 5;
/** CJIS 5.5.5: a session locks after at most 30 minutes without input. */
export const MAX_LOCK_MINUTES = 30;

export class SessionError extends CodedError {}

export const BUILT_IN_BANNER =
  'This is a restricted California criminal justice information system for authorized use only. ' +
  'Use of this system is monitored, recorded and audited. Unauthorized use is prohibited and is ' +
  'subject to criminal and civil penalties. Use of this system indicates consent to monitoring and recording.';

const WRONG_CREDENTIALS = 'The user name or password is wrong.';
/** Offline, an expired period looks like an unknown user (its entry is gone): one answer for both. */
const OFFLINE_WRONG =
  'The user name or password is wrong, or the offline period after the last online sign-in here is over.';

export interface SessionManagerOptions {
  readonly registry: RegistryAuthPort;
  readonly vault: SessionVault;
  /** Hours an offline unlock is allowed after an online sign-in (read at each attempt: settings may change). */
  readonly offlineUnlockHours: () => number;
  /** Minutes without input before the screen locks (court policy; clamped to 1–30). */
  readonly lockAfterMinutes: () => number;
  /** The station's audit trail (sign-ins, locks, unlocks, failures). */
  readonly audit: (entry: AuditEntry) => void;
  readonly now?: () => Date;
}

type Listener = (session: SessionDto) => void;
type SignedIn = Extract<SessionDto, { state: 'signed-in' }>;

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

/** Registry answers that mean "these credentials are not right" (counted as a failed unlock). */
const CREDENTIAL_CODES: ReadonlySet<string> = new Set(['INVALID_CREDENTIALS', 'ACCOUNT_LOCKED']);

export class SessionManager {
  readonly #opts: SessionManagerOptions;
  readonly #now: () => Date;
  #session: SessionDto = { state: 'signed-out', reason: null };
  readonly #listeners = new Set<Listener>();
  #lastActivity = 0;
  #failedUnlocks = 0;
  /** The verifier of the last online sign-in, being computed; read the vault's entries after it. */
  #verifierWritten: Promise<void> = Promise.resolve();
  /** Offline attempts for names with no usable vault entry, counted like real ones (memory only). */
  readonly #unknownAttempts = new Map<string, { failed: number; lockedUntil: string | null }>();

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

  /** Resolves once the vault holds what the last online sign-in leaves (its password verifier). */
  async settled(): Promise<void> {
    await this.#verifierWritten;
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
    if (this.#session.state === 'signed-in') {
      throw new SessionError('ALREADY_SIGNED_IN', 'Someone is signed in on this station: sign out first.');
    }
    let signedIn: SessionUser;
    try {
      signedIn = await this.#opts.registry.signIn({
        username: input.username,
        password: input.password,
        totp: input.totp,
      });
    } catch (error) {
      this.#opts.audit({
        event: 'sign_in',
        outcome: 'failure',
        username: input.username,
        detail: codeOf(error),
      });
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
    this.#remember(user, input.password, now);
    this.#opts.audit({
      event: 'sign_in',
      outcome: 'success',
      username: user.username,
      detail: { mode: 'online' },
    });
    return this.#start(user, 'online', now, this.#offlineUntil(now.toISOString()));
  }

  /** Offline unlock from the sign-in screen: only while the registry really does not answer. */
  async unlock(input: UnlockInput): Promise<SessionDto> {
    if (this.#session.state === 'signed-in') {
      throw new SessionError('ALREADY_SIGNED_IN', 'Someone is signed in on this station: sign out first.');
    }
    await this.#requireRegistryUnreachable();
    await this.#verifierWritten;
    const now = this.#now();
    this.#purgeExpired(now);
    const key = input.username.toLowerCase();
    const refused = (message: string) => new SessionError('OFFLINE_UNLOCK_REFUSED', message);
    const entry = this.#opts.vault.read().entries[key];
    const until = entry ? this.#offlineUntil(entry.onlineSignInAt) : null;
    const usable = entry !== undefined && until !== null && until > now.toISOString();
    const verifier = usable ? entry.verifier : null;
    // Counted before the password is checked, in one synchronous step: a burst of parallel wrong
    // attempts cannot all pass the check before any of them is counted. A user unknown here (never
    // signed in, or past the period) is counted the same way in memory and gets the same answers,
    // after the same work: names cannot be probed.
    const attempt = usable ? this.#takeOfflineAttempt(key, now) : this.#takeUnknownAttempt(key, now);
    if (attempt.locked) {
      this.#opts.audit({
        event: 'offline_unlock',
        outcome: 'denied',
        username: key,
        detail: { code: 'LOCKED' },
      });
      throw refused(
        `Too many wrong passwords: offline unlock is locked until ${attempt.lockedUntil.slice(11, 16)} UTC.`,
      );
    }
    const right =
      verifier === null
        ? await spendVerifierTime(input.password)
        : await checkVerifier(input.password, verifier);
    if (!right || entry === undefined || until === null) {
      this.#opts.audit({
        event: 'offline_unlock',
        outcome: 'failure',
        username: key,
        detail: { code: 'WRONG_PASSWORD' },
      });
      const left = OFFLINE_MAX_ATTEMPTS - attempt.failedSoFar;
      throw new SessionError(
        'WRONG_PASSWORD',
        left <= 0
          ? `${OFFLINE_WRONG} Offline unlock is now locked for ${OFFLINE_LOCK_MINUTES} minutes.`
          : `${OFFLINE_WRONG} ${countOf(left, 'attempt')} left before offline unlock is locked.`,
        'password',
      );
    }
    this.#opts.vault.update((v) => {
      const current = v.entries[key];
      return current
        ? { ...v, entries: { ...v.entries, [key]: { ...current, failedAttempts: 0, lockedUntil: null } } }
        : v;
    });
    this.#unknownAttempts.delete(key);
    this.#opts.audit({ event: 'offline_unlock', outcome: 'success', username: key });
    return this.#start(entry.user, 'offline', now, until);
  }

  async signOut(reason: string | null = null): Promise<SessionDto> {
    const user = this.#session.state === 'signed-in' ? this.#session.user.username : null;
    // The client revokes the session on the registry when it can and forgets it here in any case.
    await this.#opts.registry.signOut().catch(() => undefined);
    if (user !== null)
      this.#opts.audit({ event: 'sign_out', outcome: 'success', username: user, detail: { reason } });
    this.#failedUnlocks = 0;
    return this.#set({ state: 'signed-out', reason });
  }

  /** Locks the screen now; a locked or signed-out session stays as it is. */
  lock(reason: LockReason): SessionDto {
    const s = this.#session;
    if (s.state !== 'signed-in' || s.locked !== null) return s;
    this.#opts.audit({ event: 'lock', outcome: 'success', username: s.user.username, detail: { reason } });
    return this.#set({ ...s, locked: { since: this.#now().toISOString(), reason } });
  }

  /** Input seen at the station: the idle clock starts again (a locked screen stays locked). */
  activity(): void {
    // After a sleep the first input can arrive before the idle check: it ends an idle period, it
    // does not cover it.
    this.#lockIfIdlePast();
    if (this.#session.state === 'signed-in' && this.#session.locked === null) {
      this.#lastActivity = this.#now().getTime();
    }
  }

  /**
   * Called on a timer (and by tests with a controlled clock): locks a session idle past the limit,
   * and ends an offline session whose period is over.
   */
  async checkIdle(): Promise<void> {
    const s = this.#session;
    if (s.state !== 'signed-in') return;
    const now = this.#now();
    if (this.#offlineExpired(s, now)) {
      await this.signOut('The offline period after your last online sign-in is over: sign in online.');
      return;
    }
    this.#lockIfIdlePast();
  }

  /**
   * Locks a session idle past the limit now. Checked on the timer and on every input and call,
   * because the timer does not run while the computer sleeps: on waking, whatever comes first
   * (input, an autosave, the timer) finds the screen locked.
   */
  #lockIfIdlePast(): void {
    const s = this.#session;
    if (s.state !== 'signed-in' || s.locked !== null) return;
    if (this.#now().getTime() - this.#lastActivity >= this.#lockAfterMs()) this.lock('idle');
  }

  /** Unlocks the locked screen with the signed-in user's password and code. */
  async reauthenticate(input: ReauthInput): Promise<SessionDto> {
    const s = this.#session;
    if (s.state !== 'signed-in') throw new SessionError('SIGNED_OUT', 'Sign in to use the station.');
    if (s.locked === null) return s;
    const username = s.user.username;
    // Counted before anything is checked (see unlock): five failures sign out, however they race.
    this.#failedUnlocks += 1;
    if (this.#failedUnlocks > UNLOCK_MAX_ATTEMPTS) throw await this.#tooManyUnlocks(username);
    let mode: SignedIn['mode'] = s.mode;
    let offline = false;
    if (input.totp === undefined) {
      offline = await this.#registryUnreachable();
      if (!offline) {
        this.#failedUnlocks -= 1;
        throw new SessionError(
          'CODE_REQUIRED',
          'Enter the 6-digit code from your authenticator app.',
          'totp',
        );
      }
    } else {
      try {
        const signedIn = await this.#opts.registry.signIn({
          username,
          password: input.password,
          totp: input.totp,
        });
        this.#remember(toUser(signedIn, this.#now().toISOString().slice(0, 10)), input.password, this.#now());
        mode = 'online';
      } catch (error) {
        const code = error instanceof CodedError ? error.code : 'ERROR';
        if (code === 'REGISTRY_CERTIFICATE') {
          this.#failedUnlocks -= 1;
          throw error;
        }
        if (!UNREACHABLE_CODES.has(code)) return this.#failedUnlock(username, error);
        offline = true;
      }
    }
    if (offline) {
      // The registry does not answer: the password alone, against the vault, within the offline period.
      await this.#verifierWritten;
      const entry = this.#opts.vault.read().entries[username.toLowerCase()];
      const until = entry ? this.#offlineUntil(entry.onlineSignInAt) : null;
      if (!entry || until === null || until <= this.#now().toISOString()) {
        this.#failedUnlocks -= 1;
        throw new SessionError(
          'REGISTRY_UNREACHABLE',
          'The registry does not answer and the offline period is over: the screen stays locked until the registry answers.',
        );
      }
      if (!(await checkVerifier(input.password, entry.verifier))) {
        return this.#failedUnlock(
          username,
          new SessionError('WRONG_PASSWORD', WRONG_CREDENTIALS, 'password'),
        );
      }
    }
    this.#failedUnlocks = 0;
    this.#lastActivity = this.#now().getTime();
    this.#opts.audit({ event: 'unlock', outcome: 'success', username, detail: { mode } });
    const current = this.#session;
    if (current.state !== 'signed-in') return current;
    return this.#set({ ...current, mode, locked: null });
  }

  /**
   * Signs the signed-in user in to the registry without leaving the station (after an offline
   * unlock, or when the registry ended the session): password and code, checked by the registry.
   * Queued changes then go under this user's own session. A wrong password or code changes nothing
   * here (the session stays as it was, nothing queued is touched); the registry counts the failure
   * toward its own lockout.
   */
  async signInToRegistry(input: RegistrySignInInput): Promise<SessionDto> {
    const user = this.requireUser();
    if (this.isOnline()) return this.#session;
    const username = user.username;
    let signedIn: SessionUser;
    try {
      signedIn = await this.#opts.registry.signIn({ username, password: input.password, totp: input.totp });
    } catch (error) {
      this.#opts.audit({ event: 'registry_sign_in', outcome: 'failure', username, detail: codeOf(error) });
      const code = error instanceof CodedError ? error.code : 'ERROR';
      if (UNREACHABLE_CODES.has(code)) {
        throw new SessionError(
          'REGISTRY_UNREACHABLE',
          'The registry does not answer yet. Your changes stay on this station and go when you sign in once it answers.',
        );
      }
      if (CREDENTIAL_CODES.has(code)) {
        throw new SessionError(
          code === 'ACCOUNT_LOCKED' ? 'ACCOUNT_LOCKED' : 'WRONG_PASSWORD',
          code === 'ACCOUNT_LOCKED'
            ? `The registry has locked your account for now: ${error instanceof Error ? error.message : ''} Your changes stay on this station.`
            : 'The password or the code is wrong. Nothing was lost: your changes stay on this station. Try again.',
          'password',
        );
      }
      throw error;
    }
    const now = this.#now();
    const fresh = toUser(signedIn, now.toISOString().slice(0, 10));
    this.#remember(fresh, input.password, now);
    this.#opts.audit({ event: 'registry_sign_in', outcome: 'success', username, detail: { mode: 'online' } });
    const current = this.#session;
    if (current.state !== 'signed-in') return current;
    return this.#set({
      ...current,
      mode: 'online',
      user: fresh,
      offlineUnlockUntil: this.#offlineUntil(now.toISOString()),
    });
  }

  /** True when registry functions can be used (an online session whose tokens the client still holds). */
  isOnline(): boolean {
    return (
      this.#session.state === 'signed-in' &&
      this.#session.mode === 'online' &&
      this.#opts.registry.session.current() !== null
    );
  }

  /** For handlers: the signed-in user of an unlocked session, or SIGNED_OUT / LOCKED. */
  requireUser(): SessionUserDto {
    this.#lockIfIdlePast();
    const s = this.#session;
    if (s.state !== 'signed-in' || this.#offlineExpired(s, this.#now())) {
      throw new SessionError('SIGNED_OUT', 'Sign in to use the station.');
    }
    if (s.locked !== null) {
      throw new SessionError('LOCKED', 'The station is locked: unlock it with your password and code.');
    }
    return s.user;
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

  #start(
    user: SessionUserDto,
    mode: SignedIn['mode'],
    now: Date,
    offlineUnlockUntil: string | null,
  ): SessionDto {
    this.#lastActivity = now.getTime();
    this.#failedUnlocks = 0;
    return this.#set({
      state: 'signed-in',
      mode,
      user,
      signedInAt: now.toISOString(),
      offlineUnlockUntil,
      locked: null,
      lockAfterMinutes: this.#lockAfterMs() / 60_000,
    });
  }

  /** Keeps the profile now and the verifier once computed (600,000 rounds: off the sign-in's path). */
  #remember(user: SessionUserDto, password: string, now: Date): void {
    const key = user.username.toLowerCase();
    const profile = { user: { ...user, roles: [...user.roles] }, onlineSignInAt: now.toISOString() };
    this.#verifierWritten = makeVerifier(password).then(
      (verifier) => {
        this.#opts.vault.update((v) => ({
          ...v,
          entries: { ...v.entries, [key]: { ...profile, verifier, failedAttempts: 0, lockedUntil: null } },
        }));
      },
      // No verifier means no offline unlock for this user until the next online sign-in: nothing lost.
      () => undefined,
    );
  }

  async #failedUnlock(username: string, error: unknown): Promise<never> {
    this.#opts.audit({ event: 'unlock_failed', outcome: 'failure', username, detail: codeOf(error) });
    if (this.#failedUnlocks >= UNLOCK_MAX_ATTEMPTS) throw await this.#tooManyUnlocks(username);
    const left = UNLOCK_MAX_ATTEMPTS - this.#failedUnlocks;
    const credentials = error instanceof CodedError && CREDENTIAL_CODES.has(error.code);
    if (credentials || (error instanceof CodedError && error.code === 'WRONG_PASSWORD')) {
      throw new SessionError(
        'WRONG_PASSWORD',
        `${WRONG_CREDENTIALS} ${countOf(left, 'attempt')} left before you are signed out.`,
        'password',
      );
    }
    throw error;
  }

  async #tooManyUnlocks(username: string): Promise<SessionError> {
    this.#opts.audit({
      event: 'unlock_failed',
      outcome: 'denied',
      username,
      detail: { code: 'TOO_MANY_ATTEMPTS' },
    });
    await this.signOut('Five failed attempts to unlock: you were signed out. Sign in again.');
    return new SessionError(
      'SIGNED_OUT',
      'Five failed attempts to unlock: you were signed out. Sign in again.',
    );
  }

  /** Offline unlock is for a registry that does not answer; one that answers wants a real sign-in. */
  async #requireRegistryUnreachable(): Promise<void> {
    try {
      await this.#opts.registry.banner();
    } catch (error) {
      if (error instanceof CodedError && error.code === 'REGISTRY_CERTIFICATE') throw error;
      if (error instanceof CodedError && UNREACHABLE_CODES.has(error.code)) return;
      throw error;
    }
    throw new SessionError(
      'REGISTRY_AVAILABLE',
      'The registry answers: sign in online with your password and the code from your authenticator app.',
    );
  }

  async #registryUnreachable(): Promise<boolean> {
    try {
      await this.#requireRegistryUnreachable();
      return true;
    } catch {
      return false;
    }
  }

  /** One offline attempt, counted now; locked when this is the sixth within the lock window. */
  #takeOfflineAttempt(
    key: string,
    now: Date,
  ): { locked: false; failedSoFar: number } | { locked: true; lockedUntil: string } {
    let result: { locked: false; failedSoFar: number } | { locked: true; lockedUntil: string } = {
      locked: false,
      failedSoFar: 0,
    };
    this.#opts.vault.update((v) => {
      const entry = v.entries[key];
      if (!entry) return v;
      if (entry.lockedUntil !== null && entry.lockedUntil > now.toISOString()) {
        result = { locked: true, lockedUntil: entry.lockedUntil };
        return v;
      }
      const failed = (entry.lockedUntil === null ? entry.failedAttempts : 0) + 1;
      const lockedUntil =
        failed >= OFFLINE_MAX_ATTEMPTS
          ? new Date(now.getTime() + OFFLINE_LOCK_MINUTES * 60_000).toISOString()
          : null;
      result = { locked: false, failedSoFar: failed };
      // The attempt counts as failed until the password proves right (then it is reset).
      return { ...v, entries: { ...v.entries, [key]: { ...entry, failedAttempts: failed, lockedUntil } } };
    });
    return result;
  }

  #takeUnknownAttempt(
    key: string,
    now: Date,
  ): { locked: false; failedSoFar: number } | { locked: true; lockedUntil: string } {
    const current = this.#unknownAttempts.get(key) ?? { failed: 0, lockedUntil: null };
    if (current.lockedUntil !== null && current.lockedUntil > now.toISOString()) {
      return { locked: true, lockedUntil: current.lockedUntil };
    }
    const failed = (current.lockedUntil === null ? current.failed : 0) + 1;
    const lockedUntil =
      failed >= OFFLINE_MAX_ATTEMPTS
        ? new Date(now.getTime() + OFFLINE_LOCK_MINUTES * 60_000).toISOString()
        : null;
    this.#unknownAttempts.set(key, { failed, lockedUntil });
    return { locked: false, failedSoFar: failed };
  }

  /** Vault entries whose offline period is over are removed: nothing kept longer than it is useful. */
  #purgeExpired(now: Date): void {
    this.#opts.vault.update((v): VaultData => {
      const kept = Object.entries(v.entries).filter(([, e]) => {
        const until = this.#offlineUntil(e.onlineSignInAt);
        return until !== null && until > now.toISOString();
      });
      return kept.length === Object.keys(v.entries).length ? v : { ...v, entries: Object.fromEntries(kept) };
    });
  }

  #offlineExpired(s: SignedIn, now: Date): boolean {
    return (
      s.mode === 'offline' && (s.offlineUnlockUntil === null || s.offlineUnlockUntil <= now.toISOString())
    );
  }

  #lockAfterMs(): number {
    const minutes = Math.min(Math.max(Math.round(this.#opts.lockAfterMinutes()), 1), MAX_LOCK_MINUTES);
    return minutes * 60_000;
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

function codeOf(error: unknown): { code: string } {
  return { code: error instanceof CodedError ? error.code : 'ERROR' };
}
