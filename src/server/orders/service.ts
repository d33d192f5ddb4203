/**
 * Orders: create from a station draft, update with optimistic concurrency, lifecycle transitions
 * through the shared state machine with CARPOS pre-flight validation, clone, and audited views.
 */
import type {
  CloneRequest,
  CreateOrderRequest,
  OrderRecord,
  TransitionRequest,
  UpdateOrderRequest,
} from '../../shared/api';
import {
  cloneOrder,
  InvalidTransitionError,
  nextStatus,
  TRANSITIONS,
  type OrderStatus,
  type ProtectiveOrder,
  type TransitionName,
} from '../../shared/order';
import { hasErrors, validateForTransaction } from '../../shared/validation';
import { writeAudit } from '../audit/log';
import type { Principal } from '../auth/principal';
import { visibleOrderPredicate } from '../auth/visibility';
import { SqlParams } from '../db/sql';
import type { Db, Queryable } from '../db/types';
import { ApiError, notFound } from '../http/errors';
import { todayIn } from './clock';
import { fingerprint, runIdempotent, type StoredResponse } from './idempotency';
import { appendChange, insertOrder, updateOrder } from './persist';
import { checkFieldAuthority } from './field-authority';
import { checkTransitionAllowed, courtCountyFor, mayEdit, requireSealAllowed, requireWriter } from './policy';
import { lastChange, ORDER_COLUMNS, toRecord, type OrderRow } from './records';

/** Statuses whose data may be replaced by PUT; orders in force change through `modify`. */
const EDITABLE: readonly OrderStatus[] = ['draft', 'awaiting_carpos_data'];

export interface MutationContext {
  readonly principal: Principal;
  /** The station's mutation id; null only for system callers (seed, gateway) that do not retry. */
  readonly idempotencyKey: string | null;
  readonly requestId: string;
  /** The audit component for this mutation's records (default 'registry.api'), e.g. 'carpos-gateway'. */
  readonly component?: string;
}

export type Result = { statusCode: number; body: unknown };

