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
import { hashPassword, verifyPassword } from './password';
import type { UserPrincipal } from './principal';
import { digestToken, newRefreshToken, TokenSigner } from './tokens';
import { matchTotp } from './totp';
import { findUserByName, toPrincipal, toSessionUser, USER_COLUMNS, type UserRow } from './users';

const DUMMY_HASH = { hash: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', salt: 'AAAAAAAAAAAAAAAAAAAAAA==' };

export class AuthService {
  private readonly signer: TokenSigner;

  constructor(
    private readonly db: Db,
    private readonly config: RegistryConfig,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.signer = new TokenSigner(config.tokenSecret);
  }

  async signIn(body: SignInRequest, requestId: string): Promise<TokenResponse> {
    const user = await findUserByName(this.db, body.username);
    const actor = { userId: user?.id ?? null, username: body.username, orgId: user?.org_id ?? null };
    const audit = (eventType: 'sign_in_failed' | 'lockout', reason: string) =>
      writeAudit(this.db, { eventType, outcome: 'failure', actor, requestId, details: { reason } });

    if (user === null) {
      // Spend the same time as a real check so response timing does not reveal which names exist.
      await verifyPassword(body.password, { ...DUMMY_HASH, iterations: this.config.pbkdf2Iterations });
      await audit('sign_in_failed', 'unknown_user');
      throw invalidCredentials();
    }
    if (user.locked_until !== null && user.locked_until > this.now()) {
      await audit('sign_in_failed', 'locked');
      throw locked(user.locked_until, this.now());
    }
    if (user.disabled) {
      await audit('sign_in_failed', 'disabled');
      throw new ApiError(403, 'ACCOUNT_DISABLED', 'This account is disabled. Ask your administrator.');
    }
    const passwordOk = await verifyPassword(body.password, {
      hash: user.password_hash,
      salt: user.password_salt,
      iterations: user.password_iterations,
    });
    const step = passwordOk
      ? matchTotp(user.totp_secret, body.totp, this.now().getTime() / 1000, Number(user.totp_last_step))
      : null;
    if (!passwordOk || step === null) {
      await this.recordFailure(user, passwordOk ? 'bad_totp' : 'bad_password', requestId);
    }
    return this.completeSignIn(user, step ?? 0, body.password, requestId);
  }

  private async recordFailure(user: UserRow, reason: string, requestId: string): Promise<never> {
    const actor = { userId: user.id, username: user.username, orgId: user.org_id };
    const lockedUntil = await this.db.transaction(async (tx) => {
      const result = await tx.query<{ failed_attempts: number }>(
        'UPDATE users SET failed_attempts = failed_attempts + 1 WHERE id = $1 RETURNING failed_attempts',
        [user.id],
      );
      await writeAudit(tx, {
        eventType: 'sign_in_failed',
        outcome: 'failure',
        actor,
        requestId,
        details: { reason },
      });
      if ((result.rows[0]?.failed_attempts ?? 0) < this.config.lockoutThreshold) return null;
      const until = new Date(this.now().getTime() + this.config.lockoutMinutes * 60_000);
      await tx.query('UPDATE users SET failed_attempts = 0, locked_until = $2 WHERE id = $1', [
        user.id,
        until,
      ]);
      await writeAudit(tx, {
        eventType: 'lockout',
        outcome: 'success',
        actor,
        requestId,
        details: { until: until.toISOString(), threshold: this.config.lockoutThreshold },
      });
      return until;
    });
    if (lockedUntil !== null) throw locked(lockedUntil, this.now());
    throw invalidCredentials();
  }

  private async completeSignIn(
    user: UserRow,
    step: number,
    password: string,
    requestId: string,
  ): Promise<TokenResponse> {
    const rehash =
      user.password_iterations < this.config.pbkdf2Iterations
        ? await hashPassword(password, this.config.pbkdf2Iterations)
        : null;
    const sessionId = randomUUID();
    const refreshToken = newRefreshToken();
    await this.db.transaction(async (tx) => {
      const claimed = await tx.query(
        `UPDATE users SET failed_attempts = 0, locked_until = NULL, totp_last_step = $2 WHERE id = $1 AND totp_last_step < $2`,
        [user.id, step],
      );
      if (claimed.rowCount === 0) throw invalidCredentials(); // the same code raced another sign-in
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
        actor: { userId: user.id, username: user.username, orgId: user.org_id },
        requestId,
        objectType: 'session',
        objectId: sessionId,
      });
    });
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
