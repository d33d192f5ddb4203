/**
 * The sync worker's bookkeeping, each outcome one transaction with the outbox and the draft it
 * concerns: an acknowledged change leaves the outbox as the draft records the registry's version;
 * a refused change moves to sync_rejections as the draft shows the error; a conflict parks the
 * change until a person decides. Nothing here talks to the network.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { OrderStatus, ProtectiveOrder } from '../../shared/order';
import type { DraftsRepository, SyncState } from './drafts-repository';
import { StoreError } from './errors';
import type { OutboxEntry, OutboxKind } from './outbox-repository';

/** next_attempt_at of a change parked behind a conflict: never due until the conflict is resolved. */
export const PARKED_UNTIL = '9999-12-31T23:59:59.999Z';

/** The request an outbox change was first sent as; retries send exactly this. */
export interface FrozenRequest {
  readonly seq: number;
  readonly recordId: string;
  readonly mutationId: string;
  readonly method: 'POST' | 'PUT';
  readonly path: string;
  readonly body: unknown;
  /** The last outbox row this request covers (consecutive saves of a record go as one). */
  readonly throughSeq: number;
}

export interface StoredConflict {
  readonly draftId: string;
  readonly seq: number;
  readonly mine: ProtectiveOrder;
  readonly theirs: ProtectiveOrder;
  readonly theirsVersion: number;
  readonly theirsStatus: OrderStatus;
  readonly differingFields: readonly string[];
  readonly detectedAt: string;
}

export interface StoredRejection {
  readonly id: number;
  readonly draftId: string;
  readonly mutationId: string;
  readonly kind: OutboxKind;
  readonly payload: unknown;
  readonly code: string;
  readonly message: string;
  readonly field: string | null;
  readonly rejectedAt: string;
}

export interface StoredUpload {
  readonly sha256: string;
  readonly uploadId: string;
  readonly byteSize: number;
  readonly bytesConfirmed: number;
}

/** A registry record pulled from the change feed, to apply to its local draft. */
export interface PulledRecord {
  readonly order: ProtectiveOrder;
  readonly status: OrderStatus;
  readonly version: number;
  readonly syncState: SyncState;
  readonly message: string | null;
}

export interface SyncCounts {
  readonly pendingChanges: number;
  /** Of those, changes of drafts in conflict (waiting for a person, not for the network). */
  readonly parked: number;
  readonly pendingBytes: number;
  readonly conflicts: number;
  readonly rejected: number;
}

/** Which outbox rows an outcome settles: one change, or a run of saves sent as one. */
export interface SettledRange {
  readonly recordId: string;
  readonly fromSeq: number;
  readonly throughSeq: number;
}

interface ConflictRow {
  draft_id: string;
  seq: number;
  mine_json: string;
  theirs_json: string;
  theirs_version: number;
  theirs_status: OrderStatus;
  differing_fields: string;
  detected_at: string;
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
});

/** SQL for the bytes still to send: outbox JSON plus the unconfirmed part of each pending image. */
export const PENDING_IMAGE_BYTES_SQL = `
  SELECT coalesce(sum(json_extract(o.payload, '$.byteSize') - coalesce(u.bytes_confirmed, 0)), 0) AS bytes
  FROM outbox o LEFT JOIN sync_uploads u ON u.sha256 = json_extract(o.payload, '$.sha256')
  WHERE o.kind = 'document.attach'`;

/** SQL for the documents still to upload, in outbox order (run on every worker pass). */
export const PENDING_UPLOADS_SQL = `
  SELECT o.record_id, json_extract(o.payload, '$.sha256') AS sha256
  FROM outbox o LEFT JOIN sync_uploads u ON u.sha256 = json_extract(o.payload, '$.sha256')
  WHERE o.kind = 'document.attach' AND o.next_attempt_at < ?
    AND (u.sha256 IS NULL OR u.bytes_confirmed < u.byte_size)
  ORDER BY o.seq LIMIT ?`;

