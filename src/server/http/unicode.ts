/**
 * Strings must be well-formed Unicode before they go anywhere near the database: a lone UTF-16
 * surrogate survives JSON.parse, but PostgreSQL refuses it deep inside a statement (a 500 where the
 * client deserved a 400 naming the field). Checked once for every body, query and path parameter.
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from './errors';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The dotted path of the first string (or key) in `value` that is not well-formed, or null. */
export function illFormedAt(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = illFormedAt(item, path === '' ? String(i) : `${path}.${i}`);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const here = path === '' ? key : `${path}.${key}`;
      // A malformed key is named by where it sits, not by itself (it cannot be printed faithfully).
      if (LONE_SURROGATE.test(key)) return path === '' ? '(a field name)' : `${path}.(a field name)`;
      const found = illFormedAt(item, here);
      if (found !== null) return found;
    }
  }
  return null;
}

export function installUnicodeCheck(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    for (const part of [request.params, request.query, request.body]) {
      const field = illFormedAt(part);
      if (field !== null) {
        done(
          new ApiError(
            400,
            'INVALID_REQUEST',
            `The text at ${field} is not valid Unicode (it holds a broken character): correct it and send again.`,
            field,
          ),
        );
        return;
      }
    }
    done();
  });
}
