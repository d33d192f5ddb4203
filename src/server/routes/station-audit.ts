/** POST /api/v1/audit/station-events: a station's own audit trail, recorded under the sender. */
import { stationAuditRequestSchema, stationAuditResponseSchema } from '../../shared/api';
import { recordStationEvents } from '../audit/station-events';
import type { RegistryContext } from '../context';
import type { ZodApp } from './types';

export function registerStationAuditRoutes(app: ZodApp, ctx: RegistryContext): void {
  app.post(
    '/api/v1/audit/station-events',
    {
      schema: {
        tags: ['audit'],
        summary: "Record a station's audit events (as the signed-in user; each event once)",
        body: stationAuditRequestSchema,
        response: { 200: stationAuditResponseSchema },
      },
    },
    async (request) => recordStationEvents(ctx.db, await ctx.principal(request), request.body),
  );
}
