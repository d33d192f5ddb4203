/**
 * Images of an order: linking an uploaded (or already stored) PDF after verifying its SHA-256, and
 * streaming it back with HTTP range support. Linking does not bump the order's version (the
 * version guards the order's data); it appears in the change feed as kind 'images'.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { LinkImageRequest, OrderRecord } from '../../shared/api';
import { writeAudit } from '../audit/log';
import type { Principal } from '../auth/principal';
import { mayUseBlob } from '../blobs/access';
import type { BlobStore, ByteRange } from '../blobs/store';
import type { Db } from '../db/types';
import { ApiError, forbidden, notFound } from '../http/errors';
import { pdfPageCount } from '../uploads/pdf-check';
import type { UploadStaging } from '../uploads/tus';
import { appendChange } from './persist';
import { mayEdit } from './policy';
import { toRecord } from './records';
import type { OrderService } from './service';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Bytes accepted for an order: a parsed PDF, its size and its page count as the registry counted them. */
interface AcceptedPdf {
  readonly size: number;
  readonly pageCount: number;
  /** The caller proved possession by uploading these bytes. */
  readonly uploadedBy: string | null;
}

function notAPdf(): ApiError {
  return new ApiError(
    422,
    'NOT_A_PDF',
    'The file is not a readable PDF: only PDF images can be attached to an order.',
    'sha256',
  );
}

function noSuchBlob(): ApiError {
  return new ApiError(
    404,
    'BLOB_NOT_FOUND',
    'The registry does not have these bytes yet: upload them first.',
    'sha256',
  );
}

export class ImageService {
  constructor(
    private readonly db: Db,
    private readonly blobs: BlobStore,
    private readonly staging: UploadStaging,
    private readonly orders: OrderService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async link(p: Principal, orderId: string, body: LinkImageRequest, requestId: string): Promise<OrderRecord> {
    const row = await this.orders.loadRow(this.db, p, orderId, false);
    if (!row) throw notFound();
    if (!mayEdit(p, row, this.now())) throw forbidden('You may not add images to this order.');
    const pdf =
      body.uploadId === undefined ? await this.existing(p, body.sha256) : await this.fromUpload(p, body);
    return this.db.transaction(async (tx) => {
      const locked = await this.orders.loadRow(tx, p, orderId, true);
      if (!locked) throw notFound();
      await tx.query(
        `INSERT INTO blobs (sha256, size, content_type) VALUES ($1, $2, 'application/pdf') ON CONFLICT (sha256) DO NOTHING`,
        [body.sha256, pdf.size],
      );
      if (pdf.uploadedBy !== null) {
        await tx.query(
          'INSERT INTO blob_uploaders (sha256, user_id) VALUES ($1, $2) ON CONFLICT (sha256, user_id) DO NOTHING',
          [body.sha256, pdf.uploadedBy],
        );
      }
      const linked = await tx.query(
        `INSERT INTO order_images (order_id, sha256, file_name, page_count, added_by, added_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (order_id, sha256) DO NOTHING`,
        [orderId, body.sha256, body.fileName, pdf.pageCount, p.kind === 'user' ? p.userId : null, this.now()],
      );
      if (linked.rowCount > 0) {
        await appendChange(tx, {
          orderId,
          orgId: locked.org_id,
          county: locked.county,
          status: locked.status,
          version: locked.version,
          kind: 'images',
          queue: locked.status === 'awaiting_carpos_data',
          at: this.now(),
        });
        await writeAudit(tx, {
          eventType: 'change',
          outcome: 'success',
          principal: p,
          objectType: 'order',
          objectId: orderId,
          requestId,
          details: {
            imageAdded: body.sha256,
            pageCount: pdf.pageCount,
            ...(body.pageCount !== undefined && body.pageCount !== pdf.pageCount
              ? { stationPageCount: body.pageCount }
              : {}),
          },
        });
      }
      return toRecord(tx, locked, this.now());
    });
  }

  /**
   * Bytes the registry already holds (a station skipping a re-upload): only for a caller who uploaded
   * them or may read an order that holds them; to anyone else they do not exist.
   */
  private async existing(p: Principal, sha256: string): Promise<AcceptedPdf> {
    if (!(await mayUseBlob(this.db, p, sha256))) throw noSuchBlob();
    const info = await this.blobs.stat(sha256);
    if (info === null) throw noSuchBlob();
    const pageCount = await pdfPageCount(await readAll(await this.blobs.read(sha256)));
    if (pageCount === null) throw notAPdf();
    return { size: info.size, pageCount, uploadedBy: null };
  }

  /**
   * A finished upload: its bytes must hash to `sha256` and parse as a PDF before they enter the blob
   * store, so refused bytes never reach it; bytes that are not a PDF are deleted from staging.
   */
  private async fromUpload(p: Principal, body: LinkImageRequest): Promise<AcceptedPdf> {
    const uploadId = body.uploadId ?? '';
    const upload = await this.staging.store.getUpload(uploadId).catch(() => null);
    const owner = p.kind === 'user' ? p.userId : null;
    if (upload === null || upload.metadata?.owner !== owner) {
      throw new ApiError(404, 'UPLOAD_NOT_FOUND', 'No finished upload with this id is yours.', 'uploadId');
    }
    if (upload.size === undefined || upload.offset !== upload.size) {
      throw new ApiError(
        409,
        'UPLOAD_INCOMPLETE',
        'The upload has not finished: resume it first.',
        'uploadId',
      );
    }
    const bytes = await readAll(this.staging.store.read(uploadId));
    const discard = () => this.staging.store.remove(uploadId).catch(() => undefined);
    // A digest that does not match keeps the upload: the station may have sent the wrong digest for
    // good bytes and can link them again. Bytes that are not a PDF are never acceptable: gone at once.
    if (createHash('sha256').update(bytes).digest('hex') !== body.sha256) {
      throw new ApiError(
        422,
        'CHECKSUM_MISMATCH',
        'The uploaded bytes do not match the SHA-256 the station sent: the file was damaged on the way. Upload it again.',
        'sha256',
      );
    }
    const pageCount = await pdfPageCount(bytes);
    if (pageCount === null) {
      await discard();
      throw notAPdf();
    }
    const stored = await this.blobs.put(Readable.from([bytes]), body.sha256);
    await discard();
    return { size: stored.size, pageCount, uploadedBy: owner };
  }

  /** Opens an image of a visible order (audited as a view). */
  async open(
    p: Principal,
    orderId: string,
    sha256: string,
    requestId: string,
  ): Promise<{ size: number; read: (range?: ByteRange) => Promise<Readable> }> {
    const row = await this.orders.loadRow(this.db, p, orderId, false);
    const linked = row
      ? await this.db.query<{ size: string }>(
          'SELECT b.size FROM order_images i JOIN blobs b ON b.sha256 = i.sha256 WHERE i.order_id = $1 AND i.sha256 = $2',
          [orderId, sha256],
        )
      : null;
    const size = linked?.rows[0]?.size;
    await writeAudit(this.db, {
      eventType: 'view',
      outcome: size === undefined ? 'failure' : 'success',
      principal: p,
      objectType: 'order_image',
      objectId: orderId,
      requestId,
      details: { sha256 },
    });
    if (size === undefined) throw new ApiError(404, 'BLOB_NOT_FOUND', 'No such image on this order.');
    return { size: Number(size), read: (range) => this.blobs.read(sha256, range) };
  }
}
