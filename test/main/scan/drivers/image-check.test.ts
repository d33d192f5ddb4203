/** Recognising whole and incomplete page files without decoding them; TIFF page extraction. */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { inspectImage } from '../../../../src/main/scan/drivers/image-check';
import { extractTiffPage, parseTiff } from '../../../../src/main/scan/drivers/tiff';
import { multiPageTiff, pngPage } from './images';

function code(bytes: Uint8Array): string | undefined {
  try {
    inspectImage(bytes, 'page');
    return undefined;
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('image check', () => {
  it('accepts whole PNG, JPEG, TIFF and PNM files and reads their resolution', async () => {
    const png = await pngPage(1, 240);
    expect(inspectImage(png, 'p')).toMatchObject({ format: 'png', pageCount: 1, dpi: 240 });
    const jpeg = await sharp(png).withMetadata({ density: 150 }).jpeg().toBuffer();
    expect(inspectImage(jpeg, 'j')).toMatchObject({ format: 'jpeg', dpi: 150 });
    expect(inspectImage(multiPageTiff([10, 11], 5, 400), 't')).toMatchObject({
      format: 'tiff',
      pageCount: 2,
      dpi: 400,
    });
    const pbm = Buffer.concat([Buffer.from('P4\n# SANE data follows\n16 2\n'), Buffer.alloc(4)]);
    expect(inspectImage(pbm, 'b')).toMatchObject({ format: 'pnm' });
  });

  it('tells truncated files (CORRUPT_IMAGE) from files of another kind (UNSUPPORTED_FORMAT)', async () => {
    const png = await pngPage(2);
    expect(code(png.subarray(0, png.length - 12))).toBe('CORRUPT_IMAGE');
    const jpeg = await sharp(png).jpeg().toBuffer();
    expect(code(jpeg.subarray(0, jpeg.length - 100))).toBe('CORRUPT_IMAGE');
    const tiff = multiPageTiff([40, 40], 40, 300);
    expect(code(tiff.subarray(0, 3000))).toBe('CORRUPT_IMAGE');
    expect(code(Buffer.concat([Buffer.from('P5\n10 10\n255\n'), Buffer.alloc(50)]))).toBe('CORRUPT_IMAGE');
    expect(code(new Uint8Array(0))).toBe('CORRUPT_IMAGE');
    expect(code(Buffer.from('%PDF-1.7\n'))).toBe('UNSUPPORTED_FORMAT');
    expect(code(Buffer.from('PK\u0003\u0004 a Word file'))).toBe('UNSUPPORTED_FORMAT');
  });

  it('extracts each TIFF page as a standalone TIFF that a real decoder reads', async () => {
    const tiff = parseTiff(multiPageTiff([31, 32, 33], 9, 300));
    for (let p = 0; p < 3; p++) {
      const single = extractTiffPage(tiff, p);
      expect(parseTiff(single).pages).toHaveLength(1);
      const { data, info } = await sharp(single).raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height]).toEqual([31 + p, 9]);
      expect(data[0]).toBe(40 * p);
    }
  });
});
