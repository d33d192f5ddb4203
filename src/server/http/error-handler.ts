/**
 * Turns every failure into `{ code, message, field? }`: schema violations, malformed JSON,
 * oversize bodies, wrong media types, unknown routes, our ApiErrors, and (as a last resort)
 * internal errors, whose details go to the log by id only, never to the client.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { RefusalAuditor } from '../audit/refusals';
import { ApiError } from './errors';
import { storageFault, storageProblem } from './storage-errors';

const PART_NAMES: Record<string, string> = {
  body: 'The request body',
  querystring: 'The query',
  params: 'The address',
  headers: 'A header',
};

/** '/order/restrainedPerson/dob' → 'order.restrainedPerson.dob'. */
function fieldOf(instancePath: string): string | undefined {
  const field = instancePath.replace(/^\//, '').replace(/\//g, '.');
  return field === '' ? undefined : field;
}

/**
 * The stack's frames without its first line: the message of a driver's error can quote the value
 * that failed (`invalid input syntax for type uuid: "…"`), and logs never carry request values.
 */
export function stackFrames(stack: string | undefined): string[] {
  return (stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .map((line) => line.trim());
}

export function installErrorHandling(app: FastifyInstance, auditRefusal: RefusalAuditor): void {
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({
      code: 'NOT_FOUND',
      message: `There is no ${request.method} ${request.routeOptions.url ?? 'route'} here.`,
    });
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      try {
        const route = request.routeOptions.url ?? 'unmatched';
        await auditRefusal({ id: request.id, method: request.method, route }, error.statusCode, error.code);
      } catch (auditError) {
        // The refusal stands even when its record cannot be written; the failure is logged by kind.
        request.log.error({ errName: (auditError as Error).name }, 'could not audit a refusal');
      }
      return reply.code(error.statusCode).send(error.toBody());
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const part = PART_NAMES[error.validationContext ?? ''] ?? 'The request';
      const unknownKeys =
        first?.keyword === 'unrecognized_keys' ? (first.params as { keys?: string[] }).keys : undefined;
      const path = fieldOf(first?.instancePath ?? '');
      const field = unknownKeys?.[0] !== undefined ? [path, unknownKeys[0]].filter(Boolean).join('.') : path;
      const message = unknownKeys
        ? `${part} has a field this registry does not accept: ${unknownKeys.join(', ')}.`
        : `${part} is not valid${path ? ` at ${path}` : ''}: ${first?.message ?? 'invalid value'}`;
      return reply
        .code(400)
        .send(
          field === undefined
            ? { code: 'INVALID_REQUEST', message }
            : { code: 'INVALID_REQUEST', message, field },
        );
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.code(413).send({
          code: 'BODY_TOO_LARGE',
          message: 'The request body is larger than this registry accepts.',
        });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return reply
          .code(415)
          .send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send JSON (Content-Type: application/json).' });
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return reply
          .code(400)
          .send({ code: 'MALFORMED_JSON', message: 'The request body is not valid JSON.' });
      default:
        break;
    }
    if (error instanceof SyntaxError || error.statusCode === 400) {
      return reply.code(400).send({ code: 'MALFORMED_JSON', message: 'The request body is not valid JSON.' });
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .code(error.statusCode)
        .send({ code: 'INVALID_REQUEST', message: 'The request was not understood.' });
    }
    const fault = storageFault(error);
    if (fault !== null) {
      // The operators must act (free space, check the volume); the client only needs to retry later.
      request.log.error(
        { errName: error.name, errCode: error.code, frames: stackFrames(error.stack) },
        'registry storage refused a write',
      );
      const problem = storageProblem(fault, request.id);
      return reply.code(problem.status).send(problem.body);
    }
    // Log the error class, code and stack frames only: messages from drivers can quote the data.
    request.log.error(
      { errName: error.name, errCode: error.code, frames: stackFrames(error.stack) },
      'internal error',
    );
    return reply.code(500).send({
      code: 'INTERNAL_ERROR',
      message: `The registry failed to handle the request (reference ${request.id}).`,
    });
  });
}
