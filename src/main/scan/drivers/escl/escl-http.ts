/**
 * HTTP for the eSCL driver (Node's fetch). A scanner that cannot be reached or that stops answering
 * becomes DEVICE_GONE; a request aborted by a cancel is re-thrown as an AbortError for the job to
 * recognise.
 */
import { scanFailure } from '../scan-error';

export interface HttpReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Uint8Array;
}

export interface HttpRequest {
  readonly method?: 'GET' | 'POST' | 'DELETE';
  readonly body?: string;
  readonly timeoutMs: number;
  /** The job's cancel signal. */
  readonly signal?: AbortSignal;
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

export async function httpRequest(url: string, request: HttpRequest): Promise<HttpReply> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal === undefined ? timeout : AbortSignal.any([timeout, request.signal]);
  try {
    const response = await fetch(url, {
      method: request.method ?? 'GET',
      signal,
      ...(request.body === undefined
        ? {}
        : { body: request.body, headers: { 'Content-Type': 'text/xml; charset=utf-8' } }),
    });
    const body = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    if (request.signal?.aborted === true) {
      const abort = new Error('cancelled');
      abort.name = 'AbortError';
      throw abort;
    }
    if (timeout.aborted) {
      throw scanFailure(
        'DEVICE_GONE',
        `${url} did not answer within ${Math.round(request.timeoutMs / 1000)} s`,
      );
    }
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    const detail = error instanceof Error ? error.message : String(error);
    throw scanFailure('DEVICE_GONE', `${url}: ${detail}${cause === '' ? '' : ` (${cause})`}`);
  }
}

export function bodyText(reply: HttpReply): string {
  return new TextDecoder().decode(reply.body);
}

/** Waits `ms`, or less if `signal` aborts (then resolves; the caller checks its cancel flag). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
