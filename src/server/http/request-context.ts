/**
 * What the registry knows about the request being handled, wherever the code runs in it: its id,
 * the client's address, the station id the station sent, and the signed-in principal once known.
 * Carried by AsyncLocalStorage from the first hook, so every audit record of a request carries the
 * same context without each caller passing it along.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';
import { STATION_ID_HEADER, stationIdSchema } from '../../shared/api';
import type { UserPrincipal } from '../auth/principal';
import { ApiError } from './errors';

export interface RequestContext {
  readonly requestId: string;
  readonly clientAddress: string;
  readonly stationId: string | null;
  principal: UserPrincipal | null;
  /** A refusal of this request has been audited already (by the code that refused it). */
  refusalAudited: boolean;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const REQUEST_ID_HEADER = 'x-request-id';

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

export function installRequestContext(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    // The id the audit log and the logs know this request by, for a clerk to quote to support.
    void reply.header(REQUEST_ID_HEADER, request.id);
    const raw = request.headers[STATION_ID_HEADER];
    const parsed = raw === undefined ? null : stationIdSchema.safeParse(raw);
    const context: RequestContext = {
      requestId: request.id,
      clientAddress: request.ip,
      stationId: parsed?.success === true ? parsed.data : null,
      principal: null,
      refusalAudited: false,
    };
    storage.run(context, () => {
      if (parsed !== null && !parsed.success) {
        done(
          new ApiError(
            400,
            'INVALID_REQUEST',
            `The ${STATION_ID_HEADER} header is not a station id: ${parsed.error.issues[0]?.message ?? ''}`,
            STATION_ID_HEADER,
          ),
        );
        return;
      }
      done();
    });
  });
}
