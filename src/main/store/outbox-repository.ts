/**
 * The outbox: every local change waiting to reach the registry, written in the same transaction as
 * the change itself (so a change is never saved without its outbox row, nor the reverse). Rows are
 * delivered in order per record; a row leaves the outbox only when the registry has acknowledged it.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { randomUUID } from 'node:crypto';

export type OutboxKind = 'order.save' | 'order.transition' | 'document.attach';

export interface OutboxEntry {
  readonly seq: number;
  readonly mutationId: string;
  readonly recordId: string;
  readonly kind: OutboxKind;
  readonly payload: unknown;
  readonly payloadBytes: number;
  readonly createdAt: string;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastError: string | null;
}

interface OutboxRow {
  seq: number;
  mutation_id: string;
  record_id: string;
  kind: OutboxKind;
  payload: string;
  payload_bytes: number;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
}

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    seq: row.seq,
    mutationId: row.mutation_id,
    recordId: row.record_id,
    kind: row.kind,
    payload: JSON.parse(row.payload) as unknown,
    payloadBytes: row.payload_bytes,
    createdAt: row.created_at,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
  };
}

/**
 * SQL for the head of each record's queue that is due: the sync worker's hot query. Ordered by due
 * time, so a record whose change keeps failing waits its turn without holding up the others.
 */
export const DUE_HEADS_SQL = `
  SELECT o.* FROM outbox o
  WHERE o.next_attempt_at <= ?
    AND o.seq = (SELECT min(i.seq) FROM outbox i WHERE i.record_id = o.record_id)
  ORDER BY o.next_attempt_at, o.seq
  LIMIT ?`;

export class OutboxRepository {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  /** Appends a change. Call inside the transaction that makes the change. */
  enqueue(recordId: string, kind: OutboxKind, payload: unknown, mutationId: string = randomUUID()): string {
    const json = JSON.stringify(payload);
    const at = this.now().toISOString();
    this.db
      .prepare(
        `INSERT INTO outbox (mutation_id, record_id, kind, payload, payload_bytes, created_at, next_attempt_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(mutationId, recordId, kind, json, Buffer.byteLength(json), at, at);
    return mutationId;
  }

  /** The oldest undelivered change of each record that is due now, soonest due first. */
  dueHeads(limit = 50): OutboxEntry[] {
    const rows = this.db.prepare(DUE_HEADS_SQL).all(this.now().toISOString(), limit) as OutboxRow[];
    return rows.map(toEntry);
  }

  /** Every undelivered change of one record, in order. */
  forRecord(recordId: string): OutboxEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM outbox WHERE record_id = ? ORDER BY seq')
      .all(recordId) as OutboxRow[];
    return rows.map(toEntry);
  }

  /** Removes a change the registry acknowledged. Idempotent. */
  acknowledge(seq: number): void {
    this.db.prepare('DELETE FROM outbox WHERE seq = ?').run(seq);
  }

  /** Records a failed attempt and when to try again. */
  recordFailure(seq: number, error: string, nextAttemptAt: Date): void {
    this.db
      .prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE seq = ?')
      .run(error, nextAttemptAt.toISOString(), seq);
  }

  /** Changes and bytes still to send, for the sync status bar. */
  totals(): { count: number; bytes: number } {
    const row = this.db
      .prepare('SELECT count(*) AS count, coalesce(sum(payload_bytes), 0) AS bytes FROM outbox')
      .get() as {
      count: number;
      bytes: number;
    };
    return row;
  }
}
