/** /api/v1/search and /api/v1/conflicts (both audited). */
import {
  conflictRequestSchema,
  conflictResponseSchema,
  searchQuerySchema,
  searchResultSchema,
} from '../../shared/api';
import type { RegistryContext } from '../context';
import type { ZodApp } from './types';

export function registerSearchRoutes(app: ZodApp, ctx: RegistryContext): void {
  app.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search orders by name (exact, prefix, fuzzy, phonetic), DOB, case number, FCN and filters',
        querystring: searchQuerySchema,
        response: { 200: searchResultSchema },
      },
    },
    async (request) => ctx.search.search(await ctx.principal(request), request.query, request.id),
  );

  app.post(
    '/api/v1/conflicts',
    {
      schema: {
        tags: ['search'],
        summary: 'Other live orders against the same restrained person, statewide',
        body: conflictRequestSchema,
        response: { 200: conflictResponseSchema },
      },
    },
    async (request) => ({
      conflicts: await ctx.search.conflicts(await ctx.principal(request), request.body, request.id),
    }),
  );
}
