/**
 * The hot folder's memory of what it has taken, keyed by the content's SHA-256, so a file is never
 * taken twice: not after a restart, not when the capture software drops the same scan again under
 * another name. It is also the only trace a stored file leaves in the folder (the file itself is
 * removed once stored): its name, size and hash, never its content. The default store is `.ccpor-taken.json` in the folder, replaced atomically
 * (write a temporary file, flush, rename); the station may inject its own store instead.
 */
import { open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';

export type TakenState =
  /** Delivered to the pipeline, not yet confirmed stored: offered again after a restart. */
  | 'taken'
  /** Confirmed stored in the encrypted store; the file is (or is being) removed. Never offered again. */
  | 'stored'
  /** Not an image the station reads; moved to rejected/. */
  | 'rejected';

export interface TakenRecord {
  readonly sha256: string;
  /** The file name when it was taken. */
  readonly name: string;
  /** Its size in bytes (journals written before this field was kept do not have it). */
  readonly size?: number;
  readonly state: TakenState;
  /** ISO time of the last change. */
  readonly at: string;
}

export interface TakenJournal {
  get(sha256: string): Promise<TakenRecord | undefined>;
  put(record: TakenRecord): Promise<void>;
}

export const JOURNAL_NAME = '.ccpor-taken.json';

interface JournalFile {
  readonly version: 1;
  readonly records: Record<string, TakenRecord>;
}

/** The journal as a JSON file in the folder. One station per folder. */
export class JsonFileJournal implements TakenJournal {
  readonly path: string;
  #records: Map<string, TakenRecord> | undefined;
  #chain: Promise<unknown> = Promise.resolve();

  constructor(folder: string) {
    this.path = join(folder, JOURNAL_NAME);
  }

  async #load(): Promise<Map<string, TakenRecord>> {
    if (this.#records !== undefined) return this.#records;
    let records = new Map<string, TakenRecord>();
    try {
      const parsed = JSON.parse(await readFile(this.path, 'utf8')) as Partial<JournalFile>;
      records = new Map(Object.entries(parsed.records ?? {}));
    } catch (error) {
      // A missing journal is a new folder. An unreadable one must not silently forget what was
      // taken (that would take every file again): refuse to go on.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new Error(`The hot folder journal ${this.path} cannot be read: ${String(error)}`, {
          cause: error,
        });
      }
    }
    this.#records = records;
    return records;
  }

  async get(sha256: string): Promise<TakenRecord | undefined> {
    return (await this.#load()).get(sha256);
  }

  put(record: TakenRecord): Promise<void> {
    const write = this.#chain.then(async () => {
      const records = await this.#load();
      records.set(record.sha256, record);
      const body: JournalFile = { version: 1, records: Object.fromEntries(records) };
      const temporary = `${this.path}.${process.pid}.tmp`;
      const handle = await open(temporary, 'w');
      try {
        await handle.writeFile(JSON.stringify(body, null, 1));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, this.path);
    });
    this.#chain = write.catch(() => undefined);
    return write;
  }
}
