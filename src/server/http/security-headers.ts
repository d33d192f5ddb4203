/**
 * Headers on every answer: nothing the registry sends (CJI in JSON, order images) may be cached,
 * sniffed into another type, framed, or read by a web page from another origin unless that origin is
 * configured (`corsOrigins`). The registry serves no HTML, so its content security policy allows
 * nothing at all.
 */
import type { FastifyInstance } from 'fastify';
import type { OutgoingHttpHeaders } from 'node:http';

export const SECURITY_HEADERS: Readonly<OutgoingHttpHeaders> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

/** The CORS answer for `origin`: allowed only when configured, never `*`. */
export function corsHeaders(origin: string | undefined, allowed: readonly string[]): OutgoingHttpHeaders {
  if (origin === undefined || !allowed.includes(origin)) return {};
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

export function installSecurityHeaders(app: FastifyInstance, corsOrigins: readonly string[]): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      if (value !== undefined) void reply.header(name, value);
    // Images set `private, no-store` themselves; everything else is at least `no-store`.
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    for (const [name, value] of Object.entries(corsHeaders(request.headers.origin, corsOrigins))) {
      if (value !== undefined) void reply.header(name, value);
    }
    done(null, payload);
  });
}
