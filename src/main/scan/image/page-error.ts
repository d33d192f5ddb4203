/**
 * The error a single page gets when it cannot be processed. The batch goes on without it; the
 * page stays in the batch model with this error so the operator sees which sheet to rescan.
 */
import { CodedError } from '../../../shared/errors';

export type PageErrorCode =
  | 'CORRUPT_IMAGE'
  | 'TRUNCATED_IMAGE'
  | 'UNSUPPORTED_FORMAT'
  | 'IMAGE_TOO_LARGE'
  | 'BAD_RESOLUTION'
  | 'IO_ERROR'
  | 'WORKER_FAILED';

export class PageError extends CodedError {
  declare readonly code: PageErrorCode;

  constructor(code: PageErrorCode, message: string) {
    super(code, message, 'page');
  }
}

/** Largest page we decode: an A3 page at 600 dpi is ~70 megapixels; anything past this is refused, not attempted. */
export const MAX_PAGE_PIXELS = 80_000_000;
