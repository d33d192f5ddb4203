/**
 * Conflicts: a change the registry refused as stale, parked with both versions until a person
 * decides, and the three ways to resolve it, each one transaction.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { OrderStatus, ProtectiveOrder } from '../../../shared/order';
import type { DraftsRepository } from '../../drafts/drafts-repository';
import { StoreError } from '../../store/errors';
import type { OutboxKind } from '../../store/outbox-repository';
import { PARKED_UNTIL, queuedCount, type StoredConflict } from './sync-common';
import type { SyncRemote } from './sync-remote';

interface ConflictRow {
  draft_id: string;
  seq: number;
  mine_json: string;
  theirs_json: string;
  theirs_version: number;
  theirs_status: OrderStatus;
  differing_fields: string;
  detected_at: string;
  theirs_updated_by: string | null;
  theirs_updated_at: string | null;
}

const toConflict = (r: ConflictRow): StoredConflict => ({
  draftId: r.draft_id,
  seq: r.seq,
  mine: JSON.parse(r.mine_json) as ProtectiveOrder,
  theirs: JSON.parse(r.theirs_json) as ProtectiveOrder,
  theirsVersion: r.theirs_version,
  theirsStatus: r.theirs_status,
  differingFields: JSON.parse(r.differing_fields) as string[],
  detectedAt: r.detected_at,
  theirsUpdatedBy:
    r.theirs_updated_by === null
      ? null
      : (JSON.parse(r.theirs_updated_by) as StoredConflict['theirsUpdatedBy']),
  theirsUpdatedAt: r.theirs_updated_at,
});

export class SyncConflicts {
  constructor(
    private readonly db: Database,
    private readonly drafts: DraftsRepository,
    private readonly remote: SyncRemote,
    private readonly now: () => Date,
  ) {}

  list(): StoredConflict[] {
    const rows = this.db
      .prepare('SELECT * FROM sync_conflicts ORDER BY detected_at, draft_id')
      .all() as ConflictRow[];
    return rows.map(toConflict);
  }

  get(draftId: string): StoredConflict | undefined {
    const row = this.db.prepare('SELECT * FROM sync_conflicts WHERE draft_id = ?').get(draftId) as
      ConflictRow | undefined;
    return row && toConflict(row);
  }

  private mustConflict(draftId: string): StoredConflict {
    const c = this.get(draftId);
    if (!c)
      throw new StoreError(
        'NOT_FOUND',
        'This draft has no conflict to resolve (it may have been resolved already).',
        'draftId',
      );
    return c;
  }

  /** A stale change: park it and keep both sides for the person who will decide. */
  record(conflict: Omit<StoredConflict, 'detectedAt'>, message: string): void {
    const run = this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO sync_conflicts (draft_id, seq, mine_json, theirs_json, theirs_version, theirs_status,
             differing_fields, detected_at, theirs_updated_by, theirs_updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (draft_id) DO UPDATE SET seq = excluded.seq, mine_json = excluded.mine_json,
             theirs_json = excluded.theirs_json, theirs_version = excluded.theirs_version,
             theirs_status = excluded.theirs_status, differing_fields = excluded.differing_fields,
             detected_at = excluded.detected_at, theirs_updated_by = excluded.theirs_updated_by,
             theirs_updated_at = excluded.theirs_updated_at`,
        )
        .run(
          conflict.draftId,
          conflict.seq,
          JSON.stringify(conflict.mine),
          JSON.stringify(conflict.theirs),
          conflict.theirsVersion,
          conflict.theirsStatus,
          JSON.stringify(conflict.differingFields),
          this.now().toISOString(),
          conflict.theirsUpdatedBy === null ? null : JSON.stringify(conflict.theirsUpdatedBy),
          conflict.theirsUpdatedAt,
        );
      this.db
        .prepare('UPDATE outbox SET next_attempt_at = ?, last_error = ? WHERE seq = ?')
        .run(PARKED_UNTIL, message, conflict.seq);
      this.db.prepare('DELETE FROM sync_requests WHERE seq = ?').run(conflict.seq);
      this.db
        .prepare("UPDATE drafts SET sync_state = 'conflict', sync_message = ? WHERE id = ?")
        .run(message, conflict.draftId);
    });
    run.immediate();
  }

  /**
   * Keep mine (or the operator's merge): the parked change goes again, now based on their version
   * and carrying the draft as it is now (a merge is saved to the draft first). Saves queued behind
   * it are folded in, since it already carries the latest data. One transaction.
   */
  keepMine(draftId: string, newMutationId: string, merged?: ProtectiveOrder): void {
    const run = this.db.transaction(() => {
      const c = this.mustConflict(draftId);
      const draft = this.drafts.mustGet(draftId);
      if (merged !== undefined) {
        if (merged.id !== draftId)
          throw new StoreError('INVALID_RECORD', 'The merged order belongs to another draft.', 'order.id');
        this.drafts.replaceFromRegistry(merged, {
          status: draft.status,
          version: c.theirsVersion,
          syncState: 'pending',
        });
      }
      this.db
        .prepare(
          "UPDATE drafts SET registry_version = ?, sync_state = 'pending', sync_message = NULL WHERE id = ?",
        )
        .run(c.theirsVersion, draftId);
      const mine = this.drafts.mustGet(draftId).order;
      const head = this.db.prepare('SELECT kind, payload FROM outbox WHERE seq = ?').get(c.seq) as
        { kind: OutboxKind; payload: string } | undefined;
      if (head) {
        const payload = JSON.parse(head.payload) as Record<string, unknown>;
        const next = { ...payload, order: mine };
        if (head.kind === 'order.save') this.foldLaterSaves(draftId, c.seq);
        const json = JSON.stringify(next);
        this.db
          .prepare(
            'UPDATE outbox SET mutation_id = ?, payload = ?, payload_bytes = ?, next_attempt_at = ?, last_error = NULL WHERE seq = ?',
          )
          .run(newMutationId, json, Buffer.byteLength(json), this.now().toISOString(), c.seq);
      }
      this.db.prepare('DELETE FROM sync_requests WHERE seq = ?').run(c.seq);
      this.db.prepare('DELETE FROM sync_conflicts WHERE draft_id = ?').run(draftId);
    });
    run.immediate();
  }

  /** Deletes the saves right after `seq` (up to the next non-save change): the head now carries their data. */
  private foldLaterSaves(recordId: string, seq: number): void {
    const later = this.db
      .prepare('SELECT seq, kind FROM outbox WHERE record_id = ? AND seq > ? ORDER BY seq')
      .all(recordId, seq) as {
      seq: number;
      kind: OutboxKind;
    }[];
    for (const row of later) {
      if (row.kind !== 'order.save') break;
      this.db.prepare('DELETE FROM outbox WHERE seq = ?').run(row.seq);
    }
  }

  /**
   * Take theirs: the draft becomes the registry's record, and the local order changes still queued
   * are dropped (the operator chose theirs over them). Images stay queued: they only add. One transaction.
   */
  takeTheirs(draftId: string): void {
    const run = this.db.transaction(() => {
      const c = this.mustConflict(draftId);
      this.db
        .prepare("DELETE FROM outbox WHERE record_id = ? AND kind IN ('order.save', 'order.transition')")
        .run(draftId);
      this.db.prepare('DELETE FROM sync_requests WHERE record_id = ?').run(draftId);
      this.db.prepare('DELETE FROM sync_conflicts WHERE draft_id = ?').run(draftId);
      const left = queuedCount(this.db, draftId);
      this.remote.setBase(draftId, c.theirsVersion, c.theirs);
      this.drafts.replaceFromRegistry(c.theirs, {
        status: c.theirsStatus,
        version: c.theirsVersion,
        syncState: left === 0 ? 'synced' : 'pending',
      });
    });
    run.immediate();
  }
}