/** SQL: does another draft hold the same document? */
export const SHARED_BLOB_SQL = 'SELECT 1 FROM documents WHERE sha256 = ? AND draft_id <> ? LIMIT 1';

export class SyncRepository {
  constructor(
    private readonly db: Database,
    private readonly drafts: DraftsRepository,
    private readonly now: () => Date,
  ) {}

  private at(): string {
    return this.now().toISOString();
  }

  // ---- small settings ----------------------------------------------------------------------------

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

  // ---- requests as first sent ------------------------------------------------------------------------

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

  // ---- outcomes --------------------------------------------------------------------------------------

  private remaining(recordId: string): number {
    return (
      this.db.prepare('SELECT count(*) AS n FROM outbox WHERE record_id = ?').get(recordId) as { n: number }
    ).n;
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
        this.setBase(range.recordId, registry.version, registry.order);
      }
      if (sha256 !== undefined) this.db.prepare('DELETE FROM sync_uploads WHERE sha256 = ?').run(sha256);
      const left = this.remaining(range.recordId);
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

  /** A stale change: park it and keep both sides for the person who will decide. */
  recordConflict(conflict: Omit<StoredConflict, 'detectedAt'>, message: string): void {
    const run = this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO sync_conflicts (draft_id, seq, mine_json, theirs_json, theirs_version, theirs_status, differing_fields, detected_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (draft_id) DO UPDATE SET seq = excluded.seq, mine_json = excluded.mine_json,
             theirs_json = excluded.theirs_json, theirs_version = excluded.theirs_version,
             theirs_status = excluded.theirs_status, differing_fields = excluded.differing_fields,
             detected_at = excluded.detected_at`,
        )
        .run(
          conflict.draftId,
          conflict.seq,
          JSON.stringify(conflict.mine),
          JSON.stringify(conflict.theirs),
          conflict.theirsVersion,
          conflict.theirsStatus,
          JSON.stringify(conflict.differingFields),
          this.at(),
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

  // ---- the registry's copy as last seen -----------------------------------------------------------------

  /** The registry's data for a draft at the version this station last saw. */
  base(draftId: string): { readonly version: number; readonly order: ProtectiveOrder } | undefined {
    const row = this.db
      .prepare('SELECT version, order_json FROM sync_bases WHERE draft_id = ?')
      .get(draftId) as { version: number; order_json: string } | undefined;
    return row && { version: row.version, order: JSON.parse(row.order_json) as ProtectiveOrder };
  }

  private setBase(draftId: string, version: number, order: ProtectiveOrder): void {
    this.db
      .prepare(
        `INSERT INTO sync_bases (draft_id, version, order_json) VALUES (?, ?, ?)
         ON CONFLICT (draft_id) DO UPDATE SET version = excluded.version, order_json = excluded.order_json
         WHERE excluded.version >= sync_bases.version`,
      )
      .run(draftId, version, JSON.stringify(order));
  }

  // ---- conflicts ---------------------------------------------------------------------------------------

  conflicts(): StoredConflict[] {
    const rows = this.db
      .prepare('SELECT * FROM sync_conflicts ORDER BY detected_at, draft_id')
      .all() as ConflictRow[];
    return rows.map(toConflict);
  }

  conflict(draftId: string): StoredConflict | undefined {
    const row = this.db.prepare('SELECT * FROM sync_conflicts WHERE draft_id = ?').get(draftId) as
      ConflictRow | undefined;
    return row && toConflict(row);
  }

  private mustConflict(draftId: string): StoredConflict {
    const c = this.conflict(draftId);
    if (!c)
      throw new StoreError(
        'NOT_FOUND',
        'This draft has no conflict to resolve (it may have been resolved already).',
        'draftId',
      );
    return c;
  }

  /**
   * Keep mine (or the operator's merge): the parked change goes again, now based on their version
   * and carrying the draft as it is now (a merge is saved to the draft first). Saves queued behind
   * it are folded in, since it already carries the latest data. One transaction.
   */
  resolveKeepMine(draftId: string, newMutationId: string, merged?: ProtectiveOrder): void {
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
          .run(newMutationId, json, Buffer.byteLength(json), this.at(), c.seq);
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
  resolveTakeTheirs(draftId: string): void {
    const run = this.db.transaction(() => {
      const c = this.mustConflict(draftId);
      this.db
        .prepare("DELETE FROM outbox WHERE record_id = ? AND kind IN ('order.save', 'order.transition')")
        .run(draftId);
      this.db.prepare('DELETE FROM sync_requests WHERE record_id = ?').run(draftId);
      this.db.prepare('DELETE FROM sync_conflicts WHERE draft_id = ?').run(draftId);
      const left = this.remaining(draftId);
      this.setBase(draftId, c.theirsVersion, c.theirs);
      this.drafts.replaceFromRegistry(c.theirs, {
        status: c.theirsStatus,
        version: c.theirsVersion,
        syncState: left === 0 ? 'synced' : 'pending',
      });
    });
    run.immediate();
  }

  // ---- image uploads ----------------------------------------------------------------------------------

  upload(sha256: string): StoredUpload | undefined {
    const row = this.db.prepare('SELECT * FROM sync_uploads WHERE sha256 = ?').get(sha256) as
      { sha256: string; upload_id: string; byte_size: number; bytes_confirmed: number } | undefined;
    return (
      row && {
        sha256: row.sha256,
        uploadId: row.upload_id,
        byteSize: row.byte_size,
        bytesConfirmed: row.bytes_confirmed,
      }
    );
  }

  saveUpload(sha256: string, uploadId: string, byteSize: number): void {
    this.db
      .prepare(
        `INSERT INTO sync_uploads (sha256, upload_id, byte_size, bytes_confirmed, updated_at) VALUES (?, ?, ?, 0, ?)
         ON CONFLICT (sha256) DO UPDATE SET upload_id = excluded.upload_id, byte_size = excluded.byte_size,
           bytes_confirmed = 0, updated_at = excluded.updated_at`,
      )
      .run(sha256, uploadId, byteSize, this.at());
  }

  /**
   * Documents queued for upload whose bytes the registry does not hold yet (as far as this station
   * knows), in outbox order; changes parked behind a conflict excepted.
   */
  pendingUploads(limit: number): { readonly recordId: string; readonly sha256: string }[] {
    const rows = this.db.prepare(PENDING_UPLOADS_SQL).all(PARKED_UNTIL, limit) as {
      record_id: string;
      sha256: string;
    }[];
    return rows.map((r) => ({ recordId: r.record_id, sha256: r.sha256 }));
  }

  /** True when another draft holds the same document (so the registry may have its bytes already). */
  sharedBlob(sha256: string, draftId: string): boolean {
    return this.db.prepare(SHARED_BLOB_SQL).get(sha256, draftId) !== undefined;
  }

  confirmUpload(sha256: string, bytes: number): void {
    this.db
      .prepare(
        'UPDATE sync_uploads SET bytes_confirmed = max(bytes_confirmed, ?), updated_at = ? WHERE sha256 = ?',
      )
      .run(bytes, this.at(), sha256);
  }

  forgetUpload(sha256: string): void {
    this.db.prepare('DELETE FROM sync_uploads WHERE sha256 = ?').run(sha256);
  }

  // ---- pull ------------------------------------------------------------------------------------------------

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
        if (this.remaining(r.order.id) > 0 || this.conflict(r.order.id)) {
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
      if (cursor !== null) this.setMeta(cursor.key, cursor.value);
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
  importFromRegistry(record: {
    readonly order: ProtectiveOrder;
    readonly status: OrderStatus;
    readonly version: number;
  }): void {
    const run = this.db.transaction(() => {
      this.setBase(record.order.id, record.version, record.order);
      this.drafts.replaceFromRegistry(record.order, {
        status: record.status,
        version: record.version,
        syncState: 'synced',
      });
    });
    run.immediate();
  }

  // ---- work queue (sheriff stations) ----------------------------------------------------------------------

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

  // ---- scheduling ------------------------------------------------------------------------------------------

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

  // ---- status -------------------------------------------------------------------------------------------

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
