/**
 * What an errno from a write says about the disk, for the station's store and the registry's blob
 * volume alike: no room (the disk, a quota, a file-size limit) or a disk that failed or refuses
 * writes altogether. Each side adds its database's own codes (SQLite's, PostgreSQL's SQLSTATEs).
 */
export type IoFault = 'full' | 'failing';

const FULL_ERRNO = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
const FAILING_ERRNO = new Set(['EIO', 'EROFS']);

export function errnoFault(code: string): IoFault | null {
  if (FULL_ERRNO.has(code)) return 'full';
  if (FAILING_ERRNO.has(code)) return 'failing';
  return null;
}

/** The string `code` of an error (Node's errno, SQLite's, a SQLSTATE), if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = error.code;
  return typeof code === 'string' ? code : undefined;
}
