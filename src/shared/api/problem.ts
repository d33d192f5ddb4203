/**
 * The error body every registry route answers with: `{ code, message, field? }`, plus the extra
 * members a few codes carry (the validation issues of a refused transition, the current record of a
 * version conflict). The station shows `message` to the clerk and branches on `code`.
 */
import { z } from 'zod';

export const problemSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
});
export type ApiProblem = z.infer<typeof problemSchema>;

export const validationIssueSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string(),
  severity: z.enum(['error', 'warning']),
});

/** 422 VALIDATION_FAILED: the CARPOS pre-flight validation refused the transition. */
export const validationFailedSchema = problemSchema.extend({
  issues: z.array(validationIssueSchema),
});

/** Stable error codes of the registry API (the station branches on these). */
export const API_ERROR_CODES = [
  'INVALID_REQUEST',
  'NAME_NOT_SEARCHABLE',
  'MALFORMED_JSON',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'UNAUTHENTICATED',
  'TOKEN_EXPIRED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'RATE_LIMITED',
  'ACCOUNT_DISABLED',
  'INVALID_REFRESH_TOKEN',
  'FORBIDDEN',
  'FIELD_NOT_ALLOWED',
  'CLETS_CERTIFICATION_REQUIRED',
  'SEALED_ORDER',
  'ORDER_NOT_FOUND',
  'ORDER_EXISTS',
  'ORDER_ID_MISMATCH',
  'COURT_NOT_YOURS',
  'UNKNOWN_COURT',
  'VERSION_CONFLICT',
  'INVALID_TRANSITION',
  'UNKNOWN_TRANSITION',
  'VALIDATION_FAILED',
  'IDEMPOTENCY_KEY_REQUIRED',
  'IDEMPOTENCY_KEY_REUSED',
  'NOT_IN_QUEUE',
  'ALREADY_CLAIMED',
  'CLAIM_REQUIRED',
  'UPLOAD_NOT_FOUND',
  'UPLOAD_INCOMPLETE',
  'CHECKSUM_MISMATCH',
  'NOT_A_PDF',
  'BLOB_NOT_FOUND',
  'RANGE_NOT_SATISFIABLE',
  'INVALID_CURSOR',
  'USER_NOT_FOUND',
  'SEPARATION_OF_DUTIES',
  'CERTIFICATION_TOO_LONG',
  'INTERNAL_ERROR',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
