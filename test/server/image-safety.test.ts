/**
 * Issue 12, holes 4, 9 and 10: stored bytes are reachable only through orders one may read (or
 * one's own upload); uploads are parsed as PDFs, counted by the registry and deleted when refused;
 * images and JSON carry headers that keep browsers from caching, sniffing or framing them; CORS is
 * closed except for configured origins.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OrderRecord } from '../../src/shared/api';
import { specimenPdf } from '../../src/server/seed/pdf';
import { describeOnBackends } from './support/backends';
import { startHarness, type Harness } from './support/harness';
import { completeOrder } from './support/orders';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const ALLOWED_ORIGIN = 'https://station.example.org';

describeOnBackends('registry image safety', (kind) => {
  let h: Harness;
  let supervisor: string;
  let clerk: string;
  let today: string;

  beforeAll(async () => {
    h = await startHarness(kind, { corsOrigins: [ALLOWED_ORIGIN] });
    supervisor = (await h.signIn('alameda.supervisor')).accessToken;
    clerk = (await h.signIn('alameda.clerk')).accessToken;
    today = h.app.registry.orders.today();
  });
  afterAll(async () => {
    await h.close();
  });

  /** A whole upload in two plain tus requests; returns the upload id. */
  async function upload(
    bytes: Buffer,
    token: string,
    origin?: string,
  ): Promise<{ id: string; headers: Headers }> {
    const created = await fetch(`${h.url}/api/v1/uploads`, {
      method: 'POST',
      headers: {
        'tus-resumable': '1.0.0',
        'upload-length': String(bytes.length),
        authorization: `Bearer ${token}`,
        ...(origin ? { origin } : {}),
      },
    });
    expect(created.status).toBe(201);
    const location = created.headers.get('location') ?? '';
    const patched = await fetch(new URL(location, h.url), {
      method: 'PATCH',
      headers: {
        'tus-resumable': '1.0.0',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
        authorization: `Bearer ${token}`,
      },
      body: bytes,
    });
    expect(patched.status).toBe(204);
    return { id: location.split('/').pop() ?? '', headers: created.headers };
  }

  async function draft(token: string, sealed = false): Promise<string> {
    const order = completeOrder(today, { sealed });
    const res = await h.call('POST', '/api/v1/orders', {
      token,
      body: { order },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(res.status).toBe(201);
    return order.id;
  }

  const link = (token: string, orderId: string, body: Record<string, unknown>) =>
    h.call<OrderRecord & { code?: string }>('POST', `/api/v1/orders/${orderId}/images`, { token, body });

  it("hole 4: knowing a sealed order's image digest neither finds nor attaches its bytes", async () => {
    const sealedId = await draft(supervisor, true);
    const pdf = await specimenPdf(completeOrder(today), 2);
    const up = await upload(pdf, supervisor);
    expect(
      (await link(supervisor, sealedId, { uploadId: up.id, sha256: sha256(pdf), fileName: 's.pdf' })).status,
    ).toBe(200);

    const own = await draft(clerk);
    const exists = await h.call('GET', `/api/v1/blobs/${sha256(pdf)}`, { token: clerk });
    expect(exists.status).toBe(404);
    const stolen = await link(clerk, own, { sha256: sha256(pdf), fileName: 'mine.pdf' });
    expect(stolen.status).toBe(404);
    expect(stolen.body.code).toBe('BLOB_NOT_FOUND');
    const download = await h.call('GET', `/api/v1/orders/${own}/images/${sha256(pdf)}`, { token: clerk });
    expect(download.status).toBe(404);

    // The uploader may reuse the bytes it uploaded, on another of its orders.
    const again = await draft(supervisor);
    expect((await h.call('GET', `/api/v1/blobs/${sha256(pdf)}`, { token: supervisor })).status).toBe(200);
    expect((await link(supervisor, again, { sha256: sha256(pdf), fileName: 'again.pdf' })).status).toBe(200);
  });

  it('hole 4: bytes of an order the caller may read can be attached by digest', async () => {
    const pdf = await specimenPdf(completeOrder(today), 1);
    const holder = await draft(clerk);
    const up = await upload(pdf, clerk);
    expect(
      (await link(clerk, holder, { uploadId: up.id, sha256: sha256(pdf), fileName: 'a.pdf' })).status,
    ).toBe(200);
    const clerk2 = (await h.signIn('alameda.clerk2')).accessToken;
    // Same court: the draft is visible to clerk2, so its bytes are too.
    const mine = await draft(clerk2);
    expect((await link(clerk2, mine, { sha256: sha256(pdf), fileName: 'b.pdf' })).status).toBe(200);
    const fresno = (await h.signIn('fresno.clerk')).accessToken;
    expect((await h.call('GET', `/api/v1/blobs/${sha256(pdf)}`, { token: fresno })).status).toBe(404);
  });

  it('hole 9: an upload that starts with %PDF- but is HTML is refused and its bytes are gone', async () => {
    const fake = Buffer.from('%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n');
    const orderId = await draft(clerk);
    const up = await upload(fake, clerk);
    const uploads = join(h.dataDir, 'uploads');
    expect(readdirSync(uploads).some((f) => f.startsWith(up.id))).toBe(true);
    const res = await link(clerk, orderId, {
      uploadId: up.id,
      sha256: sha256(fake),
      fileName: 'x.pdf',
      pageCount: 1,
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('NOT_A_PDF');
    expect(readdirSync(uploads).some((f) => f.startsWith(up.id))).toBe(false);
    const digest = sha256(fake);
    expect(existsSync(join(h.dataDir, 'blobs', digest.slice(0, 2), digest.slice(2, 4), digest))).toBe(false);
    expect(await h.count(`blobs WHERE sha256 = '${digest}'`)).toBe(0);
  });

  it("hole 9: the registry counts the pages itself; the client's count is not stored", async () => {
    const pdf = await specimenPdf(completeOrder(today), 3);
    const orderId = await draft(clerk);
    const up = await upload(pdf, clerk);
    const res = await link(clerk, orderId, {
      uploadId: up.id,
      sha256: sha256(pdf),
      fileName: 'p.pdf',
      pageCount: 99,
    });
    expect(res.status).toBe(200);
    expect(res.body.images).toEqual([expect.objectContaining({ sha256: sha256(pdf), pageCount: 3 })]);
  });

  it('hole 9/10: an image is served as an attachment, never sniffed or cached', async () => {
    const pdf = await specimenPdf(completeOrder(today), 1);
    const orderId = await draft(clerk);
    const up = await upload(pdf, clerk);
    expect(
      (await link(clerk, orderId, { uploadId: up.id, sha256: sha256(pdf), fileName: 'd.pdf' })).status,
    ).toBe(200);
    const res = await fetch(`${h.url}/api/v1/orders/${orderId}/images/${sha256(pdf)}`, {
      headers: { authorization: `Bearer ${clerk}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[0-9a-f]{64}\.pdf"$/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('hole 10: JSON answers carrying CJI are not cached, sniffed or framed', async () => {
    const orderId = await draft(clerk);
    for (const path of [
      `/api/v1/orders/${orderId}`,
      '/api/v1/search?lastName=Smith',
      '/api/v1/orders/nope',
    ]) {
      const res = await h.call('GET', path, { token: clerk });
      expect(res.headers.get('cache-control'), path).toBe('no-store');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('content-security-policy'), path).toMatch(
        /default-src 'none'.*frame-ancestors 'none'/,
      );
    }
  });

  it('hole 10: CORS is closed to origins that are not configured, on the API and on tus uploads', async () => {
    const evil = 'https://evil.example.com';
    const pdf = await specimenPdf(completeOrder(today), 1);
    const refused = await upload(pdf, clerk, evil);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
    const allowed = await upload(pdf, clerk, ALLOWED_ORIGIN);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    const options = await fetch(`${h.url}/api/v1/uploads`, { method: 'OPTIONS', headers: { origin: evil } });
    expect(options.headers.get('access-control-allow-origin')).toBeNull();
    const banner = await h.call('GET', '/api/v1/banner', { headers: { origin: evil } });
    expect(banner.headers.get('access-control-allow-origin')).toBeNull();
    const bannerAllowed = await h.call('GET', '/api/v1/banner', { headers: { origin: ALLOWED_ORIGIN } });
    expect(bannerAllowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
  });
});
