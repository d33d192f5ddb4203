/**
 * Who is using the station. A user signs in online (password + TOTP against the registry); for a
 * limited time after that, the same user may unlock the station offline with the password alone to
 * keep working on local drafts and scanning (see src/main/README.md, "Session"). A signed-in
 * session locks after the court's idle limit, by hand, and when the computer locks or sleeps.
 */
import { z } from 'zod';
import { signInRequestSchema } from '../api/auth';

export interface SessionUserDto {
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  readonly orgOri: string;
  readonly county: string;
  /** Certified on the day of sign-in (CLETS data may be shown in this session). */
  readonly cletsCertified: boolean;
}

/** Why the screen locked: idle past the court's limit, the Lock button, the computer locking or
 *  sleeping, the window hidden, or a second window or a reload (which never inherits a session). */
export const LOCK_REASONS = ['idle', 'manual', 'os', 'hidden', 'new-window'] as const;
export type LockReason = (typeof LOCK_REASONS)[number];

export interface SessionLockDto {
  readonly since: string;
  readonly reason: LockReason;
}

export type SessionDto =
  | { readonly state: 'signed-out'; readonly reason: string | null }
  | {
      readonly state: 'signed-in';
      /** online: the registry issued a token; offline: unlocked locally, registry functions unavailable. */
      readonly mode: 'online' | 'offline';
      readonly user: SessionUserDto;
      readonly signedInAt: string;
      /** Until when an offline unlock is allowed for this user (from the last online sign-in). */
      readonly offlineUnlockUntil: string | null;
      /** Set while the screen is locked: nothing but the lock screen is shown, every other call is refused. */
      readonly locked: SessionLockDto | null;
      /** Minutes without input before the screen locks (court policy, at most 30). */
      readonly lockAfterMinutes: number;
    };

export interface BannerDto {
  readonly text: string;
  /** registry: fetched now; cached: the text last fetched (the registry does not answer). */
  readonly source: 'registry' | 'cached' | 'built-in';
}

/** Sign-in needs the banner acknowledged: the CJIS system-use notification comes first. */
export const signInInputSchema = signInRequestSchema.extend({
  bannerAcknowledged: z.literal(true, { error: 'Read and acknowledge the system-use notice first.' }),
});
export type SignInInput = z.infer<typeof signInInputSchema>;

/** Unlocking a locked screen: the same user's password and code (the password alone only while the
 *  registry does not answer, within the offline period). */
export const reauthInputSchema = z.strictObject({
  password: signInRequestSchema.shape.password,
  totp: z
    .string()
    .regex(/^\d{6}$/, { error: 'Enter the 6-digit code from your authenticator app.' })
    .optional(),
});
export type ReauthInput = z.infer<typeof reauthInputSchema>;

/**
 * Signing in to the registry while the station session is open (after an offline unlock, or when the
 * registry ended its session): the signed-in user's password and code, so queued changes can go.
 */
export const registrySignInInputSchema = z.strictObject({
  password: signInRequestSchema.shape.password,
  totp: z.string().regex(/^\d{6}$/, { error: 'Enter the 6-digit code from your authenticator app.' }),
});
export type RegistrySignInInput = z.infer<typeof registrySignInInputSchema>;

/** Locks the screen by hand, or because the window was hidden or the computer locked. */
export const lockInputSchema = z.strictObject({ reason: z.enum(['manual', 'os', 'hidden']) });

/** Offline unlock: the password of a user who signed in online on this station recently. */
export const unlockInputSchema = z.strictObject({
  username: signInRequestSchema.shape.username,
  password: signInRequestSchema.shape.password,
  bannerAcknowledged: z.literal(true, { error: 'Read and acknowledge the system-use notice first.' }),
});
export type UnlockInput = z.infer<typeof unlockInputSchema>;
