/**
 * What the station knows of the registry's side: the registry's copy of each draft as last seen
 * (the base that tells "someone else changed the data" from "only the version moved"), drafts the
 * change feed reported while their own changes were queued (fetched once those settle), applying
 * pulled records with the feed cursor, and the county work queue of sheriff stations.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { OrderStatus, ProtectiveOrder } from '../../../shared/order';
import type { DraftsRepository } from '../../drafts/drafts-repository';
import { queuedCount, type PulledRecord } from './sync-common';

export class SyncRemote {
  constructor(
    private readonly db: Database,
    private readonly drafts: DraftsRepository,
  ) {}

  private inConflict(draftId: string): boolean {
    return this.db.prepare('SELECT 1 FROM sync_conflicts WHERE draft_id = ?').get(draftId) !== undefined;
  }

  /** The registry's data for a draft at the version this station last saw. */
  base(draftId: string): { readonly version: number; readonly order: ProtectiveOrder } | undefined {
    const row = this.db
      .prepare('SELECT version, order_json FROM sync_bases WHERE draft_id = ?')
      .get(draftId) as { version: number; order_json: string } | undefined;
    return row && { version: row.version, order: JSON.parse(row.order_json) as ProtectiveOrder };
  }

  setBase(draftId: string, version: number, order: ProtectiveOrder): void {
    this.db
      .prepare(
        `INSERT INTO sync_bases (draft_id, version, order_json) VALUES (?, ?, ?)
         ON CONFLICT (draft_id) DO UPDATE SET version = excluded.version, order_json = excluded.order_json
         WHERE excluded.version >= sync_bases.version`,
      )
      .run(draftId, version, JSON.stringify(order));
  }

  /**
   * Applies registry records to their local drafts and moves the cursor, in one transaction. A draft
   * with changes still queued is left alone (sending them will meet the new version as a conflict),
   * as is one that already holds this version or a newer one.
   */
  applyPulled(
    records: readonly PulledRecord[],
    cursor: { readonly key: string; readonly value: string } | null,
  ): number {
    let applied = 0;
    const run = this.db.transaction(() => {
      for (const r of records) {
        const draft = this.drafts.get(r.order.id);
        if (!draft) continue;
        if (queuedCount(this.db, r.order.id) > 0 || this.inConflict(r.order.id)) {
          this.markStale(r.order.id, r.version);
          continue;
        }
        this.db
          .prepare('DELETE FROM sync_stale WHERE draft_id = ? AND version <= ?')
          .run(r.order.id, r.version);
        if ((draft.registryVersion ?? 0) >= r.version && draft.status === r.status) continue;
        this.setBase(r.order.id, r.version, r.order);
        this.drafts.replaceFromRegistry(r.order, {
          status: r.status,
          version: r.version,
          syncState: r.syncState,
          message: r.message,
        });
        applied += 1;
      }
      if (cursor !== null) {
        this.db
          .prepare(
            'INSERT INTO sync_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
          )
          .run(cursor.key, cursor.value);
      }
    });
    run.immediate();
    return applied;
  }

  /** The feed reported a newer version of a draft whose own changes were still queued: fetch it later. */
  markStale(draftId: string, version: number): void {
    this.db
      .prepare(
        `INSERT INTO sync_stale (draft_id, version) VALUES (?, ?)
         ON CONFLICT (draft_id) DO UPDATE SET version = max(version, excluded.version)`,
      )
      .run(draftId, version);
  }

  /** Stale drafts ready to be fetched: nothing of theirs is queued any more and no conflict is open. */
  staleReady(): string[] {
    const rows = this.db
      .prepare(
        `SELECT s.draft_id FROM sync_stale s
         WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.record_id = s.draft_id)
           AND NOT EXISTS (SELECT 1 FROM sync_conflicts c WHERE c.draft_id = s.draft_id)
         ORDER BY s.draft_id LIMIT 200`,
      )
      .all() as { draft_id: string }[];
    return rows.map((r) => r.draft_id);
  }

  /** True when `draftId` is marked stale and nothing of it is queued any more (time to fetch it). */
  isStaleReady(draftId: string): boolean {
    return (
      this.db
        .prepare(
          `SELECT 1 FROM sync_stale s WHERE s.draft_id = ?
             AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.record_id = s.draft_id)`,
        )
        .get(draftId) !== undefined
    );
  }

  /** Forgets a stale mark (the registry no longer shows the order to this station). */
  clearStale(draftId: string): void {
    this.db.prepare('DELETE FROM sync_stale WHERE draft_id = ?').run(draftId);
  }

  /** Takes a registry record as a local draft (an order claimed from the work queue), with its base. */
  importFromRegistry(
    record: {
      readonly order: ProtectiveOrder;
      readonly status: OrderStatus;
      readonly version: number;
    },
    /** The claiming user's organisation: the draft is theirs to complete (see drafts' org_ori). */
    orgOri: string,
  ): void {
    const run = this.db.transaction(() => {
      this.setBase(record.order.id, record.version, record.order);
      this.drafts.replaceFromRegistry(record.order, {
        status: record.status,
        version: record.version,
        syncState: 'synced',
        orgOri,
      });
    });
    run.immediate();
  }

  replaceWorkQueue(items: readonly { readonly orderId: string; readonly submittedAt: string }[]): void {
    const run = this.db.transaction(() => {
      this.db.prepare('DELETE FROM work_queue').run();
      const insert = this.db.prepare(
        'INSERT INTO work_queue (order_id, submitted_at, item_json) VALUES (?, ?, ?)',
      );
      for (const item of items) insert.run(item.orderId, item.submittedAt, JSON.stringify(item));
    });
    run.immediate();
  }

  workQueue<T>(): T[] {
    const rows = this.db
      .prepare('SELECT item_json FROM work_queue ORDER BY submitted_at, order_id')
      .all() as { item_json: string }[];
    return rows.map((r) => JSON.parse(r.item_json) as T);
  }
}
