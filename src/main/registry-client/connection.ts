/**
 * The registry connection: the checked address, the transport, the session, and the calls that
 * need no order schema — health, banner, sign-in, refresh, sign-out — plus `authed()`, which sends
 * with the access token, renews it shortly before it expires, and on a 401 refreshes once and retries
 * once; when the refresh is refused the session is cleared (signed out) and the call fails with
 * SIGNED_OUT. The typed API on top is RegistryClient (registry-client.ts).
 */
import { z } from 'zod';
import {
  bannerResponseSchema,
  signInRequestSchema,
  tokenResponseSchema,
  type SessionUser,
  type SignInRequest,
  type TokenResponse,
} from '../../shared/api';
import { registryBaseUrl } from './base-url';
import { RegistryError } from './errors';
import { RegistryHttp, type HttpRequest, type HttpResponse } from './http';
import { checkInput, parseAnswer, errorOfAnswer } from './parse';
import { RegistrySession, type SessionPersistence } from './session';

export interface RegistryClientOptions {
  /** https://…, or http:// to loopback only. */
  readonly baseUrl: string;
  /** Inactivity timeout per request (default 10 s). */
  readonly timeoutMs?: number;
  /** Keep the session across restarts (default: memory only). */
  readonly sessionPersistence?: SessionPersistence;
  readonly now?: () => Date;
  /** The station's name, sent with every request for the registry's audit. */
  readonly stationId?: () => string;
}

const SESSION_ENDED = 'Your registry session has ended. Sign in again to continue.';
const healthSchema = z.object({ status: z.string() });

function signedOut(message = SESSION_ENDED): RegistryError {
  return new RegistryError('SIGNED_OUT', message, { status: 401 });
}

export class RegistryConnection {
  readonly http: RegistryHttp;
  readonly session: RegistrySession;
  private refreshing: Promise<void> | null = null;

  constructor(options: RegistryClientOptions) {
    this.http = new RegistryHttp({
      baseUrl: registryBaseUrl(options.baseUrl),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.stationId === undefined ? {} : { stationId: options.stationId }),
    });
    this.session = new RegistrySession(options.sessionPersistence ?? null, options.now);
  }

  // ---- unauthenticated ----------------------------------------------------------------------

  /** Liveness: true when the registry answers /healthz within `timeoutMs` (never throws). */
  async health(timeoutMs = 3_000, signal?: AbortSignal): Promise<boolean> {
    try {
      const response = await this.http.send({
        method: 'GET',
        path: '/healthz',
        timeoutMs,
        ...(signal ? { signal } : {}),
      });
      return (
        response.status === 200 && healthSchema.safeParse(JSON.parse(response.body.toString('utf8'))).success
      );
    } catch {
      return false;
    }
  }

  /** The CJIS system-use notification to show before sign-in. */
  async banner(): Promise<string> {
    const answer = parseAnswer(
      bannerResponseSchema,
      await this.http.send({ method: 'GET', path: '/api/v1/banner' }),
    );
    return answer.text;
  }

  /** Signs in (password + TOTP) and keeps the session. */
  async signIn(input: SignInRequest): Promise<SessionUser> {
    const body = checkInput(signInRequestSchema, input);
    const answer = parseAnswer(
      tokenResponseSchema,
      await this.http.send({ method: 'POST', path: '/api/v1/auth/sign-in', body }),
    );
    this.session.accept(answer);
    return answer.user;
  }

  /**
   * Rotates the refresh token. One refresh at a time: concurrent callers share it. A refused
   * refresh signs the station out; a network failure leaves the session as it is.
   */
  async refresh(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    const tokens = this.session.current();
    if (!tokens) throw signedOut();
    const response = await this.http.send({
      method: 'POST',
      path: '/api/v1/auth/refresh',
      body: { refreshToken: tokens.refreshToken },
    });
    if (response.status === 401 || response.status === 403 || response.status === 423) {
      const problem = errorOfAnswer(response);
      this.session.clear(problem.message);
      throw signedOut(problem.message);
    }
    this.session.accept(parseAnswer(tokenResponseSchema, response) satisfies TokenResponse);
  }

  /** Revokes the session on the registry (best effort) and forgets it here in any case. */
  async signOut(): Promise<void> {
    const tokens = this.session.current();
    this.session.clear(null);
    if (!tokens) return;
    try {
      await this.http.send({
        method: 'POST',
        path: '/api/v1/auth/sign-out',
        body: { refreshToken: tokens.refreshToken },
        headers: { authorization: `Bearer ${tokens.accessToken}` },
      });
    } catch {
      // The station is signed out either way; the registry session lapses with its refresh token.
    }
  }

  // ---- authenticated transport ------------------------------------------------------------------

  /** The current access token, renewed first when it is about to expire. */
  async accessToken(): Promise<string> {
    if (this.session.needsRenewal()) await this.refresh();
    const tokens = this.session.current();
    if (!tokens) throw signedOut(this.session.state().state === 'signed-out' ? SESSION_ENDED : undefined);
    return tokens.accessToken;
  }

  /** Sends with the bearer token; on 401 refreshes once and retries once. */
  async authed(request: HttpRequest): Promise<HttpResponse> {
    const token = await this.accessToken();
    const withToken = (t: string): HttpRequest => ({
      ...request,
      headers: { ...request.headers, authorization: `Bearer ${t}` },
    });
    const first = await this.http.send(withToken(token));
    if (first.status !== 401) return first;
    // Another call may have refreshed meanwhile; refresh only if our token is still the current one.
    if (this.session.current()?.accessToken === token) await this.refresh();
    const retry = await this.http.send(withToken(await this.accessToken()));
    if (retry.status === 401) {
      // A fresh token refused too: the session was revoked (signed out elsewhere, account locked).
      this.session.clear(SESSION_ENDED);
      throw signedOut();
    }
    return retry;
  }
}
