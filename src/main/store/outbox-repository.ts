/**
 * The outbox: every local change waiting to reach the registry, written in the same transaction as
 * the change itself (so a change is never saved without its outbox row, nor the reverse). Rows are
 * delivered in order per record; a row leaves the outbox only when the registry has acknowledged it.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { randomUUID } from 'node:crypto';

export type OutboxKind = 'order.save' | 'order.transition' | 'document.attach';

/** The user who made a change: sync sends it only under that user's own online session. */
export interface ChangeAuthor {
  readonly username: string;
  readonly displayName: string;
  /** The organisation the user works for (drafts are visible within it). */
  readonly orgOri: string;
}

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
  /** Null for changes made before authors were recorded (and for imports): anyone may send them. */
  readonly authorUsername: string | null;
  readonly authorName: string | null;
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
  author_username: string | null;
  author_name: string | null;
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
    authorUsername: row.author_username,
    authorName: row.author_name,
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
    AND coalesce(o.author_username, '') IN ('', ?)
  ORDER BY o.next_attempt_at, o.seq
  LIMIT ?`;

export class OutboxRepository {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  /** Appends a change by `author`. Call inside the transaction that makes the change. */
  enqueue(
    recordId: string,
    kind: OutboxKind,
    payload: unknown,
    author: ChangeAuthor | null,
    mutationId: string = randomUUID(),
  ): string {
    const json = JSON.stringify(payload);
    const at = this.now().toISOString();
    this.db
      .prepare(
        `INSERT INTO outbox (mutation_id, record_id, kind, payload, payload_bytes, created_at, next_attempt_at,
           author_username, author_name)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        mutationId,
        recordId,
        kind,
        json,
        Buffer.byteLength(json),
        at,
        at,
        author?.username.toLowerCase() ?? null,
        author?.displayName ?? null,
      );
    return mutationId;
  }

  /**
   * The oldest undelivered change of each record that is due now, soonest due first, among those
   * `sender` may send (its own and those without an author). A record whose oldest change is another
   * user's waits for that user: changes of a record go in order.
   */
  dueHeads(limit = 50, sender: string | null = null): OutboxEntry[] {
    const rows = this.db
      .prepare(DUE_HEADS_SQL)
      .all(this.now().toISOString(), sender?.toLowerCase() ?? null, limit) as OutboxRow[];
    return rows.map(toEntry);
  }

  /** Changes waiting for a user other than `sender` to sign in online, by author. */
  heldForOthers(sender: string | null): { username: string; displayName: string; changes: number }[] {
    return this.db
      .prepare(
        `SELECT author_username AS username, max(author_name) AS displayName, count(*) AS changes
         FROM outbox WHERE author_username IS NOT NULL AND author_username IS NOT ?
         GROUP BY author_username ORDER BY author_username`,
      )
      .all(sender?.toLowerCase() ?? null) as { username: string; displayName: string; changes: number }[];
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
