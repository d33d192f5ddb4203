/** Collects positional parameters while a query is assembled: `params.add(v)` returns `$n`. */
export class SqlParams {
  /** `values`: parameters already in the statement (`$1`..), when more SQL is added around it. */
  constructor(readonly values: unknown[] = []) {}

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Escapes LIKE wildcards so user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
