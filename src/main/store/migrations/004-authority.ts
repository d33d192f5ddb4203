import type { Migration } from './types';

/**
 * Who did what on the station (issue: one user per change, roles, local audit):
 * - `outbox.author_username`, `author_name`: the user who made each change; sync sends a change only
 *   under its author's own online session (rows from before this migration have no author).
 * - `drafts.org_ori`: the organisation whose users may see the draft (the creator's); existing
 *   drafts belong to their court.
 * - `audit_events`: the station's own audit trail (sign-ins, locks, unlocks, draft changes, views,
 *   prints, settings changes, refusals), kept encrypted like everything here and sent to the
 *   registry's audit log by each event's user.
 */
export const migration004: Migration = {
  version: 4,
  name: 'authority: change authors, draft organisation, local audit trail',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN author_username TEXT;
      ALTER TABLE outbox ADD COLUMN author_name TEXT;
      CREATE INDEX outbox_by_author ON outbox (author_username);

      ALTER TABLE drafts ADD COLUMN org_ori TEXT;
      UPDATE drafts SET org_ori = court_ori;
      CREATE INDEX drafts_by_org ON drafts (org_ori, updated_at);

      CREATE TABLE audit_events (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        station TEXT NOT NULL,
        username TEXT,
        event TEXT NOT NULL,
        object_type TEXT,
        object_id TEXT,
        outcome TEXT NOT NULL,
        detail_json TEXT,
        sent_at TEXT
      ) STRICT;
      CREATE INDEX audit_events_unsent ON audit_events (username, at) WHERE sent_at IS NULL;
    `);
  },
};
