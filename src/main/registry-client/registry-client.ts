/**
 * The station's HTTP client for the registry. Typed methods over src/shared/api, input checked
 * before sending, answers checked on arrival, failures as RegistryError `{ code, message, field? }`.
 * Authenticated calls carry the session's access token, renew it shortly before it expires, and
 * on a 401 refresh once and retry once; when the refresh is refused the session is cleared
 * (signed out) and the call fails with SIGNED_OUT.
 */
import { z } from 'zod';
import {
  bannerResponseSchema,
  changesQuerySchema,
  changesResponseSchema,
  claimResponseSchema,
  conflictRequestSchema,
  conflictResponseSchema,
  createOrderRequestSchema,
  linkImageRequestSchema,
  orderRecordSchema,
  queueResponseSchema,
  searchQuerySchema,
  searchResultSchema,
  sha256Schema,
  signInRequestSchema,
  tokenResponseSchema,
  transitionRequestSchema,
  updateOrderRequestSchema,
  type ChangesResponse,
  type ConflictRequest,
  type CreateOrderRequest,
  type LinkImageRequest,
  type OrderRecord,
  type QueueItem,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type SessionUser,
  type SignInRequest,
  type TokenResponse,
  type TransitionRequest,
  type UpdateOrderRequest,
} from '../../shared/api';
import { uuidSchema } from '../../shared/order/primitives';
import { registryBaseUrl } from './base-url';
import { RegistryError } from './errors';
import { RegistryHttp, type HttpRequest, type HttpResponse } from './http';
import { checkInput, parseAnswer, problemOf } from './parse';
import { RegistrySession, type SessionPersistence } from './session';

export interface RegistryClientOptions {
  /** https://…, or http:// to loopback only. */
  readonly baseUrl: string;
  /** Inactivity timeout per request (default 10 s). */
  readonly timeoutMs?: number;
  /** Keep the session across restarts (default: memory only). */
  readonly sessionPersistence?: SessionPersistence;
  readonly now?: () => Date;
}

/** The answer to an order mutation: the record, and whether it was a replay of an earlier send. */
export interface MutationResult {
  readonly record: OrderRecord;
  readonly status: number;
  readonly replayed: boolean;
}

/** A mutation exactly as the outbox sends it (and re-sends it, byte for byte). */
export interface OrderMutation {
  readonly method: 'POST' | 'PUT';
  readonly path: string;
  readonly body: unknown;
  readonly idempotencyKey: string;
}

export interface ImageBytes {
  readonly bytes: Buffer;
  /** Size of the whole image. */
  readonly totalSize: number;
  /** The byte range returned (inclusive), or null for the whole image. */
  readonly range: { readonly start: number; readonly end: number } | null;
}

const SESSION_ENDED = 'Your registry session has ended. Sign in again to continue.';
const blobInfoSchema = z.object({ sha256: sha256Schema, size: z.int() });
const healthSchema = z.object({ status: z.string() });

function signedOut(message = SESSION_ENDED): RegistryError {
  return new RegistryError('SIGNED_OUT', message, { status: 401 });
}

export class RegistryClient {
  readonly http: RegistryHttp;
  readonly session: RegistrySession;
  private refreshing: Promise<void> | null = null;

