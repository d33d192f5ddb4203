/**
 * Recognises storage the registry could not write: its blob volume full or failing (ENOSPC, EDQUOT,
 * EFBIG, EIO, EROFS from Node's fs) or PostgreSQL out of disk (SQLSTATE 53100 disk_full, 58030
 * io_error). The request then fails as a whole — the blob's temp file is removed, the transaction
 * rolls back — so the answer can say nothing was saved and the station may simply send it again:
 * a 5xx, which the station's outbox retries, instead of an anonymous INTERNAL_ERROR.
 */
import { errnoFault, errorCode, type IoFault } from '../../shared/util/io-fault';

/** PostgreSQL's SQLSTATEs for the same: 53100 disk_full, 58030 io_error. */
const SQLSTATE_FAULTS: Readonly<Record<string, IoFault>> = { '53100': 'full', '58030': 'failing' };

export function storageFault(error: unknown): IoFault | null {
  const code = errorCode(error);
  if (code === undefined) return null;
  return errnoFault(code) ?? SQLSTATE_FAULTS[code] ?? null;
}

export function storageProblem(fault: IoFault, requestId: string) {
  return fault === 'full'
    ? {
        status: 507,
        body: {
          code: 'STORAGE_FULL',
          message: `The registry's storage is full, so this was not saved; nothing else changed. The station keeps it and sends it again later (reference ${requestId}).`,
        },
      }
    : {
        status: 503,
        body: {
          code: 'STORAGE_ERROR',
          message: `The registry could not write to its storage, so this was not saved; nothing else changed. The station keeps it and sends it again later (reference ${requestId}).`,
        },
      };
}
