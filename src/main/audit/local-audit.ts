/**
 * The station's own audit trail (CJIS: logons, access, create/change/delete, privileged actions,
 * each with time, component, event, user and outcome): written to `audit_events` in the encrypted
 * station database the moment it happens, and sent to the registry's audit log by each event's own
 * user when that user is online (sync/audit-sender.ts). Recording never throws: a failed write is
 * logged and the action goes on (an audit write must not lose a clerk's work).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { randomUUID } from 'node:crypto';
import type { StationAuditDetail } from '../../shared/api/station-audit';
import { errorFields, type StationLog } from '../log/station-log';

export const AUDIT_EVENTS = [
  'sign_in',
  'sign_out',
  'lock',
  'unlock',
  'unlock_failed',
  'offline_unlock',
  'registry_sign_in',
  'draft_create',
  'draft_change',
  'draft_transition',
  'batch_commit',
  'order_view',
  'image_view',
  'document_view',
  'print',
  'settings_change',
  'access_denied',
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

export interface AuditEntry {
  readonly event: AuditEvent;
  readonly outcome: 'success' | 'failure' | 'denied';
  /** The user it concerns; by default the signed-in user (null before anyone signed in). */
  readonly username?: string | null;
  readonly objectType?: string;
  readonly objectId?: string;
  /** Codes, counts and field names only: never names, dates of birth or addresses. */
  readonly detail?: StationAuditDetail;
}

export interface StoredAuditEvent {
  readonly id: string;
  readonly at: string;
  readonly station: string;
  readonly username: string | null;
  readonly event: AuditEvent;
  readonly objectType: string | null;
  readonly objectId: string | null;
  readonly outcome: AuditEntry['outcome'];
  readonly detail: StationAuditDetail | null;
}

interface Row {
  id: string;
  at: string;
  station: string;
  username: string | null;
  event: AuditEvent;
  object_type: string | null;
  object_id: string | null;
  outcome: AuditEntry['outcome'];
  detail_json: string | null;
}

const toEvent = (r: Row): StoredAuditEvent => ({
  id: r.id,
  at: r.at,
  station: r.station,
  username: r.username,
  event: r.event,
  objectType: r.object_type,
  objectId: r.object_id,
  outcome: r.outcome,
  detail: r.detail_json === null ? null : (JSON.parse(r.detail_json) as StationAuditDetail),
});

export interface LocalAuditOptions {
  readonly db: Database;
  readonly station: () => string;
  readonly currentUser: () => string | null;
  readonly now: () => Date;
  readonly log: StationLog;
}

export class LocalAudit {
  readonly #o: LocalAuditOptions;

  constructor(options: LocalAuditOptions) {
    this.#o = options;
  }

  record(entry: AuditEntry): void {
    try {
      this.#o.db
        .prepare(
          `INSERT INTO audit_events (id, at, station, username, event, object_type, object_id, outcome, detail_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          randomUUID(),
          this.#o.now().toISOString(),
          this.#o.station(),
          (entry.username === undefined ? this.#o.currentUser() : entry.username)?.toLowerCase() ?? null,
          entry.event,
          entry.objectType ?? null,
          entry.objectId ?? null,
          entry.outcome,
          entry.detail === undefined ? null : JSON.stringify(entry.detail),
        );
    } catch (error) {
      this.#o.log.error({ event: entry.event, ...errorFields(error) }, 'local audit write failed');
    }
  }

  /** The newest events first (for tests and a future audit screen). */
  recent(limit = 100): StoredAuditEvent[] {
    return (
      this.#o.db
        .prepare('SELECT * FROM audit_events ORDER BY at DESC, rowid DESC LIMIT ?')
        .all(limit) as Row[]
    ).map(toEvent);
  }

  /** Events of `username` not yet in the registry, oldest first. */
  unsent(username: string, limit = 200): StoredAuditEvent[] {
    return (
      this.#o.db
        .prepare(
          'SELECT * FROM audit_events WHERE sent_at IS NULL AND username = ? ORDER BY at, rowid LIMIT ?',
        )
        .all(username.toLowerCase(), limit) as Row[]
    ).map(toEvent);
  }

  markSent(ids: readonly string[]): void {
    const at = this.#o.now().toISOString();
    const mark = this.#o.db.prepare('UPDATE audit_events SET sent_at = ? WHERE id = ?');
    this.#o.db.transaction(() => {
      for (const id of ids) mark.run(at, id);
    })();
  }
}
