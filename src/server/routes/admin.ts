/** User administration and the audit log (administrators only; both audited). */
import {
  adminUserSchema,
  auditQuerySchema,
  auditResponseSchema,
  updateCletsRequestSchema,
  updateRolesRequestSchema,
  userIdParamsSchema,
  usersResponseSchema,
} from '../../shared/api';
import { readAudit } from '../audit/read';
import type { RegistryContext } from '../context';
import type { ZodApp } from './types';

export function registerAdminRoutes(app: ZodApp, ctx: RegistryContext): void {
  app.get(
    '/api/v1/users',
    { schema: { tags: ['admin'], summary: 'Users you administer', response: { 200: usersResponseSchema } } },
    async (request) => ({ users: await ctx.users.list(await ctx.principal(request)) }),
  );

  app.put(
    '/api/v1/users/:id/roles',
    {
      schema: {
        tags: ['admin'],
        summary: "Replace a user's roles",
        params: userIdParamsSchema,
        body: updateRolesRequestSchema,
        response: { 200: adminUserSchema },
      },
    },
    async (request) =>
      ctx.users.setRoles(await ctx.principal(request), request.params.id, request.body.roles, request.id),
  );

  app.put(
    '/api/v1/users/:id/clets',
    {
      schema: {
        tags: ['admin'],
        summary: "Record a user's CLETS certification",
        params: userIdParamsSchema,
        body: updateCletsRequestSchema,
        response: { 200: adminUserSchema },
      },
    },
    async (request) =>
      ctx.users.setClets(
        await ctx.principal(request),
        request.params.id,
        request.body.certifiedUntil,
        request.id,
      ),
  );

  app.post(
    '/api/v1/users/:id/unlock',
    {
      schema: {
        tags: ['admin'],
        summary: 'Release a locked account',
        params: userIdParamsSchema,
        response: { 200: adminUserSchema },
      },
    },
    async (request) => ctx.users.unlock(await ctx.principal(request), request.params.id, request.id),
  );

  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['admin'],
        summary: 'Read the audit log (itself audited)',
        querystring: auditQuerySchema,
        response: { 200: auditResponseSchema },
      },
    },
    async (request) => ({
      entries: await readAudit(ctx.db, await ctx.principal(request), request.query, request.id),
    }),
  );
}
