/**
 * Drafts: each order as validated JSON plus the columns the draft list and local search read.
 * Every save is one transaction that writes the draft and its outbox row together.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import {
  displayName,
  nextStatus,
  protectiveOrderSchema,
  type OrderStatus,
  type ProtectiveOrder,
} from '../../shared/order';
import type { DraftDto, DraftSummaryDto, SyncStateDto } from '../../shared/ipc/drafts';
import { StoreError } from '../store/errors';
import type { ChangeAuthor, OutboxRepository } from '../store/outbox-repository';
import { likePrefix, searchKey } from './search-key';

/** A draft as the store keeps it is what the UI gets: the types are the API's (src/shared/ipc/drafts.ts). */
export type SyncState = SyncStateDto;
export type DraftRecord = DraftDto;
export type DraftSummary = DraftSummaryDto;

export interface DraftListQuery {
  /** Only the drafts of this organisation (the signed-in user's). */
  readonly orgOri?: string;
  readonly status?: OrderStatus;
  readonly syncState?: SyncState;
  /** A name (restrained or protected, from the start of the last name) or the start of a case number. */
  readonly text?: string;
  readonly limit?: number;
  /** Keyset cursor: the last row of the previous page. */
  readonly after?: { readonly updatedAt: string; readonly id: string };
}

interface DraftRow {
  id: string;
  status: OrderStatus;
  order_json: string;
  local_version: number;
  registry_version: number | null;
  sync_state: SyncState;
  sync_message: string | null;
  created_at: string;
  updated_at: string;
  org_ori: string | null;
}

function nameKey(name: { last?: string; first?: string }): string {
  return searchKey(`${name.last ?? ''} ${name.first ?? ''}`);
}