  constructor(options: RegistryClientOptions) {
    this.http = new RegistryHttp({
      baseUrl: registryBaseUrl(options.baseUrl),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
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
      const problem = problemOf(response);
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

  // ---- orders -------------------------------------------------------------------------------------

  /** Sends an order mutation with its idempotency key; a replay returns the first answer. */
  async mutate(mutation: OrderMutation, signal?: AbortSignal): Promise<MutationResult> {
    const response = await this.authed({
      method: mutation.method,
      path: mutation.path,
      body: mutation.body,
      headers: { 'idempotency-key': mutation.idempotencyKey },
      ...(signal ? { signal } : {}),
    });
    const record = parseAnswer(orderRecordSchema, response);
    return { record, status: response.status, replayed: response.headers['idempotent-replayed'] === 'true' };
  }

  async createOrder(body: CreateOrderRequest, idempotencyKey: string): Promise<MutationResult> {
    checkInput(uuidSchema, idempotencyKey);
    return this.mutate({
      method: 'POST',
      path: '/api/v1/orders',
      body: checkInput(createOrderRequestSchema, body),
      idempotencyKey,
    });
  }

  async updateOrder(id: string, body: UpdateOrderRequest, idempotencyKey: string): Promise<MutationResult> {
    checkInput(uuidSchema, idempotencyKey);
    return this.mutate({
      method: 'PUT',
      path: `/api/v1/orders/${checkInput(uuidSchema, id)}`,
      body: checkInput(updateOrderRequestSchema, body),
      idempotencyKey,
    });
  }

  async transition(id: string, body: TransitionRequest, idempotencyKey: string): Promise<MutationResult> {
    checkInput(uuidSchema, idempotencyKey);
    return this.mutate({
      method: 'POST',
      path: `/api/v1/orders/${checkInput(uuidSchema, id)}/transitions`,
      body: checkInput(transitionRequestSchema, body),
      idempotencyKey,
    });
  }

  async getOrder(id: string, signal?: AbortSignal): Promise<OrderRecord> {
    const response = await this.authed({
      method: 'GET',
      path: `/api/v1/orders/${checkInput(uuidSchema, id)}`,
      ...(signal ? { signal } : {}),
    });
    return parseAnswer(orderRecordSchema, response);
  }

  // ---- images -------------------------------------------------------------------------------------

  /** Links a finished upload (or bytes the registry already holds) to an order. */
  async linkImage(orderId: string, body: LinkImageRequest, signal?: AbortSignal): Promise<OrderRecord> {
    const response = await this.authed({
      method: 'POST',
      path: `/api/v1/orders/${checkInput(uuidSchema, orderId)}/images`,
      body: checkInput(linkImageRequestSchema, body),
      ...(signal ? { signal } : {}),
    });
    return parseAnswer(orderRecordSchema, response);
  }

  /** Does the registry already hold these bytes? */
  async blobExists(sha256: string, signal?: AbortSignal): Promise<boolean> {
    const response = await this.authed({
      method: 'GET',
      path: `/api/v1/blobs/${checkInput(sha256Schema, sha256)}`,
      ...(signal ? { signal } : {}),
    });
    if (response.status === 404) return false;
    parseAnswer(blobInfoSchema, response);
    return true;
  }

  /** An image of an order, whole or one byte range (inclusive). */
  async getImage(
    orderId: string,
    sha256: string,
    range?: { start: number; end: number },
  ): Promise<ImageBytes> {
    const response = await this.authed({
      method: 'GET',
      path: `/api/v1/orders/${checkInput(uuidSchema, orderId)}/images/${checkInput(sha256Schema, sha256)}`,
      headers: {
        accept: 'application/pdf',
        ...(range ? { range: `bytes=${range.start}-${range.end}` } : {}),
      },
    });
    if (response.status !== 200 && response.status !== 206) throw problemOf(response);
    const contentRange = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(response.headers['content-range'] ?? '');
    if (response.status === 206 && contentRange) {
      return {
        bytes: response.body,
        totalSize: Number(contentRange[3]),
        range: { start: Number(contentRange[1]), end: Number(contentRange[2]) },
      };
    }
    return { bytes: response.body, totalSize: response.body.length, range: null };
  }

  // ---- search and sync ------------------------------------------------------------------------------

  async search(query: SearchQuery): Promise<SearchResult> {
    const checked = checkInput(searchQuerySchema, query);
    return parseAnswer(
      searchResultSchema,
      await this.authed({ method: 'GET', path: '/api/v1/search', query: checked }),
    );
  }

  /** Other live orders against the same restrained person, statewide. */
  async conflicts(request: ConflictRequest): Promise<SearchHit[]> {
    const body = checkInput(conflictRequestSchema, request);
    const answer = parseAnswer(
      conflictResponseSchema,
      await this.authed({ method: 'POST', path: '/api/v1/conflicts', body }),
    );
    return answer.conflicts;
  }

  /** One page of the change feed after `cursor` (absent on the first pull). */
  async changes(cursor: string | null, limit = 200, signal?: AbortSignal): Promise<ChangesResponse> {
    const query = checkInput(changesQuerySchema, { ...(cursor === null ? {} : { cursor }), limit });
    return parseAnswer(
      changesResponseSchema,
      await this.authed({ method: 'GET', path: '/api/v1/changes', query, ...(signal ? { signal } : {}) }),
    );
  }

  /** The county work queue (sheriff's operators). */
  async workQueue(signal?: AbortSignal): Promise<QueueItem[]> {
    const answer = parseAnswer(
      queueResponseSchema,
      await this.authed({ method: 'GET', path: '/api/v1/queue', ...(signal ? { signal } : {}) }),
    );
    return answer.items;
  }

  async claim(orderId: string): Promise<z.infer<typeof claimResponseSchema>> {
    const response = await this.authed({
      method: 'POST',
      path: `/api/v1/queue/${checkInput(uuidSchema, orderId)}/claim`,
      // An empty JSON object: the registry refuses a POST without a JSON content type.
      body: {},
    });
    return parseAnswer(claimResponseSchema, response);
  }

  async release(orderId: string): Promise<void> {
    const response = await this.authed({
      method: 'POST',
      path: `/api/v1/queue/${checkInput(uuidSchema, orderId)}/release`,
      body: {},
    });
    if (response.status < 200 || response.status >= 300) throw problemOf(response);
  }

  /** Closes idle connections. */
  close(): void {
    this.http.close();
  }
}
