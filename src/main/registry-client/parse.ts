/** Reading the registry's answers: the promised shape for 2xx, the problem body otherwise. */
import type { z } from 'zod';
import { problemSchema } from '../../shared/api';
import { RegistryError } from './errors';
import type { HttpResponse } from './http';

function json(response: HttpResponse): unknown {
  if (response.body.length === 0) return undefined;
  try {
    return JSON.parse(response.body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The error a non-2xx answer stands for. */
export function errorOfAnswer(response: HttpResponse): RegistryError {
  const body = json(response);
  const problem = problemSchema.safeParse(body);
  if (problem.success) {
    return new RegistryError(problem.data.code as RegistryError['code'], problem.data.message, {
      status: response.status,
      body,
      ...(problem.data.field === undefined ? {} : { field: problem.data.field }),
    });
  }
  return new RegistryError(
    'HTTP_ERROR',
    response.status >= 500
      ? `The registry (or a proxy in front of it) failed with HTTP ${response.status}. The station will try again.`
      : `The registry refused the request with HTTP ${response.status}.`,
    { status: response.status, body },
  );
}

/** The body of a 2xx answer, checked against `schema`; any other status becomes its problem. */
export function parseAnswer<S extends z.ZodType>(schema: S, response: HttpResponse): z.infer<S> {
  if (response.status < 200 || response.status >= 300) throw errorOfAnswer(response);
  const parsed = schema.safeParse(json(response));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RegistryError(
      'BAD_RESPONSE',
      `The registry's answer was not in the expected form${issue ? ` (${issue.path.join('.') || 'body'}: ${issue.message})` : ''}.`,
      { status: response.status },
    );
  }
  return parsed.data;
}

/** Validates input before anything is sent: bad input changes nothing and names the field. */
export function checkInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.');
    throw new RegistryError('INVALID_INPUT', issue?.message ?? 'The request is not valid.', {
      ...(field ? { field } : {}),
    });
  }
  return parsed.data;
}
