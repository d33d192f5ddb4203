/**
 * The SANE driver against the real `scanimage` and SANE's own `test` backend (a real SANE device:
 * its feeder gives 10 pages a run). Failures mid-batch go through a wrapper that still runs the
 * real scanimage (see sane-wrapper.ts for exactly how).
 */
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanSettings } from '../../../../src/main/scan/driver';
import { SaneDriver } from '../../../../src/main/scan/drivers/sane/sane-driver';
import { collect } from './collect';
import { processesMentioning } from './proc';
import { writeScanimageWrapper } from './sane-wrapper';

const FEEDER: ScanSettings = {
  resolutionDpi: 75,
  mode: 'gray',
  source: 'feeder',
  widthMm: 80,
  heightMm: 100,
};

let work: string;
let wrapper: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ccpor-sane-test-'));
  wrapper = await writeScanimageWrapper(work);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function wrapped(env: Record<string, string>, options: { stopGraceMs?: number } = {}): SaneDriver {
  return new SaneDriver({ scanimage: wrapper, env: { ...process.env, ...env }, ...options });
}

async function exists(path: string): Promise<boolean> {
  return readdir(path).then(
    () => true,
    () => false,
  );
}

describe('SANE driver on the real scanimage test backend', () => {
  it('reads capabilities from scanimage -d test -A', async () => {
    const caps = await new SaneDriver().capabilities('sane:test');
    expect(caps.modes).toEqual(['lineart', 'gray', 'color']); // lineart = Gray at --depth 1 on this backend
    expect(caps.sources).toEqual(['flatbed', 'feeder']);
    expect(caps.resolutions).toEqual([75, 100, 150, 200, 240, 300, 400, 600, 1200]);
    expect(caps.maxWidthMm).toBe(200);
    expect(caps.maxHeightMm).toBe(200);
  });

  it('lists devices from scanimage -f, plus configured names SANE does not list (test)', async () => {
    // Debian's dll.conf does not enable the test backend: a private SANE_CONFIG_DIR that does makes
    // scanimage list it for real; the configured name 'test' is added beside it.
    const config = join(work, 'sane.d');
    await rm(config, { recursive: true, force: true });
    await mkdir(config);
    await writeFile(join(config, 'dll.conf'), 'test\n');
    const driver = new SaneDriver({
      env: { ...process.env, SANE_CONFIG_DIR: `${config}:` },
      extraDevices: ['test'],
    });
    const devices = await driver.listDevices();
    expect(devices.map((d) => d.id)).toEqual(['sane:test:0', 'sane:test:1', 'sane:test']);
    expect(devices[0]).toMatchObject({ driver: 'sane', vendor: 'Noname', model: 'frontend-tester' });
    expect(devices[2]?.label).toBe('test (configured)');
  });

  it('takes the extra device names from CCPOR_SANE_EXTRA_DEVICES', async () => {
    const driver = new SaneDriver({ env: { ...process.env, CCPOR_SANE_EXTRA_DEVICES: 'test, other:dev' } });
    const ids = (await driver.listDevices()).map((d) => d.id);
    expect(ids).toContain('sane:test');
    expect(ids).toContain('sane:other:dev');
  });

  it('a full feeder run streams the 10 pages the test backend feeds, then ends normally', async () => {
    const result = await collect(new SaneDriver().scan('sane:test', FEEDER));
    expect(result.error).toBeUndefined();
    expect(result.pages.map((p) => p.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(
      result.pages.every((p) => p.format === 'pnm' && p.side === 'front' && p.resolutionDpi === 75),
    ).toBe(true);
    expect(result.pages.map((p) => p.sheet)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const header = Buffer.from(result.pages[0]!.bytes.subarray(0, 2)).toString('latin1');
    expect(header).toBe('P5'); // 8-bit gray PNM
    expect(result.progress.length).toBeGreaterThanOrEqual(10); // "Scanning page N"
    expect(await exists(dirname(result.pages[0]!.origin))).toBe(false); // temp folder removed
  });

  it('lineart comes as a 1-bit PBM page', async () => {
    const result = await collect(
      new SaneDriver().scan('sane:test', { ...FEEDER, mode: 'lineart', source: 'flatbed' }),
    );
    expect(result.pages).toHaveLength(1); // flatbed: one page, not an endless batch
    expect(Buffer.from(result.pages[0]!.bytes.subarray(0, 2)).toString('latin1')).toBe('P4');
  });

  it('scans a 300 dpi page at the requested size (TIFF output)', async () => {
    const driver = new SaneDriver({ format: 'tiff' });
    const settings: ScanSettings = {
      resolutionDpi: 300,
      mode: 'gray',
      source: 'flatbed',
      widthMm: 200,
      heightMm: 200,
    };
    const result = await collect(driver.scan('sane:test', settings));
    expect(result.error).toBeUndefined();
    const page = result.pages[0]!;
    expect(page.format).toBe('tiff');
    expect(page.resolutionDpi).toBe(300);
    const { default: sharp } = await import('sharp');
    const meta = await sharp(page.bytes).metadata();
    expect(meta.width).toBe(Math.round((200 / 25.4) * 300));
    expect(meta.height).toBe(Math.round((200 / 25.4) * 300));
  });

  it('jam mid-batch: pages 1-3 are kept, then PAPER_JAM (wrapper: real scanimage --batch-count=3, then a real run jamming page 4 via --read-return-value SANE_STATUS_JAMMED)', async () => {
    const result = await collect(wrapped({ JAM_AT_PAGE: '4' }).scan('sane:test', FEEDER));
    expect(result.pages.map((p) => p.index)).toEqual([1, 2, 3]);
    expect(result.error?.code).toBe('PAPER_JAM');
    expect(result.error?.message).toMatch(/paper jam/i);
    expect(result.error?.message).toContain('Document feeder jammed');
    expect(await exists(dirname(result.pages[0]!.origin))).toBe(false);
  });

  it("scanner lost mid-batch: pages 1-2 are kept, then IO_ERROR with scanimage's reason, no temp files (wrapper: real scanimage --batch-count=2, then a real run failing page 3 via --read-return-value SANE_STATUS_IO_ERROR)", async () => {
    const result = await collect(
      wrapped({ JAM_AT_PAGE: '3', JAM_STATUS: 'SANE_STATUS_IO_ERROR' }).scan('sane:test', FEEDER),
    );
    expect(result.pages.map((p) => p.index)).toEqual([1, 2]);
    expect(result.error?.code).toBe('IO_ERROR');
    expect(result.error?.message).toMatch(/Error during device I\/O/i);
    expect(await exists(dirname(result.pages[0]!.origin))).toBe(false);
  });

  it('a scanimage that hangs after reporting a jam is stopped after the grace period: pages kept, PAPER_JAM, no process left (stand-in: real scanimage for 3 pages, then a script that prints the jam and ignores SIGINT and SIGTERM, as the SANE test backend sometimes deadlocks in sane_cancel)', async () => {
    const standIn = join(work, 'scanimage-hangs-after-jam.sh');
    await writeFile(
      standIn,
      `#!/bin/sh
case " $* " in *" --batch-print "*) ;; *) exec scanimage "$@" ;; esac
scanimage "$@" --batch-count=3 || exit $?
echo "scanimage: sane_read: Document feeder jammed" >&2
trap '' INT TERM
while :; do sleep 0.1; done
`,
      { mode: 0o755 },
    );
    const result = await collect(
      new SaneDriver({ scanimage: standIn, stopGraceMs: 300 }).scan('sane:test', FEEDER),
    );
    expect(result.pages.map((p) => p.index)).toEqual([1, 2, 3]);
    expect(result.error?.code).toBe('PAPER_JAM');
    expect(result.error?.message).toContain('Document feeder jammed');
    expect(await processesMentioning(standIn)).toEqual([]);
  });

  it.each([
    ['SANE_STATUS_NO_DOCS', 'FEEDER_EMPTY'],
    ['SANE_STATUS_COVER_OPEN', 'COVER_OPEN'],
    ['SANE_STATUS_DEVICE_BUSY', 'DEVICE_BUSY'],
    ['SANE_STATUS_IO_ERROR', 'IO_ERROR'],
  ])(
    'maps %s at the start of a batch to %s (wrapper: real scanimage with the test backend --read-return-value)',
    async (status, code) => {
      const result = await collect(wrapped({ READ_RETURN: status }).scan('sane:test', FEEDER));
      expect(result.pages).toHaveLength(0);
      expect(result.error?.code).toBe(code);
    },
  );

  it('cancel mid-batch: scanimage stops on SIGINT, delivered pages kept, events end without error, no temp files, no process left (wrapper: real scanimage slowed with --read-delay)', async () => {
    // The grace before SIGTERM/SIGKILL is longer than the test: if SIGINT did not stop scanimage,
    // cancel() would wait for the batch to end by itself and all 10 pages would come.
    const job = wrapped({ SLOW_US: '100000' }, { stopGraceMs: 600_000 }).scan('sane:test', {
      ...FEEDER,
      resolutionDpi: 100,
      widthMm: 200,
      heightMm: 200,
    });
    let spool = '';
    const result = await collect(job, async (page, soFar) => {
      spool = dirname(page.origin);
      if (soFar === 2) {
        await job.cancel();
        expect(await processesMentioning(spool)).toEqual([]); // gone when cancel() resolves
      }
    });
    expect(result.error).toBeUndefined();
    expect(result.pages.length).toBeGreaterThanOrEqual(2);
    expect(result.pages.length).toBeLessThan(10); // stopped before the feeder's 10 pages
    expect(result.pages.slice(0, 2).map((p) => p.index)).toEqual([1, 2]);
    expect(await exists(spool)).toBe(false);
    expect(await processesMentioning(spool)).toEqual([]);
  });

  it('leaving the loop early cancels the job the same way', async () => {
    const job = wrapped({ SLOW_US: '100000' }).scan('sane:test', {
      ...FEEDER,
      resolutionDpi: 100,
      widthMm: 200,
      heightMm: 200,
    });
    let spool = '';
    for await (const event of job.events) {
      if (event.type === 'page') {
        spool = dirname(event.page.origin);
        break;
      }
    }
    expect(spool).not.toBe('');
    expect(await exists(spool)).toBe(false);
    expect(await processesMentioning(spool)).toEqual([]);
  });

  it('with a spool folder of its own: pages are written in a 0700 folder inside it, each file is deleted as soon as it is read, and the folder goes at the end', async () => {
    const spoolDir = join(work, 'spool-finish');
    await mkdir(spoolDir, { mode: 0o700 });
    const seen: { origin: string; folderMode: number; fileLeft: boolean }[] = [];
    const result = await collect(new SaneDriver({ spoolDir }).scan('sane:test', FEEDER), async (page) => {
      seen.push({
        origin: page.origin,
        folderMode: (await stat(dirname(page.origin))).mode & 0o777,
        fileLeft: await stat(page.origin).then(
          () => true,
          () => false,
        ),
      });
    });
    expect(result.error).toBeUndefined();
    expect(seen).toHaveLength(10);
    for (const page of seen) {
      expect(dirname(dirname(page.origin))).toBe(spoolDir); // <spoolDir>/ccpor-sane-XXXXXX/page-NNNN.pnm
      expect(page.folderMode).toBe(0o700);
      expect(page.fileLeft).toBe(false); // read, then deleted, before the page was handed on
    }
    expect(await readdir(spoolDir)).toEqual([]);
  });

  it('with a spool folder of its own, a cancel leaves it empty (wrapper: real scanimage slowed with --read-delay)', async () => {
    const spoolDir = join(work, 'spool-cancel');
    await mkdir(spoolDir, { mode: 0o700 });
    const job = new SaneDriver({
      scanimage: wrapper,
      env: { ...process.env, SLOW_US: '100000' },
      spoolDir,
    }).scan('sane:test', { ...FEEDER, resolutionDpi: 100, widthMm: 200, heightMm: 200 });
    const result = await collect(job, async (page, soFar) => {
      expect(dirname(dirname(page.origin))).toBe(spoolDir);
      if (soFar === 1) await job.cancel();
    });
    expect(result.error).toBeUndefined();
    expect(result.pages.length).toBeLessThan(10);
    expect(await readdir(spoolDir)).toEqual([]);
  });

  it('refuses a page larger than the device before starting scanimage (UNSUPPORTED_SETTING, field widthMm)', async () => {
    const letter: ScanSettings = { ...FEEDER, widthMm: 215.9, heightMm: 279.4 };
    const result = await collect(new SaneDriver().scan('sane:test', letter));
    expect(result.error).toMatchObject({ code: 'UNSUPPORTED_SETTING', field: 'widthMm' });
  });

  it('refuses a source the device does not have (UNSUPPORTED_SETTING, field source)', async () => {
    const result = await collect(new SaneDriver().scan('sane:test', { ...FEEDER, source: 'feeder-duplex' }));
    expect(result.error).toMatchObject({ code: 'UNSUPPORTED_SETTING', field: 'source' });
  });

  it('a device that is not there is DEVICE_GONE', async () => {
    await expect(new SaneDriver().capabilities('sane:no-such-device')).rejects.toMatchObject({
      code: 'DEVICE_GONE',
    });
    const result = await collect(new SaneDriver().scan('sane:no-such-device', FEEDER));
    expect(result.error?.code).toBe('DEVICE_GONE');
  });

  it('scanimage missing is DRIVER_MISSING', async () => {
    const driver = new SaneDriver({ scanimage: join(work, 'no-scanimage') });
    await expect(driver.listDevices()).rejects.toMatchObject({ code: 'DRIVER_MISSING' });
  });
});
