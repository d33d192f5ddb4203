import type { Database } from 'better-sqlite3-multiple-ciphers';

/** One numbered schema change. `up` runs inside the migration transaction; it must not commit. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
