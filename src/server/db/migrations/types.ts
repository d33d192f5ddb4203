/** A numbered schema migration. SQL lives in TS modules so a bundler carries it along. */
export interface Migration {
  readonly id: number;
  readonly name: string;
  readonly sql: string;
}
