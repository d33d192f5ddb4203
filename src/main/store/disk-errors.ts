/**
 * Recognises a write the disk refused — full (ENOSPC, a quota, a file-size limit) or failing (EIO) —
 * whether it came from Node's fs (blob files) or from SQLite (SQLITE_FULL, SQLITE_IOERR_*), and
 * turns it into one coded error the screens can explain. Without this a full disk reached the clerk
 * as "Something went wrong" (the dispatcher's INTERNAL) or, on a scanned page, as the raw errno text.
 *
 * Both writers leave nothing half-written when this happens (a blob is temp → rename, a record is one
 * SQLite transaction), so the message can honestly say that freeing space and repeating is enough.
 */
import { errnoFault, errorCode, type IoFault } from '../../shared/util/io-fault';
import { StoreError } from './errors';

export const DISK_FULL_MESSAGE =
  "The station's disk is full, so this was not saved. Free some space on the station (or ask IT to), then try again; nothing already saved was affected.";
export const DISK_ERROR_MESSAGE =
  'The station could not write to its disk (it may be full or failing), so this was not saved. Free some space or ask IT to check the disk, then try again; nothing already saved was affected.';

/** 'full', 'failing' or null for an error that is not about the disk. */
export function diskFault(error: unknown): IoFault | null {
  const code = errorCode(error);
  if (code === undefined) return null;
  const errno = errnoFault(code);
  if (errno !== null) return errno;
  if (code === 'SQLITE_FULL') return 'full';
  // SQLite reports a write cut short by a file-size limit or a failing disk as SQLITE_IOERR_WRITE
  // (and fsync as _FSYNC, growing the file as _TRUNCATE…); SQLITE_IOERR_NOMEM is memory, not disk.
  if (code.startsWith('SQLITE_IOERR') && code !== 'SQLITE_IOERR_NOMEM') return 'failing';
  return null;
}

/** The coded error for a disk fault (DISK_FULL or DISK_ERROR), or null when `error` is something else. */
export function diskFailure(error: unknown, message?: { full: string; failing: string }): StoreError | null {
  if (error instanceof StoreError && (error.code === 'DISK_FULL' || error.code === 'DISK_ERROR'))
    return error;
  const fault = diskFault(error);
  if (fault === 'full') return new StoreError('DISK_FULL', message?.full ?? DISK_FULL_MESSAGE);
  if (fault === 'failing') return new StoreError('DISK_ERROR', message?.failing ?? DISK_ERROR_MESSAGE);
  return null;
}
