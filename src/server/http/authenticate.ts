/** Bearer authentication for routes: `await principalOf(request)` or a 401. */
import type { FastifyRequest } from 'fastify';
import type { UserPrincipal } from '../auth/principal';
import type { AuthService } from '../auth/service';
import { ApiError } from './errors';
import { currentRequest } from './request-context';

export function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{10,2000})$/.exec(header ?? '');
  if (!match?.[1])
    throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in first (send Authorization: Bearer <token>).');
  return match[1];
}

export function principalResolver(auth: AuthService): (request: FastifyRequest) => Promise<UserPrincipal> {
  return async (request) => {
    const principal = await auth.authenticate(bearerToken(request));
    // Known from here on: a later refusal of this request is audited against this user.
    const context = currentRequest();
    if (context !== undefined) context.principal = principal;
    return principal;
  };
}
