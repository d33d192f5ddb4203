/**
 * The station's HTTP client for the registry: typed methods over src/shared/api on top of the
 * connection (connection.ts: address, transport, session, sign-in, refresh-once on 401). Input is
 * checked before sending, answers on arrival; failures are RegistryError `{ code, message, field? }`.
 */
import { z } from 'zod';
import {
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
  stationAuditRequestSchema,
  stationAuditResponseSchema,
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
  type StationAuditRequest,
  type TransitionRequest,
  type UpdateOrderRequest,
} from '../../shared/api';
import { uuidSchema } from '../../shared/order/primitives';
import { RegistryConnection } from './connection';
import { checkInput, parseAnswer, errorOfAnswer } from './parse';

export type { RegistryClientOptions } from './connection';

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

const blobInfoSchema = z.object({ sha256: sha256Schema, size: z.int() });

export class RegistryClient extends RegistryConnection {
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

  /** The station's audit events of the signed-in user, into the registry's audit log. */
  async sendStationAudit(request: StationAuditRequest, signal?: AbortSignal): Promise<void> {
    const response = await this.authed({
      method: 'POST',
      path: '/api/v1/audit/station-events',
      body: checkInput(stationAuditRequestSchema, request),
      ...(signal ? { signal } : {}),
    });
    parseAnswer(stationAuditResponseSchema, response);
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
    if (response.status !== 200 && response.status !== 206) throw errorOfAnswer(response);
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
    if (response.status < 200 || response.status >= 300) throw errorOfAnswer(response);
  }

  /** Closes idle connections. */
  close(): void {
    this.http.close();
  }
}
