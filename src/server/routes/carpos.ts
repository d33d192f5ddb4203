/** DOJ CARPOS responses of an order (/api/v1/orders/:id/doj-responses), for CLETS-certified users. */
import { dojResponsesSchema, orderIdParamsSchema } from '../../shared/api';
import { readDojResponses } from '../carpos/responses';
import type { RegistryContext } from '../context';
import type { ZodApp } from './types';

export function registerCarposRoutes(app: ZodApp, ctx: RegistryContext): void {
  app.get(
    '/api/v1/orders/:id/doj-responses',
    {
      schema: {
        tags: ['orders'],
        summary: "DOJ CARPOS responses to the order's transactions (CLETS data)",
        params: orderIdParamsSchema,
        response: { 200: dojResponsesSchema },
      },
    },
    async (request) =>
      readDojResponses(ctx.db, ctx.orders, await ctx.principal(request), request.params.id, request.id),
  );
}
