/**
 * Structured JSON logs (pino) that never carry names, dates of birth or addresses: requests are
 * logged by method, route template, status and ids only (no query string: a search's criteria are
 * personal data), bodies are never logged, and known personal fields are redacted should any
 * object reach a log call.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DestinationStream, LoggerOptions } from 'pino';
import { REDACT_PATHS } from '../../shared/log/redaction';

export { REDACT_PATHS };

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { service: 'ccpor-registry' },
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
    serializers: {
      req(req: FastifyRequest) {
        return {
          method: req.method,
          // The route template (/api/v1/orders/:id) rather than the URL: no query string, ever.
          route: req.routeOptions.url ?? 'unmatched',
          id: req.id,
          remoteAddress: req.ip,
        };
      },
      res(res: FastifyReply) {
        return { statusCode: res.statusCode };
      },
      // An error's message can quote the value that caused it: log its kind, never its text.
      err(err: Error & { code?: unknown }) {
        return { type: err.name, ...(typeof err.code === 'string' ? { code: err.code } : {}) };
      },
    },
  };
}

export interface LoggerSetup {
  readonly options: LoggerOptions;
  readonly stream?: DestinationStream;
}
