/**
 * The sync worker's bookkeeping, each outcome one transaction with the outbox and the draft it
 * concerns: an acknowledged change leaves the outbox as the draft records the registry's version;
 * a refused change moves to sync_rejections as the draft shows the error; a conflict parks the
 * change until a person decides (sync-conflicts.ts). Uploads (sync-uploads.ts) and the registry's
 * side as last seen (sync-remote.ts) are parts of it. Nothing here talks to the network.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { OrderStatus, ProtectiveOrder } from '../../../shared/order';
import type { DraftsRepository } from '../../drafts/drafts-repository';
import type { OutboxEntry, OutboxKind } from '../../store/outbox-repository';
import {
  PARKED_UNTIL,
  queuedCount,
  type FrozenRequest,
  type SettledRange,
  type StoredRejection,
  type SyncCounts,
} from './sync-common';
import { SyncConflicts } from './sync-conflicts';
import { SyncRemote } from './sync-remote';
import { SyncUploads } from './sync-uploads';

export * from './sync-common';
export { PENDING_UPLOADS_SQL, SHARED_BLOB_SQL } from './sync-uploads';

/** SQL for the bytes still to send: outbox JSON plus the unconfirmed part of each pending image. */
export const PENDING_IMAGE_BYTES_SQL = `
  SELECT coalesce(sum(json_extract(o.payload, '$.byteSize') - coalesce(u.bytes_confirmed, 0)), 0) AS bytes
  FROM outbox o LEFT JOIN sync_uploads u ON u.sha256 = json_extract(o.payload, '$.sha256')
  WHERE o.kind = 'document.attach'`;

export class SyncRepository {
  /** Document uploads (tus ids and confirmed bytes). */
  readonly uploads: SyncUploads;
  /** The registry's side as last seen: bases, stale marks, pulled records, the work queue. */
  readonly remote: SyncRemote;
  /** Conflicts waiting for a person, and their resolution. */
  readonly conflicts: SyncConflicts;

  constructor(
    private readonly db: Database,
    drafts: DraftsRepository,
    private readonly now: () => Date,
  ) {
    this.uploads = new SyncUploads(db, now);
    this.remote = new SyncRemote(db, drafts);
    this.conflicts = new SyncConflicts(db, drafts, this.remote, now);
  }

  private at(): string {
    return this.now().toISOString();
  }

