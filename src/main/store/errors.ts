import { CodedError } from '../../shared/errors';

export type StoreErrorCode =
  /** The file is encrypted with another key, or damaged beyond reading. */
  | 'WRONG_KEY_OR_DAMAGED'
  /** A plain (unencrypted) SQLite database: not ours, or tampered with. */
  | 'UNENCRYPTED_DATABASE'
  /** Written by a newer version of the station. */
  | 'NEWER_DATABASE'
  | 'MIGRATION_FAILED'
  | 'KEY_MISSING'
  | 'INVALID_RECORD'
  | 'NOT_FOUND'
  | 'BLOB_MISSING'
  | 'BLOB_DAMAGED'
  /** The disk is full (or a quota or file-size limit was reached): nothing was written. */
  | 'DISK_FULL'
  /** The disk refused the write (I/O error, read-only): nothing was written. */
  | 'DISK_ERROR';

/** A store failure with a code the UI can explain and a message for a person. */
export class StoreError extends CodedError {
  declare readonly code: StoreErrorCode;

  // [reason: narrows `code` to StoreErrorCode so a typo is a compile error]
  // eslint-disable-next-line @typescript-eslint/no-useless-constructor
  constructor(code: StoreErrorCode, message: string, field?: string) {
    super(code, message, field);
  }
}
