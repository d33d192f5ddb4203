/**
 * Every generated corpus page through processPage (the function the workers run), in-process:
 * blank decisions, separator readings and bilevel sizes on realistic pages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROCESSING, type PageTaskResult } from '../../../../src/main/scan/worker/page-task';
import { processPage } from '../../../../src/main/scan/worker/process-page';
import { corpusPng, DRAFT_A, DRAFT_B, DRAFT_C, ensureCorpus, type CorpusPage } from '../corpus/generate';

let dir = '';
beforeAll(async () => {
  dir = await ensureCorpus();
}, 300_000);

async function run(
  name: CorpusPage,
  output: 'bilevel' | 'gray' = 'bilevel',
): Promise<Extract<PageTaskResult, { ok: true }>> {
  const result = await processPage({
    index: 1,
    format: 'png',
    bytes: corpusPng(dir, name),
    resolutionDpi: name.endsWith('200dpi') ? 200 : 300,
    options: { ...DEFAULT_PROCESSING, output },
  });
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result;
}

describe('blank-page score on generated pages', () => {
  it.each<CorpusPage>(['back-blank-clean', 'back-blank-noise'])(
    '%s is blank (noise, specks and bleed-through ignored)',
    async (name) => {
      const r = await run(name);
      expect(r.blank.blank).toBe(true);
      expect(r.blank.score).toBeLessThan(0.02);
    },
  );

  it.each<CorpusPage>(['back-few-words', 'handwritten', 'form-low-contrast', 'form-speckled'])(
    '%s is not blank',
    async (name) => {
      const r = await run(name);
      expect(r.blank.blank).toBe(false);
      expect(r.blank.score).toBeGreaterThan(0.1);
    },
  );
});

describe('separator reading on generated pages', () => {
  it.each<[CorpusPage, string, 'code128' | 'qr' | 'both']>([
    ['cover-a', DRAFT_A, 'code128'],
    ['cover-b-skewed', DRAFT_B, 'code128'],
    ['cover-c-200dpi', DRAFT_C, 'code128'],
    ['cover-a-code128-damaged', DRAFT_A, 'qr'],
  ])('%s carries its draft id', async (name, draftId, via) => {
    const r = await run(name);
    expect(r.separator).toEqual({ kind: 'cover', draftId, via, searchedFullPage: false, upsideDown: false });
  });

  it('reads a cover sheet fed upside down', async () => {
    expect((await run('cover-c-upside-down')).separator).toMatchObject({
      kind: 'cover',
      draftId: DRAFT_C,
      upsideDown: true,
    });
  });

  it('finds codes that are not where the sheet puts them by searching the whole page', async () => {
    expect((await run('cover-b-code-moved')).separator).toMatchObject({
      kind: 'cover',
      draftId: DRAFT_B,
      searchedFullPage: true,
    });
  });

  it('reports a cover sheet whose codes are destroyed as an unread separator', async () => {
    const r = await run('cover-d-damaged');
    expect(r.separator.kind).toBe('cover-unread');
    expect(r.separator).toMatchObject({ reason: expect.stringContaining('could be read') as unknown });
  });

  it.each<[CorpusPage, string]>([
    ['patch-t', 'T'],
    ['patch-2', '2'],
  ])('%s reads as patch %s', async (name, code) => {
    expect((await run(name)).separator).toEqual({ kind: 'patch', code });
  });

  it.each<CorpusPage>([
    'form-1',
    'form-skewed',
    'form-speckled',
    'form-low-contrast',
    'handwritten',
    'back-few-words',
  ])('%s is not a separator', async (name) => {
    expect((await run(name)).separator).toEqual({ kind: 'none' });
  });
});

describe('page encoding', () => {
  it.each<CorpusPage>(['form-1', 'form-2', 'form-speckled', 'form-skewed', 'form-low-contrast'])(
    '%s as CCITT G4 is at most 60 KB',
    async (name) => {
      const r = await run(name);
      expect(r.image.encoding).toBe('ccitt-g4');
      expect(r.image.bytes.length).toBeLessThanOrEqual(60 * 1024);
      expect([r.image.width, r.image.height, r.image.dpi]).toEqual([2550, 3300, 300]);
    },
  );

  it('encodes a gray page as JPEG', async () => {
    const r = await run('handwritten', 'gray');
    expect(r.image.encoding).toBe('jpeg');
    expect([r.image.bytes[0], r.image.bytes[1]]).toEqual([0xff, 0xd8]);
  });
});
