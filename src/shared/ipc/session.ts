/**
 * Who is using the station. A user signs in online (password + TOTP against the registry); for a
 * limited time after that, the same user may unlock the station offline with the password alone to
 * keep working on local drafts and scanning (see ARCHITECTURE.md, "Station shell and hosts").
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

/** Offline unlock: the password of a user who signed in online on this station recently. */
export const unlockInputSchema = z.strictObject({
  username: signInRequestSchema.shape.username,
  password: signInRequestSchema.shape.password,
  bannerAcknowledged: z.literal(true, { error: 'Read and acknowledge the system-use notice first.' }),
});
export type UnlockInput = z.infer<typeof unlockInputSchema>;
