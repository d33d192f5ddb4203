import type { Migration } from './types';

/**
 * Who changed the registry's version of a conflicting order, and when (issue 17): the clerk choosing
 * between two versions needs to know whose version the other one is. Both columns are null for
 * conflicts recorded before this migration, or when the registry did not say.
 * - `theirs_updated_by`: JSON `{ username, displayName }`.
 * - `theirs_updated_at`: ISO time of the registry's last change.
 */
export const migration005: Migration = {
  version: 5,
  name: 'conflicts: who changed the registry version and when',
  up(db) {
    db.exec(`
      ALTER TABLE sync_conflicts ADD COLUMN theirs_updated_by TEXT;
      ALTER TABLE sync_conflicts ADD COLUMN theirs_updated_at TEXT;
    `);
  },
};
