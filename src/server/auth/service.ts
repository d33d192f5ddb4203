/**
 * Sign-in (password + TOTP), refresh-token rotation, sign-out and bearer authentication.
 * Lockout (CJIS AC-7): `lockoutThreshold` consecutive failures lock the account for `lockoutMinutes`,
 * counted and enforced here whatever the client does; every attempt is audited.
 */
import { randomUUID } from 'node:crypto';
import type { SignInRequest, TokenResponse } from '../../shared/api';
import type { RegistryConfig } from '../config';
import type { Db } from '../db/types';
import { ApiError } from '../http/errors';
import { writeAudit } from '../audit/log';
import { beginAttempt, finishSuccess, type Attempt, type LockoutPolicy } from './lockout';
import { hashPassword, verifyPassword } from './password';
import type { UserPrincipal } from './principal';
import { digestToken, newRefreshToken, TokenSigner } from './tokens';
import { matchTotp } from './totp';
import { UnknownNameLockout } from './unknown-names';
import { findUserByName, toPrincipal, toSessionUser, USER_COLUMNS, type UserRow } from './users';

const DUMMY_HASH = { hash: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', salt: 'AAAAAAAAAAAAAAAAAAAAAA==' };

export class AuthService {
  private readonly signer: TokenSigner;
  private readonly lockoutPolicy: LockoutPolicy;
  private readonly unknownNames: UnknownNameLockout;

  constructor(
    private readonly db: Db,
    private readonly config: RegistryConfig,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.signer = new TokenSigner(config.tokenSecret);
    this.lockoutPolicy = { threshold: config.lockoutThreshold, lockMs: config.lockoutMinutes * 60_000 };
    this.unknownNames = new UnknownNameLockout(this.lockoutPolicy);
  }

  async signIn(body: SignInRequest, requestId: string): Promise<TokenResponse> {
    const user = await findUserByName(this.db, body.username);
    const now = this.now();
    const actor = { userId: user?.id ?? null, username: body.username, orgId: user?.org_id ?? null };
    const audit = (
      eventType: 'sign_in_failed' | 'lockout',
      reason: string,
      extra: Record<string, unknown> = {},
    ) =>
      writeAudit(this.db, { eventType, outcome: 'failure', actor, requestId, details: { reason, ...extra } });

    // Every path below costs one PBKDF2 at the configured strength and ends in the same statuses
    // (401, then 423 after `lockoutThreshold` failures), so neither the status nor the time of an
    // answer tells whether a name exists or is locked.
    const attempt =
      user === null
        ? this.unknownNames.attempt(body.username, now)
        : await beginAttempt(this.db, user.id, now, this.lockoutPolicy);
    if (attempt === null) {
      await this.dummyCheck(body.password);
      await audit('sign_in_failed', 'locked');
      const until =
        user === null ? this.unknownNames.lockedUntil(body.username) : await this.lockedUntil(user.id);
      throw locked(until ?? now, now);
    }
    const passwordOk =
      user === null
        ? await this.dummyCheck(body.password)
        : await verifyPassword(body.password, {
            hash: user.password_hash,
            salt: user.password_salt,
            iterations: user.password_iterations,
          });
    const step =
      user !== null && passwordOk
        ? matchTotp(user.totp_secret, body.totp, now.getTime() / 1000, Number(user.totp_last_step))
        : null;
    if (user === null || step === null) {
      const reason = user === null ? 'unknown_user' : passwordOk ? 'bad_totp' : 'bad_password';
      await audit('sign_in_failed', reason, { attempt: attempt.count });
      if (attempt.tookLock === null) throw invalidCredentials();
      await audit('lockout', reason, {
        until: attempt.tookLock.toISOString(),
        threshold: this.config.lockoutThreshold,
      });
      throw locked(attempt.tookLock, now);
    }
    if (user.disabled) {
      // Said only to someone who knows the password: the account's state is not for guessers.
      await audit('sign_in_failed', 'disabled');
      throw new ApiError(403, 'ACCOUNT_DISABLED', 'This account is disabled. Ask your administrator.');
    }
    return this.completeSignIn(user, step, attempt, body.password, requestId);
  }

  /** A PBKDF2 of the same strength as a real check, whose answer is always "wrong". */
  private async dummyCheck(password: string): Promise<false> {
    await verifyPassword(password, { ...DUMMY_HASH, iterations: this.config.pbkdf2Iterations });
    return false;
  }

  private async lockedUntil(userId: string): Promise<Date | null> {
    const found = await this.db.query<{ locked_until: Date | null }>(
      'SELECT locked_until FROM users WHERE id = $1',
      [userId],
    );
    return found.rows[0]?.locked_until ?? null;
  }

  private async completeSignIn(
    user: UserRow,
    step: number,
    attempt: Attempt,
    password: string,
    requestId: string,
  ): Promise<TokenResponse> {
    const rehash =
      user.password_iterations < this.config.pbkdf2Iterations
        ? await hashPassword(password, this.config.pbkdf2Iterations)
        : null;
    const sessionId = randomUUID();
    const refreshToken = newRefreshToken();
    const actor = { userId: user.id, username: user.username, orgId: user.org_id };
    const outcome = await this.db.transaction(async (tx) => {
      const finished = await finishSuccess(tx, user.id, attempt, step, this.now());
      if (finished !== 'ok') return finished;
      if (rehash) {
        await tx.query(
          'UPDATE users SET password_hash = $2, password_salt = $3, password_iterations = $4 WHERE id = $1',
          [user.id, rehash.hash, rehash.salt, rehash.iterations],
        );
      }
      await tx.query(
        `INSERT INTO sessions (id, user_id, refresh_token_hash, refresh_expires_at) VALUES ($1, $2, $3, $4)`,
        [sessionId, user.id, digestToken(refreshToken), this.refreshExpiry()],
      );
      await writeAudit(tx, {
        eventType: 'sign_in',
        outcome: 'success',
        actor,
        requestId,
        objectType: 'session',
        objectId: sessionId,
      });
      return finished;
    });
    if (outcome === 'locked') {
      // Another attempt locked the account while this one was checked: the lock stands.
      await writeAudit(this.db, {
        eventType: 'sign_in_failed',
        outcome: 'failure',
        actor,
        requestId,
        details: { reason: 'locked_concurrently' },
      });
      throw locked((await this.lockedUntil(user.id)) ?? this.now(), this.now());
    }
    if (outcome === 'replayed') throw invalidCredentials(); // the same code raced another sign-in
    return this.tokens(toPrincipal(user, sessionId), refreshToken);
  }

  /** Rotates the refresh token; a token used twice revokes its session (it was stolen or replayed). */
  async refresh(refreshToken: string, requestId: string): Promise<TokenResponse> {
    const digest = digestToken(refreshToken);
    const next = newRefreshToken();
    const principal = await this.db.transaction(async (tx) => {
      const found = await tx.query<UserRow & { session_id: string }>(
        `SELECT ${USER_COLUMNS}, s.id AS session_id FROM sessions s
           JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.org_id
          WHERE s.refresh_token_hash = $1 AND s.revoked_at IS NULL AND s.refresh_expires_at > $2
            AND NOT u.disabled AND (u.locked_until IS NULL OR u.locked_until <= $2)
          FOR UPDATE OF s`,
        [digest, this.now()],
      );
      const row = found.rows[0];
      if (!row) return null;
      await tx.query(
        `UPDATE sessions SET refresh_token_hash = $2, previous_refresh_hash = $5, refresh_expires_at = $3, last_used_at = $4
          WHERE id = $1`,
        [row.session_id, digestToken(next), this.refreshExpiry(), this.now(), digest],
      );
      const p = toPrincipal(row, row.session_id);
      await writeAudit(tx, { eventType: 'token_refresh', outcome: 'success', principal: p, requestId });
      return p;
    });
    if (principal === null) {
      const reused = await this.db.query<{ id: string; user_id: string }>(
        `UPDATE sessions SET revoked_at = $2 WHERE previous_refresh_hash = $1 AND revoked_at IS NULL RETURNING id, user_id`,
        [digest, this.now()],
      );
      const session = reused.rows[0];
      await writeAudit(this.db, {
        eventType: 'token_refresh',
        outcome: 'failure',
        requestId,
        actor: { userId: session?.user_id ?? null, username: null, orgId: null },
        ...(session ? { objectType: 'session', objectId: session.id } : {}),
        details: { reason: session ? 'reused_token_session_revoked' : 'invalid_or_revoked' },
      });
      throw new ApiError(401, 'INVALID_REFRESH_TOKEN', 'Your session has ended. Sign in again.');
    }
    return this.tokens(principal, next);
  }

  async signOut(p: UserPrincipal, requestId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [
        p.sessionId,
        this.now(),
      ]);
      await writeAudit(tx, {
        eventType: 'sign_out',
        outcome: 'success',
        principal: p,
        requestId,
        objectType: 'session',
        objectId: p.sessionId,
      });
    });
  }

  /** The principal of a bearer token, or an ApiError 401. Roles are read fresh every time. */
  async authenticate(token: string): Promise<UserPrincipal> {
    const claims = this.signer.verify(token);
    if (claims === null) throw unauthenticated();
    if (claims.exp * 1000 <= this.now().getTime()) {
      throw new ApiError(
        401,
        'TOKEN_EXPIRED',
        'Your session token has expired. Refresh it or sign in again.',
      );
    }
    const result = await this.db.query<UserRow>(
      `SELECT ${USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.org_id
        WHERE s.id = $1 AND u.id = $2 AND s.revoked_at IS NULL AND NOT u.disabled
          AND (u.locked_until IS NULL OR u.locked_until <= $3)`,
      [claims.sid, claims.uid, this.now()],
    );
    const row = result.rows[0];
    if (!row) throw unauthenticated();
    return toPrincipal(row, claims.sid);
  }

  private tokens(p: UserPrincipal, refreshToken: string): TokenResponse {
    const exp = Math.floor(this.now().getTime() / 1000) + this.config.accessTokenTtlSeconds;
    return {
      accessToken: this.signer.sign({ sid: p.sessionId, uid: p.userId, exp }),
      refreshToken,
      expiresIn: this.config.accessTokenTtlSeconds,
      user: toSessionUser(p),
    };
  }

  private refreshExpiry(): Date {
    return new Date(this.now().getTime() + this.config.refreshTokenTtlSeconds * 1000);
  }
}

function invalidCredentials(): ApiError {
  return new ApiError(401, 'INVALID_CREDENTIALS', 'The user name, password or code is not right.');
}

function unauthenticated(): ApiError {
  return new ApiError(401, 'UNAUTHENTICATED', 'Sign in first.');
}

function locked(until: Date, now: Date): ApiError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new ApiError(
    423,
    'ACCOUNT_LOCKED',
    `Too many failed sign-ins: the account is locked for ${minutes} more minute(s), or until an administrator releases it.`,
  );
}
