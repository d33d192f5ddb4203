/**
 * The registry's blob volume refusing writes while an uploaded image is linked to its order: the
 * process's own RLIMIT_FSIZE (no privilege; EFBIG, as a full quota would) is lowered so the blob's
 * write fails at a point that moves on each round. Expected: a 507 STORAGE_FULL answer the station
 * retries (not an anonymous 500), nothing half there (no image row, no blob row, no blob or temp
 * file), the upload kept, and the same link working once space returns.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Upload } from 'tus-js-client';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { OrderRecord } from '../../src/shared/api';
import { specimenPdf } from '../../src/server/seed/pdf';
import { fileSizeLimitUnavailable, limitFileSize } from '../support/disk-limits';
import { describeOnBackends } from './support/backends';
import { startHarness, type Harness } from './support/harness';
import { completeOrder } from './support/orders';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const noLimit = fileSizeLimitUnavailable();

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

describeOnBackends('registry storage full', (kind) => {
  let h: Harness;
  let clerk: string;
  let orderId: string;
  let pdf: Buffer;

  beforeAll(async () => {
    h = await startHarness(kind);
    clerk = (await h.signIn('alameda.clerk')).accessToken;
    const order = completeOrder(h.app.registry.orders.today());
    orderId = order.id;
    await h.createOrder(clerk, order);
    pdf = await specimenPdf(order, 6);
  });
  afterEach(() => {
    if (!noLimit) limitFileSize(null);
  });
  afterAll(async () => {
    await h.close();
  });

  function upload(bytes: Buffer): Promise<string> {
    return new Promise((resolve, reject) => {
      const u: Upload = new Upload(bytes, {
        endpoint: `${h.url}/api/v1/uploads`,
        retryDelays: [],
        headers: { authorization: `Bearer ${clerk}` },
        metadata: { filename: 'order.pdf', filetype: 'application/pdf' },
        onSuccess: () => {
          resolve((u.url ?? '').split('/').pop() ?? '');
        },
        onError: reject,
      });
      u.start();
    });
  }

  it.skipIf(noLimit !== null)(
    `linking an image while the blob volume refuses writes at 5 moving points (no privilege: RLIMIT_FSIZE) answers 507 STORAGE_FULL, leaves nothing behind, and links once space returns${noLimit ? ` (skipped: ${noLimit})` : ''}`,
    async () => {
      const uploadId = await upload(pdf);
      const link = () =>
        h.call<OrderRecord>('POST', `/api/v1/orders/${orderId}/images`, {
          token: clerk,
          body: { uploadId, sha256: sha256(pdf), fileName: 'order.pdf', pageCount: 6 },
        });
      const blobDir = join(h.dataDir, 'blobs');
      for (let round = 0; round < 5; round += 1) {
        limitFileSize(Math.floor((pdf.length * round) / 5));
        const refused = await link();
        limitFileSize(null);
        expect(refused.status, `round ${round}`).toBe(507);
        expect(refused.body).toMatchObject({
          code: 'STORAGE_FULL',
          message: expect.stringContaining("The registry's storage is full"),
        });
        expect(await h.count('order_images')).toBe(0);
        expect(await h.count('blobs')).toBe(0);
        expect(filesUnder(blobDir)).toEqual([]);
      }
      const linked = await link();
      expect(linked.status).toBe(200);
      expect(linked.body.images).toEqual([
        expect.objectContaining({ sha256: sha256(pdf), size: pdf.length }),
      ]);
      expect(filesUnder(blobDir)).toEqual([sha256(pdf)]);
    },
    30_000,
  );
});
