/**
 * An error that becomes an HTTP answer: status, stable code, message for the clerk, optional field,
 * and extra members for the few codes that carry more (validation issues, the current record).
 */
import type { ApiErrorCode } from '../../shared/api';
import { CodedError } from '../../shared/errors';

export class ApiError extends CodedError {
  constructor(
    readonly statusCode: number,
    code: ApiErrorCode,
    message: string,
    field?: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(code, message, field);
  }

  toBody(): Record<string, unknown> {
    return { ...this.toProblem(), ...this.extra };
  }
}

export const notFound = (message = 'The order does not exist or you may not see it.'): ApiError =>
  new ApiError(404, 'ORDER_NOT_FOUND', message);

export const forbidden = (message: string, code: ApiErrorCode = 'FORBIDDEN'): ApiError =>
  new ApiError(403, code, message);
