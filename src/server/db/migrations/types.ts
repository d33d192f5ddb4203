import type { Queryable } from '../types';

/** A numbered schema migration. SQL lives in TS modules so a bundler carries it along. */
export interface Migration {
  readonly id: number;
  readonly name: string;
  readonly sql: string;
  /**
   * Data work SQL cannot do (re-indexing with the registry's own normalisation), run after `sql` in
   * the same transaction.
   */
  readonly after?: (tx: Queryable) => Promise<void>;
}
