/**
 * Everything the registry client can fail with, as data: the registry's own `{ code, message, field? }`
 * answers pass through unchanged; network failures get codes and messages of our own, written for
 * a clerk ("The registry did not answer within 10 seconds.").
 */
import type { ApiErrorCode } from '../../shared/api';
import { CodedError } from '../../shared/errors';

/** Codes the client adds to the registry's own (API_ERROR_CODES). */
export type ClientErrorCode =
  /** Nothing listens at the address, or the name does not resolve. */
  | 'REGISTRY_UNREACHABLE'
  /** No answer within the timeout. */
  | 'REGISTRY_TIMEOUT'
  /** The connection broke before the whole answer arrived. */
  | 'CONNECTION_LOST'
  /** An answer that is not what the API promises (wrong shape, not JSON). */
  | 'BAD_RESPONSE'
  /** A status without a problem body (a proxy's 502, a 500 page). */
  | 'HTTP_ERROR'
  /** No session, or the session could not be refreshed: sign in again. */
  | 'SIGNED_OUT'
  /** The registry address is not https (plain http is allowed to loopback only). */
  | 'INSECURE_REGISTRY_URL'
  /** The request was cancelled by the station (sync stopped). */
  | 'CANCELLED'
  /** Bad input caught before anything was sent. */
  | 'INVALID_INPUT'
  /**
   * The registry's TLS certificate was not accepted (expired, wrong name, unknown issuer): a security
   * error, never "offline". Nothing is sent, offline unlock is not offered, IT must look.
   */
  | 'REGISTRY_CERTIFICATE';

export type RegistryErrorCode = ApiErrorCode | ClientErrorCode;

const NETWORK_CODES: ReadonlySet<string> = new Set([
  'REGISTRY_UNREACHABLE',
  'REGISTRY_TIMEOUT',
  'CONNECTION_LOST',
]);

export class RegistryError extends CodedError {
  declare readonly code: RegistryErrorCode;

  constructor(
    code: RegistryErrorCode,
    message: string,
    options: {
      readonly field?: string;
      /** HTTP status of the answer; null when there was no answer. */
      readonly status?: number | null;
      /** The whole problem body, for codes that carry more (VERSION_CONFLICT's `current`, VALIDATION_FAILED's `issues`). */
      readonly body?: unknown;
    } = {},
  ) {
    super(code, message, options.field);
    this.status = options.status ?? null;
    this.body = options.body;
  }

  readonly status: number | null;
  readonly body: unknown;

  /** The registry did not answer (or the answer was lost): worth waiting for it and trying again. */
  get isNetwork(): boolean {
    return NETWORK_CODES.has(this.code);
  }

  /** Trying the same request again later may succeed (network trouble, 5xx, 429, 408). */
  get isTransient(): boolean {
    if (this.isNetwork || this.code === 'HTTP_ERROR' || this.code === 'BAD_RESPONSE') return true;
    // A refused certificate is not a refusal of the change: it is kept and sent once IT has fixed
    // the certificate (the status shows the security message meanwhile).
    if (this.code === 'REGISTRY_CERTIFICATE') return true;
    const s = this.status;
    return s !== null && (s >= 500 || s === 429 || s === 408);
  }
}

export function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} second${s === 1 ? '' : 's'}`;
}

/** Node's codes for a TLS certificate the connection refused (node:tls, OpenSSL verify results). */
const CERTIFICATE_ERRORS = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

/** Plain-words text for a Node/axios network error code (ECONNREFUSED, ETIMEDOUT, …). */
export function networkError(errno: string | undefined, host: string, timeoutMs: number): RegistryError {
  if (errno !== undefined && (CERTIFICATE_ERRORS.has(errno) || errno.startsWith('ERR_SSL_'))) {
    return new RegistryError(
      'REGISTRY_CERTIFICATE',
      `The registry at ${host} presented a security certificate this station does not accept (${errno}), so the connection may not be private and nothing was sent. ` +
        `Do not work around this: tell your court IT support "certificate error ${errno} from ${host}".`,
    );
  }
  switch (errno) {
    case 'ECONNABORTED':
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return new RegistryError(
        'REGISTRY_TIMEOUT',
        `The registry did not answer within ${seconds(timeoutMs)}.`,
      );
    case 'ECONNREFUSED':
      return new RegistryError(
        'REGISTRY_UNREACHABLE',
        `The registry at ${host} is not accepting connections. It may be down or restarting; the station will keep trying.`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new RegistryError(
        'REGISTRY_UNREACHABLE',
        `The registry's address ${host} cannot be found. Check the network connection.`,
      );
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
      return new RegistryError(
        'REGISTRY_UNREACHABLE',
        `The network cannot reach the registry at ${host}. Check the network connection.`,
      );
    case 'ERR_CANCELED':
      return new RegistryError('CANCELLED', 'The request to the registry was cancelled.');
    default:
      return new RegistryError(
        'CONNECTION_LOST',
        'The connection to the registry was cut before it answered. The station will try again.',
      );
  }
}
