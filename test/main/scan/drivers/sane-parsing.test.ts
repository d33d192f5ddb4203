/**
 * scanimage output parsing for backends the test machine does not have: option listings written
 * for these tests in the format `scanimage -A` prints (a fujitsu-style duplex feeder, an epson2-style
 * --adf-mode), and the stderr lines scanimage prints for SANE statuses.
 */
import { describe, expect, it } from 'vitest';
import { buildScanArgs } from '../../../../src/main/scan/drivers/sane/sane-args';
import { scanimageError } from '../../../../src/main/scan/drivers/sane/sane-errors';
import { saneDeviceProfile } from '../../../../src/main/scan/drivers/sane/sane-options';
import { sheetAndSide } from '../../../../src/main/scan/drivers/pages';

const FUJITSU_STYLE = `
All options specific to device \`fujitsu:fi-7160:1234':
  Standard:
    --source Flatbed|ADF Front|ADF Back|ADF Duplex [ADF Front]
        Selects the scan source (such as a document-feeder).
    --mode Lineart|Halftone|Gray|Color [Lineart]
        Selects the scan mode (e.g., lineart, monochrome, or color).
    --resolution 50..600dpi (in steps of 1) [600]
        Sets the horizontal resolution of the scanned image.
  Geometry:
    -l 0..215.872mm (in steps of 0.0211639) [0]
    -t 0..279.364mm (in steps of 0.0211639) [0]
    -x 0..215.872mm (in steps of 0.0211639) [215.872]
    -y 0..279.364mm (in steps of 0.0211639) [279.364]
    --page-width 0..221.121mm (in steps of 0.0211639) [215.872]
    --page-height 0..5588mm (in steps of 0.0211639) [279.364]
`;

const EPSON_STYLE = `
    --mode Binary|Gray|Color [Binary]
    --resolution 75|150|300|600dpi [300]
    --source Flatbed|Automatic Document Feeder [Flatbed]
    --adf-mode Simplex|Duplex [inactive]
    -x 0..215.9mm [215.9]
    -y 0..297.18mm [297.18]
`;

const LETTER = { resolutionDpi: 300, widthMm: 215.9, heightMm: 279.4 } as const;

describe('scanimage -A parsing', () => {
  it('reads a duplex feeder backend (fujitsu-style source names, page-width/height)', () => {
    const profile = saneDeviceProfile(FUJITSU_STYLE);
    expect(profile.capabilities).toEqual({
      resolutions: [75, 100, 150, 200, 240, 300, 400, 600],
      modes: ['lineart', 'gray', 'color'],
      sources: ['flatbed', 'feeder', 'feeder-duplex'],
      maxWidthMm: 221.121,
      maxHeightMm: 5588,
    });
    const args = buildScanArgs(
      'fujitsu:fi-7160:1234',
      { ...LETTER, mode: 'lineart', source: 'feeder-duplex' },
      profile,
      'pnm',
      '/t/p-%04d.pnm',
    );
    expect(args).toEqual([
      '-d',
      'fujitsu:fi-7160:1234',
      '--format=pnm',
      '--batch=/t/p-%04d.pnm',
      '--batch-print',
      '--source',
      'ADF Duplex',
      '--mode',
      'Lineart',
      '--resolution',
      '300',
      '--page-width',
      '215.9',
      '--page-height',
      '279.4',
      '-l',
      '0',
      '-t',
      '0',
      '-x',
      '215.9',
      '-y',
      '279.4',
    ]);
  });

  it('reads an --adf-mode duplex backend (epson2-style) and a word-list resolution', () => {
    const profile = saneDeviceProfile(EPSON_STYLE);
    expect(profile.capabilities.resolutions).toEqual([75, 150, 300, 600]);
    expect(profile.capabilities.sources).toEqual(['flatbed', 'feeder', 'feeder-duplex']);
    const args = buildScanArgs(
      'epson2:net:10.0.0.9',
      { ...LETTER, mode: 'lineart', source: 'feeder-duplex' },
      profile,
      'tiff',
      '/t/p-%04d.tif',
    );
    expect(args).toContain('--adf-mode=Duplex');
    expect(args.slice(args.indexOf('--source'), args.indexOf('--source') + 2)).toEqual([
      '--source',
      'Automatic Document Feeder',
    ]);
    expect(args.slice(args.indexOf('--mode'), args.indexOf('--mode') + 2)).toEqual(['--mode', 'Binary']);
    expect(() =>
      buildScanArgs(
        'e',
        { ...LETTER, resolutionDpi: 200, mode: 'gray', source: 'feeder' },
        profile,
        'pnm',
        'p',
      ),
    ).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_SETTING', field: 'resolutionDpi' }) as Error);
  });
});

describe('scanimage stderr → typed errors', () => {
  const run = (stderr: string, code: number, pages: number) =>
    scanimageError({ code, signal: null, stderr, pages });

  it('feeder out of documents: normal end after pages, FEEDER_EMPTY before any', () => {
    const line =
      'scanimage: sane_start: Document feeder out of documents\nBatch terminated, 3 pages scanned\n';
    expect(run(line, 0, 3)).toBeUndefined();
    expect(run(line, 7, 0)?.code).toBe('FEEDER_EMPTY');
  });

  it('maps device open failures and SANE status lines', () => {
    expect(run('scanimage: open of device fujitsu:x failed: Device busy\n', 1, 0)?.code).toBe('DEVICE_BUSY');
    expect(run('scanimage: open of device fujitsu:x failed: Invalid argument\n', 1, 0)?.code).toBe(
      'DEVICE_GONE',
    );
    expect(run('scanimage: sane_read: Document feeder jammed\n', 6, 2)?.code).toBe('PAPER_JAM');
    expect(run('scanimage: sane_start: Scanner cover is open\n', 8, 0)?.code).toBe('COVER_OPEN');
    expect(run('scanimage: sane_read: Error during device I/O\n', 9, 1)?.code).toBe('IO_ERROR');
    expect(run('scanimage: setting of option --mode failed (Invalid argument)\n', 1, 0)).toMatchObject({
      code: 'UNSUPPORTED_SETTING',
      field: '--mode',
    });
    expect(run('', 6, 0)?.code).toBe('PAPER_JAM'); // exit status alone
    expect(run('', 0, 5)).toBeUndefined();
  });
});

describe('duplex numbering', () => {
  it('odd pages are fronts, even pages backs of the same sheet; simplex is one sheet per page', () => {
    expect([1, 2, 3, 4, 5].map((i) => sheetAndSide(i, 'feeder-duplex'))).toEqual([
      { sheet: 1, side: 'front' },
      { sheet: 1, side: 'back' },
      { sheet: 2, side: 'front' },
      { sheet: 2, side: 'back' },
      { sheet: 3, side: 'front' },
    ]);
    expect(sheetAndSide(4, 'feeder')).toEqual({ sheet: 4, side: 'front' });
  });
});
