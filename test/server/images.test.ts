import { createHash } from 'node:crypto';
import { Upload } from 'tus-js-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OrderRecord } from '../../src/shared/api';
import { specimenPdf } from '../../src/server/seed/pdf';
import { describeOnBackends } from './support/backends';
import { startHarness, type Harness } from './support/harness';
import { completeOrder } from './support/orders';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describeOnBackends('registry images', (kind) => {
  let h: Harness;
  let clerk: string;
  let otherClerk: string;
  let fresno: string;
  let orderId: string;
  let pdf: Buffer;

  beforeAll(async () => {
    h = await startHarness(kind);
    clerk = (await h.signIn('alameda.clerk')).accessToken;
    otherClerk = (await h.signIn('alameda.clerk2')).accessToken;
    fresno = (await h.signIn('fresno.clerk')).accessToken;
    const order = completeOrder(h.app.registry.orders.today());
    orderId = order.id;
    await h.createOrder(clerk, order);
    // Several pages so the upload takes more than one chunk.
    pdf = await specimenPdf(order, 12);
  });
  afterAll(async () => {
    await h.close();
  });

  /** Uploads `bytes` with tus; when `stopAfterChunks` is set, aborts after that many chunks. */
  function tusUpload(
    bytes: Buffer,
    token: string,
    options: { uploadUrl?: string; stopAfterChunks?: number } = {},
  ) {
    return new Promise<{ url: string; completed: boolean }>((resolve, reject) => {
      let chunks = 0;
      const upload: Upload = new Upload(bytes, {
        endpoint: `${h.url}/api/v1/uploads`,
        ...(options.uploadUrl ? { uploadUrl: options.uploadUrl } : {}),
        chunkSize: 2048,
        retryDelays: [],
        headers: { authorization: `Bearer ${token}` },
        metadata: { filename: 'order.pdf', filetype: 'application/pdf' },
        onChunkComplete() {
          chunks += 1;
          if (options.stopAfterChunks !== undefined && chunks >= options.stopAfterChunks) {
            void upload.abort().then(() => {
              resolve({ url: upload.url ?? '', completed: false });
            });
          }
        },
        onSuccess() {
          resolve({ url: upload.url ?? '', completed: true });
        },
        onError: reject,
      });
      upload.start();
    });
  }

  const uploadIdOf = (url: string) => url.split('/').pop() ?? '';

  it('resumes an interrupted upload and links it only after verifying the SHA-256', async () => {
    expect(pdf.length).toBeGreaterThan(3 * 2048);
    const partial = await tusUpload(pdf, clerk, { stopAfterChunks: 2 });
    expect(partial.completed).toBe(false);
    const id = uploadIdOf(partial.url);

    const early = await h.call('POST', `/api/v1/orders/${orderId}/images`, {
      token: clerk,
      body: { uploadId: id, sha256: sha256(pdf), fileName: 'order.pdf', pageCount: 12 },
    });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'UPLOAD_INCOMPLETE' });

    const head = await fetch(partial.url, {
      method: 'HEAD',
      headers: { 'tus-resumable': '1.0.0', authorization: `Bearer ${clerk}` },
    });
    expect(Number(head.headers.get('upload-offset'))).toBe(2 * 2048);

    const resumed = await tusUpload(pdf, clerk, { uploadUrl: partial.url });
    expect(resumed.completed).toBe(true);
    expect(uploadIdOf(resumed.url)).toBe(id);

    const wrong = await h.call('POST', `/api/v1/orders/${orderId}/images`, {
      token: clerk,
      body: { uploadId: id, sha256: 'f'.repeat(64), fileName: 'order.pdf', pageCount: 12 },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: 'CHECKSUM_MISMATCH' });
    expect(await h.count('order_images')).toBe(0);

    const linked = await h.call<OrderRecord>('POST', `/api/v1/orders/${orderId}/images`, {
      token: clerk,
      body: { uploadId: id, sha256: sha256(pdf), fileName: 'order.pdf', pageCount: 12 },
    });
    expect(linked.status).toBe(200);
    expect(linked.body.images).toEqual([
      expect.objectContaining({
        sha256: sha256(pdf),
        fileName: 'order.pdf',
        pageCount: 12,
        size: pdf.length,
      }),
    ]);
  });

  it('needs a signed-in owner for every tus request', async () => {
    const anonymous = await fetch(`${h.url}/api/v1/uploads`, {
      method: 'POST',
      headers: { 'tus-resumable': '1.0.0', 'upload-length': '10' },
    });
    expect(anonymous.status).toBe(401);
    const partial = await tusUpload(pdf, clerk, { stopAfterChunks: 1 });
    const stranger = await fetch(partial.url, {
      method: 'HEAD',
      headers: { 'tus-resumable': '1.0.0', authorization: `Bearer ${otherClerk}` },
    });
    expect(stranger.status).toBe(404);
    const link = await h.call('POST', `/api/v1/orders/${orderId}/images`, {
      token: otherClerk,
      body: { uploadId: uploadIdOf(partial.url), sha256: sha256(pdf), fileName: 'x.pdf', pageCount: 1 },
    });
    expect(link.status).toBe(404);
    expect(link.body).toMatchObject({ code: 'UPLOAD_NOT_FOUND' });
  });

  it('refuses bytes that are not a PDF', async () => {
    const text = Buffer.from('just some text, not a PDF at all');
    const done = await tusUpload(text, clerk);
    const res = await h.call('POST', `/api/v1/orders/${orderId}/images`, {
      token: clerk,
      body: { uploadId: uploadIdOf(done.url), sha256: sha256(text), fileName: 'x.pdf', pageCount: 1 },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'NOT_A_PDF' });
  });

  it('answers the blob existence check and links stored bytes without a new upload', async () => {
    const known = await h.call('GET', `/api/v1/blobs/${sha256(pdf)}`, { token: clerk });
    expect(known.status).toBe(200);
    expect(known.body).toEqual({ sha256: sha256(pdf), size: pdf.length });
    const head = await fetch(`${h.url}/api/v1/blobs/${sha256(pdf)}`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${clerk}` },
    });
    expect(head.status).toBe(200);
    expect((await h.call('GET', `/api/v1/blobs/${'0'.repeat(64)}`, { token: clerk })).status).toBe(404);
    expect((await h.call('GET', `/api/v1/blobs/${sha256(pdf)}`)).status).toBe(401);

    const other = completeOrder(h.app.registry.orders.today());
    await h.createOrder(clerk, other);
    const res = await h.call<OrderRecord>('POST', `/api/v1/orders/${other.id}/images`, {
      token: clerk,
      body: { sha256: sha256(pdf), fileName: 'again.pdf', pageCount: 12 },
    });
    expect(res.status).toBe(200);
    expect(res.body.images).toHaveLength(1);
    const missing = await h.call('POST', `/api/v1/orders/${other.id}/images`, {
      token: clerk,
      body: { sha256: 'a'.repeat(64), fileName: 'missing.pdf', pageCount: 1 },
    });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'BLOB_NOT_FOUND' });
  });

  it('streams an image whole and by byte range, and audits the view', async () => {
    const path = `/api/v1/orders/${orderId}/images/${sha256(pdf)}`;
    const whole = await fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${clerk}` } });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(pdf)).toBe(true);

    const part = await fetch(`${h.url}${path}`, {
      headers: { authorization: `Bearer ${clerk}`, range: 'bytes=100-199' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${pdf.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(pdf.subarray(100, 200))).toBe(true);

    const tail = await fetch(`${h.url}${path}`, {
      headers: { authorization: `Bearer ${clerk}`, range: 'bytes=-10' },
    });
    expect(Buffer.from(await tail.arrayBuffer()).equals(pdf.subarray(pdf.length - 10))).toBe(true);

    const beyond = await fetch(`${h.url}${path}`, {
      headers: { authorization: `Bearer ${clerk}`, range: `bytes=${pdf.length + 5}-` },
    });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${pdf.length}`);

    const views = await h.database.db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM audit_log WHERE event_type = 'view' AND object_type = 'order_image' AND outcome = 'success'",
    );
    expect(Number(views.rows[0]?.n)).toBeGreaterThanOrEqual(3);
    // A draft of another court is not visible, and neither are its images.
    expect((await fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${fresno}` } })).status).toBe(
      404,
    );
  });
});
