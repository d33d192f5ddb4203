/**
 * Account lockout (CJIS AC-7) that holds under parallel attempts. Each attempt is counted *before*
 * its password is checked, by one UPDATE that decides and records it: an account already locked is
 * refused without a check, and the attempt that reaches the threshold takes the lock there and then.
 * So however many attempts arrive at once, at most `threshold` passwords are checked per lock.
 *
 * A success resets the count only if no lock was taken meanwhile by another attempt: the lock an
 * attempt took itself (it was the last one allowed, and right) is the only one it may release.
 * Attempts that arrive after the account is locked are refused as 'locked' without a check.
 */
import type { Queryable } from '../db/types';

export interface LockoutPolicy {
  readonly threshold: number;
  readonly lockMs: number;
}

/** An admitted attempt: its place in the count and the lock it took (when it was the last allowed). */
export interface Attempt {
  readonly count: number;
  readonly tookLock: Date | null;
}

/**
 * Counts an attempt for `userId`. Null when the account is locked (nothing is counted then). An
 * expired lock starts a fresh count.
 */
export async function beginAttempt(
  db: Queryable,
  userId: string,
  now: Date,
  policy: LockoutPolicy,
): Promise<Attempt | null> {
  const lockUntil = new Date(now.getTime() + policy.lockMs);
  const result = await db.query<{ failed_attempts: number; locked_until: Date | null }>(
    `UPDATE users SET
        failed_attempts = CASE WHEN locked_until IS NULL THEN failed_attempts + 1 ELSE 1 END,
        locked_until = CASE WHEN (CASE WHEN locked_until IS NULL THEN failed_attempts + 1 ELSE 1 END) >= $3
                            THEN $4::timestamptz END
      WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2)
      RETURNING failed_attempts, locked_until`,
    [userId, now, policy.threshold, lockUntil],
  );
  const row = result.rows[0];
  if (!row) return null;
  return { count: row.failed_attempts, tookLock: row.locked_until };
}

/**
 * Records a successful check inside the sign-in transaction: resets the count and accepts the TOTP
 * step. 'locked' when another attempt locked the account meanwhile (the lock stands), 'replayed'
 * when the same TOTP step was used by a concurrent sign-in.
 */
export async function finishSuccess(
  tx: Queryable,
  userId: string,
  attempt: Attempt,
  totpStep: number,
  now: Date,
): Promise<'ok' | 'locked' | 'replayed'> {
  const current = await tx.query<{
    failed_attempts: number;
    locked_until: Date | null;
    totp_last_step: string;
  }>('SELECT failed_attempts, locked_until, totp_last_step FROM users WHERE id = $1 FOR UPDATE', [userId]);
  const row = current.rows[0];
  if (!row) return 'locked';
  const lockedNow = row.locked_until !== null && row.locked_until > now;
  const ownLock =
    attempt.tookLock !== null &&
    row.locked_until?.getTime() === attempt.tookLock.getTime() &&
    row.failed_attempts === attempt.count;
  if (lockedNow && !ownLock) return 'locked';
  if (Number(row.totp_last_step) >= totpStep) return 'replayed';
  // Attempts counted after this one stay counted (in serial order they come after the success).
  await tx.query(
    `UPDATE users SET failed_attempts = GREATEST(0, failed_attempts - $3), locked_until = NULL, totp_last_step = $2
      WHERE id = $1`,
    [userId, totpStep, attempt.count],
  );
  return 'ok';
}