  getMeta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM sync_meta WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string | null): void {
    if (value === null) this.db.prepare('DELETE FROM sync_meta WHERE key = ?').run(key);
    else
      this.db
        .prepare(
          'INSERT INTO sync_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .run(key, value);
  }

  frozen(seq: number): FrozenRequest | undefined {
    const row = this.db.prepare('SELECT * FROM sync_requests WHERE seq = ?').get(seq) as
      | {
          seq: number;
          record_id: string;
          mutation_id: string;
          method: 'POST' | 'PUT';
          path: string;
          body: string;
          through_seq: number;
        }
      | undefined;
    return (
      row && {
        seq: row.seq,
        recordId: row.record_id,
        mutationId: row.mutation_id,
        method: row.method,
        path: row.path,
        body: JSON.parse(row.body) as unknown,
        throughSeq: row.through_seq,
      }
    );
  }

  /** Stores the request before its first send; if one is stored already, that one wins. */
  freeze(request: FrozenRequest): FrozenRequest {
    this.db
      .prepare(
        `INSERT INTO sync_requests (seq, record_id, mutation_id, method, path, body, through_seq, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (seq) DO NOTHING`,
      )
      .run(
        request.seq,
        request.recordId,
        request.mutationId,
        request.method,
        request.path,
        JSON.stringify(request.body),
        request.throughSeq,
        this.at(),
      );
    return this.frozen(request.seq) ?? request;
  }

  /** Gives a stored request a new idempotency key (the registry said the old one belongs to another user). */
  rekey(seq: number, mutationId: string): void {
    this.db.prepare('UPDATE sync_requests SET mutation_id = ? WHERE seq = ?').run(mutationId, seq);
  }

  private settle(range: SettledRange): void {
    this.db
      .prepare('DELETE FROM outbox WHERE record_id = ? AND seq BETWEEN ? AND ?')
      .run(range.recordId, range.fromSeq, range.throughSeq);
    this.db.prepare('DELETE FROM sync_requests WHERE seq = ?').run(range.fromSeq);
  }

  /**
   * The registry accepted the change(s): they leave the outbox and the draft records the registry's
   * version. The status follows the registry only when nothing else of this draft is still queued.
   * A draft showing a rejection keeps showing it until the clerk changes the draft.
   */
  acknowledge(
    range: SettledRange,
    registry: {
      readonly version: number | null;
      readonly status: OrderStatus | null;
      readonly order?: ProtectiveOrder;
    },
    sha256?: string,
  ): void {
    const run = this.db.transaction(() => {
      this.settle(range);
      if (registry.order !== undefined && registry.version !== null) {
        this.remote.setBase(range.recordId, registry.version, registry.order);
      }
      if (sha256 !== undefined) this.uploads.forget(sha256);
      const left = queuedCount(this.db, range.recordId);
      this.db
        .prepare(
          `UPDATE drafts SET registry_version = CASE WHEN @version IS NULL THEN registry_version
               ELSE max(coalesce(registry_version, 0), @version) END,
             status = CASE WHEN @left = 0 AND @status IS NOT NULL THEN @status ELSE status END,
             sync_state = CASE WHEN sync_state IN ('rejected', 'conflict') THEN sync_state
               WHEN @left = 0 THEN 'synced' ELSE 'pending' END
           WHERE id = @id`,
        )
        .run({ version: registry.version, left, status: registry.status, id: range.recordId });
    });
    run.immediate();
  }

  /**
   * The registry refused the change for good: it moves to sync_rejections (kept, never dropped) and
   * the draft shows the reason. `revertStatus` undoes a refused transition locally.
   */
  reject(
    range: SettledRange,
    entry: Pick<OutboxEntry, 'mutationId' | 'kind' | 'payload'>,
    problem: { readonly code: string; readonly message: string; readonly field?: string | undefined },
    revertStatus?: OrderStatus,
  ): void {
    const run = this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO sync_rejections (draft_id, mutation_id, kind, payload, code, message, field, rejected_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          range.recordId,
          entry.mutationId,
          entry.kind,
          JSON.stringify(entry.payload),
          problem.code,
          problem.message,
          problem.field ?? null,
          this.at(),
        );
      this.settle(range);
      this.db
        .prepare(
          "UPDATE drafts SET sync_state = 'rejected', sync_message = ?, status = coalesce(?, status) WHERE id = ?",
        )
        .run(problem.message, revertStatus ?? null, range.recordId);
    });
    run.immediate();
  }

  /**
   * The registry moved on but holds the same data as this draft: base the queued change on the
   * registry's version and send it again under a new key (the body changes, so the old key would
   * be refused as reused).
   */
  rebase(seq: number, recordId: string, version: number, newMutationId: string): void {
    const run = this.db.transaction(() => {
      this.db.prepare('UPDATE drafts SET registry_version = ? WHERE id = ?').run(version, recordId);
      this.db
        .prepare('UPDATE outbox SET mutation_id = ?, next_attempt_at = ? WHERE seq = ?')
        .run(newMutationId, this.at(), seq);
      this.db.prepare('DELETE FROM sync_requests WHERE seq = ?').run(seq);
    });
    run.immediate();
  }

  /** When the next queued change falls due (parked changes never do), or null when none waits. */
  nextDueAt(): string | null {
    const row = this.db
      .prepare('SELECT min(next_attempt_at) AS at FROM outbox WHERE next_attempt_at < ?')
      .get(PARKED_UNTIL) as {
      at: string | null;
    };
    return row.at;
  }

  /** "Sync now": every waiting change (not those parked behind a conflict) is due at once. */
  makeAllDue(): void {
    this.db
      .prepare('UPDATE outbox SET next_attempt_at = ? WHERE next_attempt_at > ? AND next_attempt_at < ?')
      .run(this.at(), this.at(), PARKED_UNTIL);
  }

  counts(): SyncCounts {
    const outbox = this.db
      .prepare('SELECT count(*) AS n, coalesce(sum(payload_bytes), 0) AS bytes FROM outbox')
      .get() as { n: number; bytes: number };
    const images = this.db.prepare(PENDING_IMAGE_BYTES_SQL).get() as { bytes: number };
    const conflicts = (this.db.prepare('SELECT count(*) AS n FROM sync_conflicts').get() as { n: number }).n;
    const rejected = (
      this.db.prepare("SELECT count(*) AS n FROM drafts WHERE sync_state = 'rejected'").get() as { n: number }
    ).n;
    const parked = (
      this.db
        .prepare('SELECT count(*) AS n FROM outbox WHERE record_id IN (SELECT draft_id FROM sync_conflicts)')
        .get() as { n: number }
    ).n;
    return {
      pendingChanges: outbox.n,
      parked,
      pendingBytes: outbox.bytes + Math.max(0, images.bytes),
      conflicts,
      rejected,
    };
  }

  rejections(draftId?: string): StoredRejection[] {
    const rows = (
      draftId === undefined
        ? this.db.prepare('SELECT * FROM sync_rejections ORDER BY id DESC LIMIT 500').all()
        : this.db.prepare('SELECT * FROM sync_rejections WHERE draft_id = ? ORDER BY id').all(draftId)
    ) as {
      id: number;
      draft_id: string;
      mutation_id: string;
      kind: OutboxKind;
      payload: string;
      code: string;
      message: string;
      field: string | null;
      rejected_at: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      draftId: r.draft_id,
      mutationId: r.mutation_id,
      kind: r.kind,
      payload: JSON.parse(r.payload) as unknown,
      code: r.code,
      message: r.message,
      field: r.field,
      rejectedAt: r.rejected_at,
    }));
  }
}
