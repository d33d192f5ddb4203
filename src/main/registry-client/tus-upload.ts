/**
 * Resumable image upload to the registry's tus endpoint (tus-js-client). The upload id is handed to
 * the caller as soon as the registry creates the upload, before any byte is sent, so the caller can
 * store it; a later attempt resumes it: tus asks the registry for its offset (HEAD) and sends only
 * what is missing, so a completed chunk is never sent twice. Retrying is the caller's business
 * (the sync worker's backoff), not tus-js-client's.
 */
import { Upload, type HttpResponse as TusResponse } from 'tus-js-client';
import { networkError, RegistryError } from './errors';
import type { RegistryClient } from './registry-client';
import { TusHttpStack } from './tus-http-stack';

export const UPLOADS_PATH = '/api/v1/uploads';

export interface BlobUploadOptions {
  readonly bytes: Buffer;
  readonly sha256: string;
  /** The id of an earlier, unfinished upload of the same bytes, to resume; null to start anew. */
  readonly resumeUploadId: string | null;
  /** Called once the registry has created the upload (persist it before bytes flow). */
  readonly onUploadId: (uploadId: string) => void;
  /** Called after each chunk the registry confirmed, with the bytes it now holds. */
  readonly onProgress?: (offset: number) => void;
  /** Bytes per PATCH request (default 8 MiB: one request for a typical order). */
  readonly chunkSize?: number;
  readonly signal?: AbortSignal;
}

export interface BlobUploadResult {
  readonly uploadId: string;
  /** Where the upload continued from (0 for a fresh upload). */
  readonly resumedAt: number;
}

function uploadIdOf(url: string | null): string | null {
  if (url === null) return null;
  const id = new URL(url, 'http://x').pathname.split('/').pop() ?? '';
  return /^[A-Za-z0-9_-]{8,128}$/.test(id) ? id : null;
}

function toRegistryError(error: unknown, client: RegistryClient): RegistryError {
  if (error instanceof RegistryError) return error;
  // tus-js-client's DetailedError, recognised by shape (its class is not reliably exported from the CJS build).
  const detailed = error as {
    originalResponse?: TusResponse | null;
    causingError?: (Error & { code?: string }) | null;
  };
  if (error instanceof Error && 'originalResponse' in detailed) {
    const response = detailed.originalResponse ?? null;
    if (response === null) {
      const cause = detailed.causingError ?? null;
      return networkError(cause?.code, client.http.baseUrl.host, client.http.timeoutMs);
    }
    const status = response.getStatus();
    let body: unknown;
    try {
      body = JSON.parse(response.getBody()) as unknown;
    } catch {
      body = undefined;
    }
    const problem = body as { code?: unknown; message?: unknown } | undefined;
    if (typeof problem?.code === 'string' && typeof problem.message === 'string') {
      return new RegistryError(problem.code as RegistryError['code'], problem.message, { status, body });
    }
    return new RegistryError(
      'HTTP_ERROR',
      status >= 500
        ? `The registry failed to store part of an image (HTTP ${status}). The station will resume the upload.`
        : `The registry refused part of an image upload (HTTP ${status}).`,
      { status },
    );
  }
  const code = (error as { code?: string } | null)?.code;
  return networkError(code, client.http.baseUrl.host, client.http.timeoutMs);
}

function attempt(
  client: RegistryClient,
  options: BlobUploadOptions,
  resumeId: string | null,
): Promise<BlobUploadResult> {
  // The worker's signal lives as long as the worker: the listener must go when this attempt ends,
  // or every finished upload (and the bytes its closure holds) would stay attached to it.
  let onAbort: (() => void) | null = null;
  const settled = new Promise<BlobUploadResult>((resolve, reject) => {
    let resumedAt = 0;
    let firstPatch = true;
    let announced: string | null = resumeId;
    const upload = new Upload(options.bytes, {
      endpoint: client.http.url(UPLOADS_PATH),
      uploadUrl: resumeId === null ? null : client.http.url(`${UPLOADS_PATH}/${resumeId}`),
      uploadSize: options.bytes.length,
      chunkSize: options.chunkSize ?? 8 * 1024 * 1024,
      retryDelays: null,
      storeFingerprintForResuming: false,
      removeFingerprintOnSuccess: false,
      // Creation first, bytes after: the id is known (and stored) before any byte is sent.
      uploadDataDuringCreation: false,
      metadata: { filetype: 'application/pdf', sha256: options.sha256 },
      httpStack: new TusHttpStack({
        origin: new URL(client.http.baseUrl.origin),
        agents: client.http.agents,
        timeoutMs: client.http.timeoutMs,
      }),
      onBeforeRequest: async (req) => {
        req.setHeader('Authorization', `Bearer ${await client.accessToken()}`);
        if (req.getMethod() === 'PATCH' && firstPatch) {
          firstPatch = false;
          resumedAt = Number(req.getHeader('Upload-Offset') ?? 0);
        }
      },
      onUploadUrlAvailable: () => {
        const id = uploadIdOf(upload.url);
        if (id !== null && id !== announced) {
          announced = id;
          options.onUploadId(id);
        }
      },
      onChunkComplete: (_chunk, accepted) => options.onProgress?.(accepted),
      onSuccess: () => {
        const id = uploadIdOf(upload.url);
        if (id === null)
          reject(new RegistryError('BAD_RESPONSE', 'The registry did not name the finished upload.'));
        else resolve({ uploadId: id, resumedAt });
      },
      onError: (error) => {
        reject(toRegistryError(error, client));
      },
    });
    onAbort = () => {
      void upload.abort(false);
      reject(new RegistryError('CANCELLED', 'The image upload was paused.'));
    };
    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    upload.start();
  });
  return settled.finally(() => {
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
  });
}

/**
 * Uploads (or resumes) `bytes`; resolves with the finished upload's id. A 401 refreshes the session
 * once and resumes; other failures reject with a RegistryError (network, or the registry's problem).
 */
export async function uploadBlob(
  client: RegistryClient,
  options: BlobUploadOptions,
): Promise<BlobUploadResult> {
  let resumeId = options.resumeUploadId;
  const remember = (id: string) => {
    resumeId = id;
    options.onUploadId(id);
  };
  const withMemory = { ...options, onUploadId: remember };
  try {
    return await attempt(client, withMemory, resumeId);
  } catch (error) {
    if (!(error instanceof RegistryError) || error.status !== 401) throw error;
    await client.refresh();
    return attempt(client, withMemory, resumeId);
  }
}
