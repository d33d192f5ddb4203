/** /api/v1/banner, /auth/sign-in, /auth/refresh, /auth/sign-out. */
import {
  bannerResponseSchema,
  problemSchema,
  refreshRequestSchema,
  signInRequestSchema,
  signOutRequestSchema,
  tokenResponseSchema,
} from '../../shared/api';
import type { RegistryContext } from '../context';
import type { PreHandler } from '../http/rate-limits';
import type { ZodApp } from './types';

export function registerAuthRoutes(app: ZodApp, ctx: RegistryContext, signInLimit: PreHandler): void {
  app.get(
    '/api/v1/banner',
    {
      schema: {
        tags: ['auth'],
        summary: 'The CJIS system-use notification to show before sign-in',
        response: { 200: bannerResponseSchema },
      },
    },
    () => ({ text: ctx.config.banner }),
  );

  app.post(
    '/api/v1/auth/sign-in',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with password and TOTP code',
        body: signInRequestSchema,
        response: { 200: tokenResponseSchema, 401: problemSchema, 423: problemSchema, 429: problemSchema },
      },
      preHandler: signInLimit,
    },
    (request) => ctx.auth.signIn(request.body, request.id),
  );

  app.post(
    '/api/v1/auth/refresh',
    {
      schema: {
        tags: ['auth'],
        summary: 'Rotate the refresh token',
        body: refreshRequestSchema,
        response: { 200: tokenResponseSchema },
      },
    },
    (request) => ctx.auth.refresh(request.body.refreshToken, request.id),
  );

  app.post(
    '/api/v1/auth/sign-out',
    { schema: { tags: ['auth'], summary: 'Revoke this session', body: signOutRequestSchema.nullish() } },
    async (request, reply) => {
      const p = await ctx.principal(request);
      await ctx.auth.signOut(p, request.id);
      return reply.code(204).send();
    },
  );
}
