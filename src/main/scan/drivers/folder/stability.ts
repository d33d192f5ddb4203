/**
 * "Complete and stable": a file is ready when its size (non-zero) and modification time are the
 * same at two polls in a row. A capture program still writing changes one or the other between
 * polls; a file renamed in complete becomes ready one poll interval after it appears.
 */
import type { FileStamp } from './folder-files';

export class StabilityTracker {
  readonly #last = new Map<string, FileStamp>();

  /** Takes the current listing; returns the names unchanged since the previous poll, in name order. */
  update(current: ReadonlyMap<string, FileStamp>): string[] {
    const stable: string[] = [];
    for (const [name, stamp] of current) {
      const before = this.#last.get(name);
      if (
        before !== undefined &&
        stamp.size > 0 &&
        before.size === stamp.size &&
        before.mtimeMs === stamp.mtimeMs
      ) {
        stable.push(name);
      }
      this.#last.set(name, stamp);
    }
    for (const name of [...this.#last.keys()]) if (!current.has(name)) this.#last.delete(name);
    // Scanners and capture software number their files: natural order keeps "scan10" after "scan9".
    return stable.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  }

  forget(name: string): void {
    this.#last.delete(name);
  }
}
