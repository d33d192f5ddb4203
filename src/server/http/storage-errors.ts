/**
 * Recognises storage the registry could not write: its blob volume full or failing (ENOSPC, EDQUOT,
 * EFBIG, EIO, EROFS from Node's fs) or PostgreSQL out of disk (SQLSTATE 53100 disk_full, 58030
 * io_error). The request then fails as a whole — the blob's temp file is removed, the transaction
 * rolls back — so the answer can say nothing was saved and the station may simply send it again:
 * a 5xx, which the station's outbox retries, instead of an anonymous INTERNAL_ERROR.
 */
const FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', '53100']);
const FAILING = new Set(['EIO', 'EROFS', '58030']);

export function storageFault(error: unknown): 'full' | 'failing' | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  const code = error.code;
  if (typeof code !== 'string') return null;
  if (FULL.has(code)) return 'full';
  if (FAILING.has(code)) return 'failing';
  return null;
}

export function storageProblem(fault: 'full' | 'failing', requestId: string) {
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
