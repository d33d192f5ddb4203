/**
 * Resumable, chunked image uploads (the tus protocol) at /api/v1/uploads. Every tus request needs a
 * bearer token; each upload records its owner, and only the owner may continue or link it. A
 * finished upload is just bytes in a staging folder until POST /orders/:id/images verifies its
 * SHA-256 and moves it into the blob store.
 */
import { FileStore } from '@tus/file-store';
import { Server, type Upload } from '@tus/server';
import type { RefusalAuditor } from '../audit/refusals';
import type { AuthService } from '../auth/service';
import { ApiError } from '../http/errors';
import { currentRequest } from '../http/request-context';

export const UPLOADS_PATH = '/api/v1/uploads';

export interface UploadStaging {
  readonly store: FileStore;
  readonly server: Server;
}

/** What a tus hook throws to refuse a request: tus answers with `status_code` and `body`. */
class TusRejection extends Error {
  readonly status_code: number;
  readonly body: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status_code = status;
    this.body = JSON.stringify({ code, message });
  }
}

function reject(status: number, code: string, message: string): TusRejection {
  return new TusRejection(status, code, message);
}

function bearer(header: string | null): string | null {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header ?? '');
  return match?.[1] ?? null;
}

export interface UploadOptions {
  readonly directory: string;
  readonly maxSize: number;
  /** Browser origins allowed to upload (CORS); tus itself would answer `*` to everyone. */
  readonly corsOrigins: readonly string[];
  readonly auth: AuthService;
  readonly auditRefusal: RefusalAuditor;
}

export function createUploadServer(options: UploadOptions): UploadStaging {
  const { auth, auditRefusal, corsOrigins } = options;
  const store = new FileStore({ directory: options.directory });
  const server = new Server({
    path: UPLOADS_PATH,
    datastore: store,
    maxSize: options.maxSize,
    respectForwardedHeaders: false,
    allowedOrigins: (origin) => corsOrigins.includes(origin),
    async onIncomingRequest(req, uploadId) {
      const refuse = async (status: number, code: string, message: string) => {
        const refused = { id: currentRequest()?.requestId ?? '', method: req.method, route: UPLOADS_PATH };
        await auditRefusal(refused, status, code);
        return reject(status, code, message);
      };
      const token = bearer(req.headers.get('authorization'));
      if (token === null) throw await refuse(401, 'UNAUTHENTICATED', 'Sign in first.');
      let userId: string;
      try {
        const principal = await auth.authenticate(token);
        const context = currentRequest();
        if (context !== undefined) context.principal = principal;
        userId = principal.userId;
      } catch (error) {
        if (error instanceof ApiError) throw await refuse(error.statusCode, error.code, error.message);
        throw error;
      }
      // Creating an upload has no id yet; continuing one must be done by its owner.
      if (req.method !== 'POST' && uploadId !== '') {
        const upload = await store.getUpload(uploadId).catch(() => null);
        if (upload !== null && upload.metadata?.owner !== userId) {
          throw reject(404, 'UPLOAD_NOT_FOUND', 'No such upload.');
        }
      }
      // Hand the owner to onUploadCreate through a header tus does not forward to the client.
      req.headers.set('x-ccpor-owner', userId);
    },
    onUploadCreate(req, _upload: Upload) {
      const owner = req.headers.get('x-ccpor-owner') ?? '';
      return Promise.resolve({ metadata: { ..._upload.metadata, owner } });
    },
  });
  return { store, server };
}
