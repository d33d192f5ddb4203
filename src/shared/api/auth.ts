/** Sign-in, token refresh and sign-out: the bodies the station sends and the answers it gets. */
import { z } from 'zod';
import { oriSchema } from '../order/primitives';

/** Registry roles. CLETS certification is a per-user date, not a role. */
export const ROLES = [
  'query_only',
  'court_clerk',
  'supervisor',
  'local_admin',
  'sheriff_operator',
  'state_admin',
] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export const usernameSchema = z
  .string()
  .trim()
  .min(1, { error: 'Enter your user name.' })
  .max(64, { error: 'A user name has at most 64 characters.' })
  .regex(/^[A-Za-z0-9._@-]+$/, { error: 'A user name uses letters, digits and . _ @ - only.' });

export const signInRequestSchema = z.strictObject({
  username: usernameSchema,
  password: z
    .string()
    .min(1, { error: 'Enter your password.' })
    .max(256, { error: 'A password has at most 256 characters.' }),
  totp: z.string().regex(/^\d{6}$/, { error: 'Enter the 6-digit code from your authenticator app.' }),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const sessionUserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  orgId: z.uuid(),
  orgOri: oriSchema,
  county: z.string(),
  /** ISO date until which the user is CLETS-certified; null when never certified. */
  cletsCertifiedUntil: z.string().nullable(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const tokenResponseSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Lifetime of the access token in seconds. */
  expiresIn: z.int(),
  user: sessionUserSchema,
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

const refreshTokenSchema = z
  .string()
  .min(20)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, {
    error: 'Not a refresh token.',
  });

export const refreshRequestSchema = z.strictObject({ refreshToken: refreshTokenSchema });
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

/** Sign-out revokes the session of the bearer token; the body is optional. */
export const signOutRequestSchema = z.strictObject({ refreshToken: refreshTokenSchema.optional() });

export const bannerResponseSchema = z.object({ text: z.string() });
