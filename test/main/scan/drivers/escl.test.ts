/**
 * The eSCL driver against an eSCL responder built from the published protocol (escl-responder.ts),
 * over real HTTP on loopback.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanSettings } from '../../../../src/main/scan/driver';
import { EsclDriver } from '../../../../src/main/scan/drivers/escl/escl-driver';
import { collect } from './collect';
import { EsclResponder, type ResponderScript } from './escl-responder';

const LETTER_FEEDER: ScanSettings = {
  resolutionDpi: 150,
  mode: 'gray',
  source: 'feeder',
  widthMm: 215.9,
  heightMm: 279.4,
};
const FAST = { firstRetryMs: 10, maxRetryMs: 40, requestTimeoutMs: 5_000 };

const running: EsclResponder[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

async function responder(
  script: ResponderScript,
): Promise<{ r: EsclResponder; driver: EsclDriver; id: string }> {
  const r = new EsclResponder(script);
  await r.start();
  running.push(r);
  return { r, driver: new EsclDriver({ urls: [r.baseUrl], timing: FAST }), id: `escl:${r.baseUrl}` };
}

function onlyJob(r: EsclResponder) {
  expect(r.jobs.size).toBe(1);
  return [...r.jobs.values()][0]!;
}

describe('eSCL driver against an eSCL responder built from the published protocol', () => {
  it('lists the configured scanner and reads its capabilities', async () => {
    const { driver, id } = await responder({ sheets: 1 });
    const devices = await driver.listDevices();
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({ id, driver: 'escl', model: 'Loopback eSCL Responder' });
    const caps = await driver.capabilities(id);
    expect(caps.sources).toEqual(['flatbed', 'feeder', 'feeder-duplex']);
    expect(caps.modes).toEqual(['lineart', 'gray', 'color']);
    expect(caps.resolutions).toEqual([75, 150, 300]);
    expect(caps.maxWidthMm).toBeCloseTo(215.9, 1);
    expect(caps.maxHeightMm).toBeCloseTo(355.6, 1);
  });

  it('leaves out a configured scanner that does not answer', async () => {
    const { r } = await responder({ sheets: 1 });
    const gone = new EsclResponder({ sheets: 1 });
    await gone.start();
    const goneUrl = gone.baseUrl;
    await gone.stop();
    const driver = new EsclDriver({ urls: [goneUrl, r.baseUrl], timing: FAST });
    expect((await driver.listDevices()).map((d) => d.id)).toEqual([`escl:${r.baseUrl}`]);
  });

  it('normal feeder run: posts the settings, loops NextDocument until 404, pages in order', async () => {
    const { r, driver, id } = await responder({ sheets: 5 });
    const result = await collect(driver.scan(id, LETTER_FEEDER));
    expect(result.error).toBeUndefined();
    expect(result.pages.map((p) => [p.index, p.sheet, p.side])).toEqual([
      [1, 1, 'front'],
      [2, 2, 'front'],
      [3, 3, 'front'],
      [4, 4, 'front'],
      [5, 5, 'front'],
    ]);
    expect(result.pages.every((p) => p.format === 'png' && p.resolutionDpi === 150)).toBe(true);
    expect(new Set(result.pages.map((p) => Buffer.from(p.bytes).toString('base64'))).size).toBe(5);
    expect(onlyJob(r).settings).toMatchObject({
      inputSource: 'Feeder',
      duplex: 'false',
      colorMode: 'Grayscale8',
      xResolution: '150',
      documentFormat: 'image/png',
      width: '2550',
      height: '3300',
    });
    expect(r.requests.filter((q) => q.endsWith('/NextDocument'))).toHaveLength(6); // 5 pages + the 404
  });

  it('duplex: fronts and backs alternate, two pages per sheet', async () => {
    const { r, driver, id } = await responder({ sheets: 3 });
    const result = await collect(driver.scan(id, { ...LETTER_FEEDER, source: 'feeder-duplex' }));
    expect(result.error).toBeUndefined();
    expect(result.pages.map((p) => `${p.sheet}${p.side[0] ?? ''}`)).toEqual([
      '1f',
      '1b',
      '2f',
      '2b',
      '3f',
      '3b',
    ]);
    expect(onlyJob(r).settings.duplex).toBe('true');
  });

  it('jam mid-batch: pages before the jam are kept, then PAPER_JAM from ScannerStatus, job deleted', async () => {
    const { r, driver, id } = await responder({ sheets: 6, jamAtPage: 3 });
    const result = await collect(driver.scan(id, LETTER_FEEDER));
    expect(result.pages.map((p) => p.index)).toEqual([1, 2]);
    expect(result.error?.code).toBe('PAPER_JAM');
    expect(result.error?.message).toContain('ScannerAdfJam');
    expect(onlyJob(r).deleted).toBe(true);
  });

  it('cancel after two pages: delivered pages kept, events end quietly, the job is DELETEd', async () => {
    const { r, driver, id } = await responder({ sheets: 8 });
    const job = driver.scan(id, LETTER_FEEDER);
    const result = await collect(job, async (_page, soFar) => {
      if (soFar === 2) await job.cancel();
    });
    expect(result.error).toBeUndefined();
    expect(result.pages.map((p) => p.index)).toEqual([1, 2]);
    expect(onlyJob(r).deleted).toBe(true);
    expect(r.requests.at(-1)).toMatch(/^DELETE \/eSCL\/ScanJobs\//);
  });

  it('device gone mid-batch (server closed, sockets cut): DEVICE_GONE after the pages already delivered', async () => {
    const { r, driver, id } = await responder({ sheets: 8 });
    const result = await collect(driver.scan(id, LETTER_FEEDER), async (_page, soFar) => {
      if (soFar === 2) await r.vanish();
    });
    expect(result.pages).toHaveLength(2);
    expect(result.error?.code).toBe('DEVICE_GONE');
  });

  it('damaged pages (half a PNG, bytes that are no image) are page errors and the batch goes on', async () => {
    const { driver, id } = await responder({ sheets: 5, damagedPages: { 2: 'cut', 4: 'noise' } });
    const result = await collect(driver.scan(id, LETTER_FEEDER));
    expect(result.pages.map((p) => p.index)).toEqual([1, 3, 5]);
    expect(result.pageErrors.map((e) => [e.index, e.error.code])).toEqual([
      [2, 'CORRUPT_IMAGE'],
      [4, 'UNSUPPORTED_FORMAT'],
    ]);
    expect(result.pageErrors[0]!.error.message).toMatch(/page 2 is an incomplete PNG/);
    expect(result.error).toBeUndefined();
  });

  it('a scanner that loses power mid-page (connection closed halfway through the body): the pages before are kept, then a clear error, no hang', async () => {
    const { driver, id } = await responder({ sheets: 5, damagedPages: { 3: 'dropped' } });
    const result = await collect(driver.scan(id, LETTER_FEEDER));
    expect(result.pages.map((p) => p.index)).toEqual([1, 2]);
    expect(result.error?.code).toMatch(/^(DEVICE_GONE|IO_ERROR)$/);
    expect(result.error?.message.length).toBeGreaterThan(10);
  });

  it('busy (503 on POST): retries with backoff and then scans', async () => {
    const { r, driver, id } = await responder({ sheets: 2, busyPosts: 3 });
    const result = await collect(driver.scan(id, LETTER_FEEDER));
    expect(result.error).toBeUndefined();
    expect(result.pages).toHaveLength(2);
    expect(r.requests.filter((q) => q === 'POST /eSCL/ScanJobs')).toHaveLength(4);
  });

  it('busy for longer than the busy timeout: DEVICE_BUSY', async () => {
    const r = new EsclResponder({ sheets: 2, busyPosts: 1_000 });
    await r.start();
    running.push(r);
    const driver = new EsclDriver({ urls: [r.baseUrl], timing: { ...FAST, busyTimeoutMs: 300 } });
    const result = await collect(driver.scan(`escl:${r.baseUrl}`, LETTER_FEEDER));
    expect(result.pages).toHaveLength(0);
    expect(result.error?.code).toBe('DEVICE_BUSY');
  });

  it('busy with another job (ScannerStatus State=Processing, job refused with 409): DEVICE_BUSY', async () => {
    const { driver, id } = await responder({ sheets: 2, busyWithOtherJob: true });
    const result = await collect(driver.scan(id, LETTER_FEEDER));
    expect(result.error?.code).toBe('DEVICE_BUSY');
    expect(result.error?.message).toContain('State=Processing');
  });

  it('pages not ready yet (503 on NextDocument) are waited for', async () => {
    const { driver, id } = await responder({ sheets: 3, notReadyPerPage: 2 });
    const result = await collect(driver.scan(id, LETTER_FEEDER));
    expect(result.error).toBeUndefined();
    expect(result.pages).toHaveLength(3);
  });

  it('empty feeder at the start: FEEDER_EMPTY, nothing posted', async () => {
    const { r, driver, id } = await responder({ sheets: 0 });
    const result = await collect(driver.scan(id, LETTER_FEEDER));
    expect(result.error?.code).toBe('FEEDER_EMPTY');
    expect(r.requests).not.toContain('POST /eSCL/ScanJobs');
  });

  it('a resolution the scanner does not offer: UNSUPPORTED_SETTING before any job is created', async () => {
    const { r, driver, id } = await responder({ sheets: 1 });
    const result = await collect(driver.scan(id, { ...LETTER_FEEDER, resolutionDpi: 600 }));
    expect(result.error).toMatchObject({ code: 'UNSUPPORTED_SETTING', field: 'resolutionDpi' });
    expect(r.jobs.size).toBe(0);
  });

  it('JPEG-only scanners deliver jpeg pages; flatbed gives one page', async () => {
    const { r, driver, id } = await responder({ sheets: 4, format: 'image/jpeg' });
    const result = await collect(driver.scan(id, { ...LETTER_FEEDER, source: 'flatbed', mode: 'color' }));
    expect(result.pages.map((p) => p.format)).toEqual(['jpeg']);
    expect(onlyJob(r).settings).toMatchObject({
      inputSource: 'Platen',
      colorMode: 'RGB24',
      documentFormat: 'image/jpeg',
    });
  });

  it('a malformed device id fails through the events with DEVICE_GONE', async () => {
    const result = await collect(new EsclDriver({ urls: [] }).scan('escl:not-a-url', LETTER_FEEDER));
    expect(result.error).toMatchObject({ code: 'DEVICE_GONE', field: 'deviceId' });
  });
});