export class OrderService {
  constructor(
    private readonly db: Db,
    private readonly timeZone: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  today(): string {
    return todayIn(this.timeZone, this.now());
  }

  private async mutate(
    ctx: MutationContext,
    route: string,
    params: unknown,
    body: unknown,
    fn: (tx: Queryable) => Promise<Result>,
  ): Promise<StoredResponse> {
    if (ctx.idempotencyKey === null || ctx.principal.kind === 'system') {
      const result = await this.db.transaction(fn);
      return { ...result, replayed: false };
    }
    return runIdempotent(
      this.db,
      ctx.idempotencyKey,
      ctx.principal.userId,
      fingerprint(route, params, body),
      fn,
    );
  }

  /** Loads a visible order, locking it for the rest of the transaction when `lock`. */
  async loadRow(db: Queryable, p: Principal, id: string, lock: boolean): Promise<OrderRow | null> {
    const params = new SqlParams();
    const idParam = params.add(id);
    const visible = visibleOrderPredicate(p, 'o', params);
    const result = await db.query<OrderRow>(
      `SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.id = ${idParam} AND ${visible}${lock ? ' FOR UPDATE OF o' : ''}`,
      params.values,
    );
    return result.rows[0] ?? null;
  }

  async get(p: Principal, id: string, requestId: string): Promise<OrderRecord> {
    const row = await this.loadRow(this.db, p, id, false);
    await writeAudit(this.db, {
      eventType: 'view',
      outcome: row ? 'success' : 'failure',
      principal: p,
      objectType: 'order',
      objectId: id,
      requestId,
    });
    if (!row) throw notFound();
    return toRecord(this.db, row, this.now());
  }

  async create(ctx: MutationContext, body: CreateOrderRequest): Promise<StoredResponse> {
    const p = ctx.principal;
    requireWriter(p);
    requireSealAllowed(p, body.order.sealed);
    return this.mutate(ctx, 'POST /orders', {}, body, async (tx) => {
      const county = await courtCountyFor(tx, p, body.order.court.ori);
      const exists = await tx.query('SELECT 1 FROM orders WHERE id = $1', [body.order.id]);
      if (exists.rows.length > 0) {
        throw new ApiError(
          409,
          'ORDER_EXISTS',
          'An order with this id is already in the registry.',
          'order.id',
        );
      }
      const at = this.now();
      const orgId = p.kind === 'user' ? p.orgId : await this.courtOrgId(tx, body.order.court.ori);
      await insertOrder(tx, {
        order: body.order,
        orgId,
        county,
        status: 'draft',
        userId: p.kind === 'user' ? p.userId : null,
        at,
      });
      await appendChange(tx, {
        orderId: body.order.id,
        orgId,
        county,
        status: 'draft',
        version: 1,
        kind: 'created',
        queue: false,
        at,
      });
      await writeAudit(tx, {
        eventType: 'create',
        outcome: 'success',
        principal: p,
        objectType: 'order',
        objectId: body.order.id,
        requestId: ctx.requestId,
      });
      return { statusCode: 201, body: await this.recordAfterWrite(tx, p, body.order.id) };
    });
  }

  async update(ctx: MutationContext, id: string, body: UpdateOrderRequest): Promise<StoredResponse> {
    const p = ctx.principal;
    requireWriter(p);
    return this.mutate(ctx, 'PUT /orders/:id', { id }, body, async (tx) => {
      const row = await this.lockForChange(tx, p, id, body.baseVersion, body.order);
      if (!EDITABLE.includes(row.status)) {
        throw new ApiError(
          409,
          'INVALID_TRANSITION',
          'This order is in force: change it with "Modify" so the change reaches DOJ.',
        );
      }
      checkFieldAuthority(
        p,
        row.status === 'draft' ? 'editDraft' : 'editAwaitingCarposData',
        row.data,
        body.order,
      );
      const at = this.now();
      const version = await updateOrder(tx, {
        order: body.order,
        status: row.status,
        userId: p.kind === 'user' ? p.userId : null,
        at,
        clearClaim: false,
      });
      await appendChange(tx, {
        orderId: id,
        orgId: row.org_id,
        county: row.county,
        status: row.status,
        version,
        kind: 'updated',
        queue: row.status === 'awaiting_carpos_data',
        at,
      });
      await writeAudit(tx, {
        eventType: 'change',
        outcome: 'success',
        principal: p,
        objectType: 'order',
        objectId: id,
        requestId: ctx.requestId,
        details: { version },
      });
      return { statusCode: 200, body: await this.recordAfterWrite(tx, p, id) };
    });
  }

  async transition(ctx: MutationContext, id: string, body: TransitionRequest): Promise<StoredResponse> {
    return this.mutate(ctx, 'POST /orders/:id/transitions', { id }, body, (tx) =>
      this.transitionWithin(tx, ctx, id, body),
    );
  }

  /**
   * A transition inside the caller's transaction (the DOJ gateway claims, transitions and audits
   * in one commit). Same checks, writes, change-feed entry and audit record as `transition`.
   */
  async transitionWithin(
    tx: Queryable,
    ctx: MutationContext,
    id: string,
    body: TransitionRequest,
  ): Promise<Result> {
    const p = ctx.principal;
    const name = body.transition as TransitionName;
    const row = await this.lockForChange(tx, p, id, body.baseVersion, body.order, name);
    let to: OrderStatus;
    try {
      to = nextStatus(row.status, name);
    } catch (error) {
      if (error instanceof InvalidTransitionError)
        throw new ApiError(409, 'INVALID_TRANSITION', error.message);
      throw error;
    }
    if (body.order !== undefined) checkFieldAuthority(p, name, row.data, body.order);
    const order = body.order ?? row.data;
    const level = TRANSITIONS[name].validates;
    if (level !== null) {
      const issues = validateForTransaction(order, level, { today: this.today() });
      if (hasErrors(issues)) {
        throw new ApiError(
          422,
          'VALIDATION_FAILED',
          'The order is not complete enough for this step. Correct the fields listed.',
          issues.find((i) => i.severity === 'error')?.field,
          { issues },
        );
      }
    }
    const at = this.now();
    const leavesQueue = row.status === 'awaiting_carpos_data';
    const entersQueue = to === 'awaiting_carpos_data';
    const version = await updateOrder(tx, {
      order,
      status: to,
      userId: p.kind === 'user' ? p.userId : null,
      at,
      clearClaim: leavesQueue,
      ...(entersQueue ? { submittedAt: at } : {}),
    });
    await appendChange(tx, {
      orderId: id,
      orgId: row.org_id,
      county: row.county,
      status: to,
      version,
      kind: 'transition',
      queue: leavesQueue || entersQueue,
      at,
    });
    await writeAudit(tx, {
      eventType: 'transition',
      outcome: 'success',
      principal: p,
      objectType: 'order',
      objectId: id,
      requestId: ctx.requestId,
      details: { transition: name, from: row.status, to, version },
      ...(ctx.component === undefined ? {} : { component: ctx.component }),
    });
    return { statusCode: 200, body: await this.recordAfterWrite(tx, p, id) };
  }

  async clone(ctx: MutationContext, sourceId: string, body: CloneRequest): Promise<StoredResponse> {
    const p = ctx.principal;
    requireWriter(p);
    return this.mutate(ctx, 'POST /orders/:id/clone', { id: sourceId }, body, async (tx) => {
      const source = await this.loadRow(tx, p, sourceId, false);
      if (!source) throw notFound();
      const order = cloneOrder(source.data, {
        newId: body.newId,
        ...(body.formId === undefined ? {} : { formId: body.formId }),
      });
      requireSealAllowed(p, order.sealed);
      const county = await courtCountyFor(tx, p, order.court.ori);
      const exists = await tx.query('SELECT 1 FROM orders WHERE id = $1', [order.id]);
      if (exists.rows.length > 0) {
        throw new ApiError(409, 'ORDER_EXISTS', 'An order with this id is already in the registry.', 'newId');
      }
      const at = this.now();
      const orgId = p.kind === 'user' ? p.orgId : source.org_id;
      await insertOrder(tx, {
        order,
        orgId,
        county,
        status: 'draft',
        userId: p.kind === 'user' ? p.userId : null,
        at,
      });
      await appendChange(tx, {
        orderId: order.id,
        orgId,
        county,
        status: 'draft',
        version: 1,
        kind: 'created',
        queue: false,
        at,
      });
      await writeAudit(tx, {
        eventType: 'create',
        outcome: 'success',
        principal: p,
        objectType: 'order',
        objectId: order.id,
        requestId: ctx.requestId,
        details: { clonedFrom: sourceId },
      });
      return { statusCode: 201, body: await this.recordAfterWrite(tx, p, order.id) };
    });
  }

  /**
   * Locks the order for a change and checks, in this order: it exists and is visible, the caller may
   * change it, the base version is current, and new data (if any) keeps the id and obeys the seal
   * and court rules.
   */
  private async lockForChange(
    tx: Queryable,
    p: Principal,
    id: string,
    baseVersion: number,
    newData: ProtectiveOrder | undefined,
    transition?: TransitionName,
  ): Promise<OrderRow> {
    const row = await this.loadRow(tx, p, id, true);
    if (!row) throw notFound();
    const now = this.now();
    if (transition === undefined) {
      if (!mayEdit(p, row, now)) throw new ApiError(403, 'FORBIDDEN', 'You may not change this order.');
    } else {
      checkTransitionAllowed(p, transition, row, this.today(), now);
    }
    if (row.version !== baseVersion) {
      throw new ApiError(
        409,
        'VERSION_CONFLICT',
        `Someone else changed this order (now version ${row.version}, yours ${baseVersion}). Review their change before saving yours.`,
        undefined,
        { current: await toRecord(tx, row, now), ...(await lastChange(tx, row)) },
      );
    }
    if (newData !== undefined) {
      if (newData.id !== id) {
        throw new ApiError(
          400,
          'ORDER_ID_MISMATCH',
          'The order in the body has a different id than the URL.',
          'order.id',
        );
      }
      if (newData.court.ori !== row.court_ori) await courtCountyFor(tx, p, newData.court.ori);
      requireSealAllowed(p, newData.sealed);
    }
    return row;
  }

  private async recordAfterWrite(tx: Queryable, p: Principal, id: string): Promise<OrderRecord> {
    // Read back without the visibility rule: the writer sees the result of their own write.
    const result = await tx.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.id = $1`, [id]);
    const row = result.rows[0];
    if (!row) throw new Error(`order ${id} vanished inside its own transaction (${p.kind})`);
    return toRecord(tx, row, this.now());
  }

  private async courtOrgId(tx: Queryable, ori: string): Promise<string> {
    const result = await tx.query<{ id: string }>('SELECT id FROM organisations WHERE ori = $1', [ori]);
    const id = result.rows[0]?.id;
    if (id === undefined)
      throw new ApiError(422, 'UNKNOWN_COURT', `No court with ORI ${ori} is registered.`, 'court.ori');
    return id;
  }
}
