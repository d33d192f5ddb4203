/** Liveness (the process answers) and readiness (the database answers and the schema is current). */
import { z } from 'zod';
import type { RegistryContext } from '../context';
import { pendingMigrations } from '../db/migrations/runner';
import type { ZodApp } from './types';

export function registerHealthRoutes(app: ZodApp, ctx: RegistryContext): void {
  app.get(
    '/healthz',
    { schema: { hide: true, response: { 200: z.object({ status: z.literal('ok') }) } } },
    () => ({
      status: 'ok' as const,
    }),
  );

  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await ctx.db.query('SELECT 1');
      const pending = await pendingMigrations(ctx.db);
      if (pending.length > 0) {
        return await reply
          .code(503)
          .send({ status: 'not_ready', reason: `${pending.length} migration(s) pending` });
      }
      return { status: 'ready', database: ctx.db.kind };
    } catch (error) {
      return reply.code(503).send({ status: 'not_ready', reason: (error as Error).name });
    }
  });
}
