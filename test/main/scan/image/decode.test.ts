import { execFileSync } from 'node:child_process';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodePage } from '../../../../src/main/scan/image/decode';
import { PageError } from '../../../../src/main/scan/image/page-error';
import { decodePnm } from '../../../../src/main/scan/image/pnm';
import { isBlack } from '../../../../src/main/scan/image/raster';

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PageError) return error.code;
    throw error;
  }
  return 'no error';
}

const gradient = (w: number, h: number): Buffer =>
  Buffer.from(Array.from({ length: w * h }, (_, i) => (i * 7) % 256));

describe('PNM decoding', () => {
  it('decodes P5 gray, P6 colour (to luma) and P4 bilevel (as bits)', () => {
    const p5 = decodePnm(
      Buffer.concat([
        Buffer.from('P5\n# scanner comment\n3 2\n255\n'),
        Buffer.from([0, 128, 255, 10, 20, 30]),
      ]),
    );
    expect(p5.kind === 'gray' && [...p5.data]).toEqual([0, 128, 255, 10, 20, 30]);
    const p6 = decodePnm(Buffer.concat([Buffer.from('P6 1 1 255 '), Buffer.from([255, 0, 0])]));
    expect(p6.kind === 'gray' && p6.data[0]).toBe(76);
    const p4 = decodePnm(
      Buffer.concat([Buffer.from('P4\n10 2\n'), Buffer.from([0b10000000, 0b01111111, 0, 0b11000000])]),
    );
    expect(p4.kind).toBe('bilevel');
    if (p4.kind !== 'bilevel') return;
    expect([isBlack(p4, 0, 0), isBlack(p4, 1, 0), isBlack(p4, 9, 0), isBlack(p4, 8, 1)]).toEqual([
      true,
      false,
      true,
      true,
    ]);
    // The pad bits after column 10 are cleared so they never count as ink.
    expect(p4.data[1]).toBe(0b01000000);
  });

  it('decodes 16-bit and plain PNM', () => {
    const p5 = decodePnm(
      Buffer.concat([Buffer.from('P5 2 1 65535\n'), Buffer.from([0xff, 0xff, 0x80, 0x00])]),
    );
    expect(p5.kind === 'gray' && [...p5.data]).toEqual([255, 128]);
    const p2 = decodePnm(Buffer.from('P2\n2 2\n15\n0 15\n7 15\n'));
    expect(p2.kind === 'gray' && [...p2.data]).toEqual([0, 255, 119, 255]);
  });

  it.each([
    [
      'a truncated body',
      Buffer.concat([Buffer.from('P5\n100 100\n255\n'), Buffer.alloc(500)]),
      'TRUNCATED_IMAGE',
    ],
    ['a header cut short', Buffer.from('P5\n100 10'), 'TRUNCATED_IMAGE'],
    ['an unknown PNM type', Buffer.from('P7\n1 1\n'), 'UNSUPPORTED_FORMAT'],
    ['not PNM at all', Buffer.from('GIF89a'), 'CORRUPT_IMAGE'],
    ['a missing size', Buffer.from('P5\n# a comment\nxx 10\n'), 'CORRUPT_IMAGE'],
    ['an absurd size', Buffer.from('P5 100000 100000 255\n'), 'IMAGE_TOO_LARGE'],
  ])('refuses %s with a specific error', (_, bytes, code) => {
    expect(() => decodePnm(bytes)).toThrow(expect.objectContaining({ code }) as Error);
  });
});

describe('PNG, JPEG and TIFF decoding through sharp', () => {
  it('decodes each to 8-bit gray, and keeps a gray JPEG for use as it is', async () => {
    const raw = gradient(40, 30);
    const input = sharp(raw, { raw: { width: 40, height: 30, channels: 1 } });
    const png = await input.clone().png().toBuffer();
    const jpeg = await input.clone().toColourspace('b-w').jpeg().toBuffer();
    const tiff = await input.clone().tiff({ compression: 'lzw' }).toBuffer();
    for (const [format, bytes] of [
      ['png', png],
      ['jpeg', jpeg],
      ['tiff', tiff],
    ] as const) {
      const page = await decodePage(format, new Uint8Array(bytes));
      expect([page.raster.kind, page.raster.width, page.raster.height]).toEqual(['gray', 40, 30]);
    }
    expect(
      (await decodePage('png', new Uint8Array(png))).raster.kind === 'gray' &&
        (await decodePage('png', png)).raster.data[3],
    ).toBe(21);
    expect((await decodePage('jpeg', jpeg)).grayJpeg).toBe(jpeg);
    const colourJpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c04020' } })
      .jpeg()
      .toBuffer();
    expect((await decodePage('jpeg', colourJpeg)).grayJpeg).toBeUndefined();
  });

  it('marks a 1-bit TIFF as bilevel at the source', async () => {
    const tiff = await sharp(gradient(64, 16), { raw: { width: 64, height: 16, channels: 1 } })
      .threshold(128)
      .toColourspace('b-w')
      .tiff({ compression: 'ccittfax4', bitdepth: 1 })
      .toBuffer();
    expect((await decodePage('tiff', tiff)).sourceBilevel).toBe(true);
  });

  it('gives truncated, mislabelled, corrupt, empty and unsupported pages specific errors', async () => {
    const png = await sharp(gradient(200, 200), { raw: { width: 200, height: 200, channels: 1 } })
      .png()
      .toBuffer();
    expect(await errorCode(decodePage('png', png.subarray(0, png.length - 200)))).toBe('TRUNCATED_IMAGE');
    expect(await errorCode(decodePage('jpeg', png))).toBe('CORRUPT_IMAGE');
    expect(
      await errorCode(decodePage('png', Buffer.concat([png.subarray(0, 40), Buffer.alloc(400, 7)]))),
    ).toMatch(/CORRUPT_IMAGE|TRUNCATED_IMAGE/);
    expect(await errorCode(decodePage('png', new Uint8Array(0)))).toBe('TRUNCATED_IMAGE');
    expect(await errorCode(decodePage('gif', png))).toBe('UNSUPPORTED_FORMAT');
  });
});

describe('pages from a real SANE device (scanimage -d test)', () => {
  it('decodes a gray PNM scan and a lineart (1-bit) PNM scan', async () => {
    const gray = execFileSync(
      'scanimage',
      ['-d', 'test', '--mode', 'Gray', '--resolution', '100', '--test-picture', 'Grid', '--format=pnm'],
      {
        maxBuffer: 64 << 20,
      },
    );
    const page = await decodePage('pnm', new Uint8Array(gray));
    expect(page.raster.kind).toBe('gray');
    expect(page.raster.width).toBeGreaterThan(200);
    const lineart = execFileSync(
      'scanimage',
      [
        '-d',
        'test',
        '--mode',
        'Gray',
        '--depth',
        '1',
        '--resolution',
        '100',
        '--test-picture',
        'Grid',
        '--format=pnm',
      ],
      { maxBuffer: 64 << 20 },
    );
    const bits = await decodePage('pnm', new Uint8Array(lineart));
    expect(bits.raster.kind).toBe('bilevel');
    expect(bits.raster.width).toBe(page.raster.width);
  }, 60_000);
});
