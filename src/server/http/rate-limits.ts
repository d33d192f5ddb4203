/**
 * Rate limits (@fastify/rate-limit, in-memory per process): every route per client address, and
 * sign-in per address and per user name. A refusal is 429 RATE_LIMITED with Retry-After. The
 * per-name limit counts names whether or not they exist, so it tells an attacker nothing, and caps
 * the PBKDF2 work one address or one name can cause (a flood of sign-ins cannot starve real ones).
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RegistryConfig } from '../config';
import type { ZodApp } from '../routes/types';
import { UPLOADS_PATH } from '../uploads/tus';
import { ApiError } from './errors';

export type PreHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

function tooMany(retryAfterSeconds: number): ApiError {
  return new ApiError(
    429,
    'RATE_LIMITED',
    `Too many requests: wait ${retryAfterSeconds} second(s) and try again.`,
    undefined,
    { retryAfterSeconds },
  );
}

/** Registers the per-address limit on every route registered after it; returns the sign-in limits. */
export async function installRateLimits(app: ZodApp, config: RegistryConfig): Promise<PreHandler> {
  const timeWindow = config.rateLimitWindowSeconds * 1000;
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerAddress,
    timeWindow,
    // Upload chunks are already authenticated and bound to their owner; a large image is many of them.
    allowList: (request) => request.url.startsWith(UPLOADS_PATH),
    errorResponseBuilder: (_request, context) => tooMany(Math.max(1, Math.ceil(context.ttl / 1000))),
  });
  const perAddress = app.createRateLimit({ max: config.signInLimitPerAddress, timeWindow });
  const perAccount = app.createRateLimit({
    max: config.signInLimitPerAccount,
    timeWindow,
    keyGenerator: (request) => {
      const body = request.body as { username?: unknown } | undefined;
      return `name:${typeof body?.username === 'string' ? body.username.toLowerCase() : ''}`;
    },
  });
  return async (request, reply) => {
    for (const check of [perAddress, perAccount]) {
      const limit = await check(request);
      if (!limit.isAllowed && limit.isExceeded) {
        const seconds = Math.max(1, limit.ttlInSeconds);
        void reply.header('retry-after', seconds);
        throw tooMany(seconds);
      }
    }
  };
}
