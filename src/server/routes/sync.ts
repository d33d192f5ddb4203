/** The change feed (/api/v1/changes) and the sheriff's work queue (/api/v1/queue). */
import { z } from 'zod';
import {
  changesQuerySchema,
  changesResponseSchema,
  claimResponseSchema,
  queueResponseSchema,
} from '../../shared/api';
import type { RegistryContext } from '../context';
import { readChanges } from '../queue/changes';
import type { ZodApp } from './types';

const queueParams = z.strictObject({ orderId: z.uuid() });

export function registerSyncRoutes(app: ZodApp, ctx: RegistryContext): void {
  app.get(
    '/api/v1/changes',
    {
      schema: {
        tags: ['sync'],
        summary: 'Changes since a cursor',
        querystring: changesQuerySchema,
        response: { 200: changesResponseSchema },
      },
    },
    async (request) =>
      readChanges(ctx.db, await ctx.principal(request), request.query.cursor, request.query.limit ?? 200),
  );

  app.get(
    '/api/v1/queue',
    {
      schema: {
        tags: ['queue'],
        summary: "The county's orders awaiting CARPOS data",
        response: { 200: queueResponseSchema },
      },
    },
    async (request) => ({ items: await ctx.queue.list(await ctx.principal(request), request.id) }),
  );

  app.post(
    '/api/v1/queue/:orderId/claim',
    {
      schema: {
        tags: ['queue'],
        summary: 'Claim an order to complete it',
        params: queueParams,
        response: { 200: claimResponseSchema },
      },
    },
    async (request) => {
      const p = await ctx.principal(request);
      const { expiresAt } = await ctx.queue.claim(p, request.params.orderId, request.id);
      return { orderId: request.params.orderId, claimedBy: p.userId, expiresAt };
    },
  );

  app.post(
    '/api/v1/queue/:orderId/release',
    { schema: { tags: ['queue'], summary: 'Give a claimed order back to the queue', params: queueParams } },
    async (request, reply) => {
      await ctx.queue.release(await ctx.principal(request), request.params.orderId, request.id);
      return reply.code(204).send();
    },
  );
}
