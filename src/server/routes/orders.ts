/** /api/v1/orders: create, read, update, transitions, clone. Mutations need an Idempotency-Key. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  cloneRequestSchema,
  createOrderRequestSchema,
  orderIdParamsSchema,
  orderRecordSchema,
  transitionRequestSchema,
  updateOrderRequestSchema,
} from '../../shared/api';
import type { RegistryContext } from '../context';
import { ApiError } from '../http/errors';
import type { StoredResponse } from '../orders/idempotency';
import type { ZodApp } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function idempotencyKey(request: FastifyRequest): string {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !UUID.test(key)) {
    throw new ApiError(
      400,
      'IDEMPOTENCY_KEY_REQUIRED',
      'Send the change id as an Idempotency-Key header (a UUID).',
      'idempotency-key',
    );
  }
  return key.toLowerCase();
}

export function sendStored(reply: FastifyReply, stored: StoredResponse): FastifyReply {
  if (stored.replayed) void reply.header('idempotent-replayed', 'true');
  return reply.code(stored.statusCode).send(stored.body);
}

const record = { 200: orderRecordSchema, 201: orderRecordSchema };

export function registerOrderRoutes(app: ZodApp, ctx: RegistryContext): void {
  const mutation = async (request: FastifyRequest) => ({
    principal: await ctx.principal(request),
    idempotencyKey: idempotencyKey(request),
    requestId: request.id,
  });

  app.post(
    '/api/v1/orders',
    {
      schema: {
        tags: ['orders'],
        summary: 'Create an order from a station draft',
        body: createOrderRequestSchema,
        response: record,
      },
    },
    async (request, reply) =>
      sendStored(reply, await ctx.orders.create(await mutation(request), request.body)),
  );

  app.get(
    '/api/v1/orders/:id',
    {
      schema: {
        tags: ['orders'],
        summary: 'Read an order (audited)',
        params: orderIdParamsSchema,
        response: { 200: orderRecordSchema },
      },
    },
    async (request) => ctx.orders.get(await ctx.principal(request), request.params.id, request.id),
  );

  app.put(
    '/api/v1/orders/:id',
    {
      schema: {
        tags: ['orders'],
        summary: 'Replace the data of a draft or queued order (optimistic concurrency)',
        params: orderIdParamsSchema,
        body: updateOrderRequestSchema,
        response: record,
      },
    },
    async (request, reply) =>
      sendStored(reply, await ctx.orders.update(await mutation(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/orders/:id/transitions',
    {
      schema: {
        tags: ['orders'],
        summary: 'Run a lifecycle transition (with CARPOS pre-flight validation)',
        params: orderIdParamsSchema,
        body: transitionRequestSchema,
        response: record,
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await ctx.orders.transition(await mutation(request), request.params.id, request.body),
      ),
  );

  app.post(
    '/api/v1/orders/:id/clone',
    {
      schema: {
        tags: ['orders'],
        summary: 'Clone into a new draft',
        params: orderIdParamsSchema,
        body: cloneRequestSchema,
        response: record,
      },
    },
    async (request, reply) =>
      sendStored(reply, await ctx.orders.clone(await mutation(request), request.params.id, request.body)),
  );
}