export class DraftsRepository {
  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxRepository,
    private readonly now: () => Date,
  ) {}

  /**
   * Saves a draft (new or changed) and queues it for the registry, atomically. The order is
   * validated against the shared schema first; an invalid one changes nothing.
   */
  save(input: unknown, author: ChangeAuthor | null = null): DraftRecord {
    const parsed = protectiveOrderSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StoreError(
        'INVALID_RECORD',
        issue?.message ?? 'The draft is not valid.',
        issue?.path.join('.'),
      );
    }
    const order = parsed.data;
    const at = this.now().toISOString();
    const write = this.db.transaction(() => {
      const existing = this.db
        .prepare('SELECT status, local_version, created_at FROM drafts WHERE id = ?')
        .get(order.id) as { status: OrderStatus; local_version: number; created_at: string } | undefined;
      const status = existing?.status ?? 'draft';
      this.upsert(order, {
        status,
        localVersion: (existing?.local_version ?? 0) + 1,
        createdAt: existing?.created_at ?? at,
        updatedAt: at,
        orgOri: author?.orgOri ?? null,
      });
      this.outbox.enqueue(order.id, 'order.save', { order, status }, author);
    });
    write.immediate();
    return this.mustGet(order.id);
  }

  /**
   * Writes the row for `order` (every search column from the order itself). A save sets the
   * registry version and sync state to 'pending'; the sync worker passes what the registry holds.
   */
  private upsert(
    order: ProtectiveOrder,
    row: {
      status: OrderStatus;
      localVersion: number;
      createdAt: string;
      updatedAt: string;
      registry?: { version: number; syncState: SyncState; message: string | null };
      /** The organisation of a new draft (its creator's); the court's when unknown. Never changed after. */
      orgOri?: string | null;
    },
  ): void {
    const params = {
      id: order.id,
      status: row.status,
      court_ori: order.court.ori,
      case_number: order.caseNumber ?? null,
      form_id: order.formId ?? null,
      issue_date: order.issueDate ?? null,
      restrained_name: displayName(order.restrainedPerson.name),
      restrained_key: nameKey(order.restrainedPerson.name),
      restrained_dob: order.restrainedPerson.dob ?? null,
      protected_keys: order.protectedPersons.map((p) => `|${nameKey(p.name)}`).join(''),
      order_json: JSON.stringify(order),
      local_version: row.localVersion,
      registry_version: row.registry?.version ?? null,
      sync_state: row.registry?.syncState ?? 'pending',
      sync_message: row.registry?.message ?? null,
      created_at: row.createdAt,
      updated_at: row.updatedAt,
      org_ori: row.orgOri ?? order.court.ori,
    };
    this.db
      .prepare(
        `INSERT INTO drafts (id, status, court_ori, case_number, form_id, issue_date, restrained_name, restrained_key,
           restrained_dob, protected_keys, order_json, local_version, registry_version, sync_state, sync_message,
           created_at, updated_at, org_ori)
         VALUES (@id, @status, @court_ori, @case_number, @form_id, @issue_date, @restrained_name, @restrained_key,
           @restrained_dob, @protected_keys, @order_json, @local_version, @registry_version, @sync_state, @sync_message,
           @created_at, @updated_at, @org_ori)
         ON CONFLICT (id) DO UPDATE SET
           status = excluded.status,
           court_ori = excluded.court_ori, case_number = excluded.case_number, form_id = excluded.form_id,
           issue_date = excluded.issue_date, restrained_name = excluded.restrained_name,
           restrained_key = excluded.restrained_key, restrained_dob = excluded.restrained_dob,
           protected_keys = excluded.protected_keys, order_json = excluded.order_json,
           local_version = excluded.local_version,
           registry_version = coalesce(excluded.registry_version, drafts.registry_version),
           sync_state = excluded.sync_state, sync_message = excluded.sync_message,
           updated_at = excluded.updated_at`,
      )
      .run(params);
  }

  /**
   * Replaces the local draft with the registry's record (sync worker: a status change pulled from
   * the registry, "take theirs" in a conflict, an order claimed from the work queue). Writes no
   * outbox row: the registry already has this. Call inside the caller's transaction when it must
   * be atomic with other sync bookkeeping.
   */
  replaceFromRegistry(
    order: ProtectiveOrder,
    registry: {
      status: OrderStatus;
      version: number;
      syncState: SyncState;
      message?: string | null;
      /** For a draft new to this station: the organisation it is taken for (a claiming sheriff's). */
      orgOri?: string;
    },
  ): DraftRecord {
    const parsed = protectiveOrderSchema.safeParse(order);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StoreError(
        'INVALID_RECORD',
        issue?.message ?? 'The registry order is not valid.',
        issue?.path.join('.'),
      );
    }
    const at = this.now().toISOString();
    const run = this.db.transaction(() => {
      const existing = this.db
        .prepare('SELECT local_version, created_at FROM drafts WHERE id = ?')
        .get(order.id) as { local_version: number; created_at: string } | undefined;
      this.upsert(parsed.data, {
        status: registry.status,
        localVersion: (existing?.local_version ?? 0) + 1,
        createdAt: existing?.created_at ?? at,
        updatedAt: at,
        orgOri: registry.orgOri ?? null,
        registry: {
          version: registry.version,
          syncState: registry.syncState,
          message: registry.message ?? null,
        },
      });
    });
    run.immediate();
    return this.mustGet(order.id);
  }

  /** Applies a lifecycle transition locally (checked by the shared state machine) and queues it. */
  transition(id: string, transition: string, author: ChangeAuthor | null = null): DraftRecord {
    const run = this.db.transaction(() => {
      const current = this.mustGet(id);
      const status = nextStatus(current.status, transition);
      this.db
        .prepare("UPDATE drafts SET status = ?, sync_state = 'pending', updated_at = ? WHERE id = ?")
        .run(status, this.now().toISOString(), id);
      this.outbox.enqueue(id, 'order.transition', { transition, from: current.status, to: status }, author);
    });
    run.immediate();
    return this.mustGet(id);
  }

  /** Records what the registry said (sync worker): its version, and the draft's sync state. */
  recordSyncResult(
    id: string,
    result: { registryVersion?: number; syncState: SyncState; message?: string; status?: OrderStatus },
  ): void {
    this.db
      .prepare(
        `UPDATE drafts SET registry_version = coalesce(?, registry_version), sync_state = ?, sync_message = ?,
           status = coalesce(?, status) WHERE id = ?`,
      )
      .run(
        result.registryVersion ?? null,
        result.syncState,
        result.message ?? null,
        result.status ?? null,
        id,
      );
  }

  get(id: string): DraftRecord | undefined {
    const row = this.db.prepare('SELECT * FROM drafts WHERE id = ?').get(id) as DraftRow | undefined;
    return row && toRecord(row);
  }

  /** Whether the draft exists, without reading it. */
  has(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM drafts WHERE id = ?').get(id) !== undefined;
  }

  mustGet(id: string): DraftRecord {
    const record = this.get(id);
    if (!record) throw new StoreError('NOT_FOUND', 'That draft does not exist on this station.', 'id');
    return record;
  }

  /** A page of drafts, newest change first, with optional filters. */
  list(query: DraftListQuery = {}): DraftSummary[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.orgOri !== undefined) {
      where.push('org_ori = ?');
      params.push(query.orgOri);
    }
    if (query.status !== undefined) {
      where.push('status = ?');
      params.push(query.status);
    }
    if (query.syncState !== undefined) {
      where.push('sync_state = ?');
      params.push(query.syncState);
    }
    const nameText = searchKey(query.text ?? '');
    const caseText = (query.text ?? '').trim();
    const textMatches: string[] = [];
    if (nameText !== '') {
      textMatches.push("restrained_key LIKE ? ESCAPE '\\'", "protected_keys LIKE ? ESCAPE '\\'");
      params.push(likePrefix(nameText), `%|${likePrefix(nameText)}`);
    }
    if (caseText !== '') {
      textMatches.push("case_number LIKE ? ESCAPE '\\'");
      params.push(likePrefix(caseText));
    }
    if (textMatches.length > 0) where.push(`(${textMatches.join(' OR ')})`);
    if (query.after) {
      where.push('(updated_at < ? OR (updated_at = ? AND id > ?))');
      params.push(query.after.updatedAt, query.after.updatedAt, query.after.id);
    }
    const sql = `SELECT id, status, case_number, form_id, issue_date, restrained_name, sync_state, updated_at FROM drafts
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC, id LIMIT ?`;
    params.push(Math.min(Math.max(query.limit ?? 50, 1), 500));
    const rows = this.db.prepare(sql).all(...params) as {
      id: string;
      status: OrderStatus;
      case_number: string | null;
      form_id: string | null;
      issue_date: string | null;
      restrained_name: string;
      sync_state: SyncState;
      updated_at: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      caseNumber: r.case_number,
      formId: r.form_id,
      issueDate: r.issue_date,
      restrainedName: r.restrained_name,
      syncState: r.sync_state,
      updatedAt: r.updated_at,
    }));
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM drafts').get() as { n: number }).n;
  }
}

function toRecord(row: DraftRow): DraftRecord {
  return {
    id: row.id,
    status: row.status,
    order: JSON.parse(row.order_json) as ProtectiveOrder,
    localVersion: row.local_version,
    registryVersion: row.registry_version,
    syncState: row.sync_state,
    syncMessage: row.sync_message,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    // Every row has one since migration 004 (existing drafts got their court's).
    orgOri: row.org_ori ?? '',
  };
}
