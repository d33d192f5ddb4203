/**
 * The whole pipeline with real worker threads, real generated pages, a real directory sink and
 * real PDF tools (qpdf, pdfinfo from poppler) checking the output.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanEvent, ScannedPage } from '../../../src/main/scan/driver';
import { setPageIncluded } from '../../../src/main/scan/pipeline/edits';
import { DirectoryOrderSink } from '../../../src/main/scan/pipeline/fs-sink';
import { MemoryPageImageStore } from '../../../src/main/scan/pipeline/image-store';
import { renderOrder } from '../../../src/main/scan/pipeline/render-order';
import { runBatch, type BatchRunOptions } from '../../../src/main/scan/pipeline/run-batch';
import { PageWorkerPool } from '../../../src/main/scan/worker/pool';
import { parseNamingTemplate } from '../../../src/shared/naming';
import { corpusPgm, corpusPng, DRAFT_A, DRAFT_B, ensureCorpus, type CorpusPage } from '../corpus/generate';

let dir = '';
let pool: PageWorkerPool;
beforeAll(async () => {
  dir = await ensureCorpus();
  pool = new PageWorkerPool(2);
}, 300_000);
afterAll(async () => {
  await pool.close();
});

const station = {
  courtOri: 'CA001015J',
  courtName: 'Superior Court of California, County of Alameda',
  county: 'Alameda',
  station: 'TEST-1',
  namingTemplate: parseNamingTemplate('{county}_{case}_{form}_{date}_{seq}'),
};

type Spec =
  | CorpusPage
  | { readonly bytes: Uint8Array; readonly format: ScannedPage['format'] }
  | { readonly error: string };

async function pageOf(spec: Spec, index: number, duplex: boolean): Promise<ScanEvent> {
  if (typeof spec === 'object' && 'error' in spec) {
    return {
      type: 'page-error',
      index,
      error: { code: 'IO_ERROR', message: spec.error, field: undefined, name: 'ScanError' } as never,
    };
  }
  const side = duplex && index % 2 === 0 ? 'back' : 'front';
  const sheet = duplex ? Math.ceil(index / 2) : index;
  const { bytes, format } =
    typeof spec === 'string'
      ? index % 2 === 0
        ? { bytes: corpusPng(dir, spec), format: 'png' as const }
        : { bytes: await corpusPgm(dir, spec), format: 'pnm' as const }
      : spec;
  return {
    type: 'page',
    page: { index, side, sheet, format, bytes, origin: `test:${index}`, resolutionDpi: 300 },
  };
}

async function* stack(
  specs: readonly Spec[],
  duplex = false,
  between?: (i: number) => Promise<void>,
): AsyncIterable<ScanEvent> {
  for (const [i, spec] of specs.entries()) {
    if (between) await between(i);
    yield await pageOf(spec, i + 1, duplex);
  }
}

function options(sinkDir: string, extra: Partial<BatchRunOptions> = {}): BatchRunOptions {
  return {
    source: 'feeder',
    method: { kind: 'cover-sheet' },
    station,
    pool,
    sink: new DirectoryOrderSink(sinkDir),
    startedAt: new Date('2026-11-29T18:00:00Z'),
    drafts: (draftId) =>
      Promise.resolve(
        draftId === DRAFT_A
          ? { draftId, caseNumber: 'FL-2026-000101', formId: 'DV-110' }
          : draftId === DRAFT_B
            ? { draftId, caseNumber: 'FL-2026-000202', formId: 'CH-110' }
            : undefined,
      ),
    ...extra,
  };
}

function pdfPages(path: string): number {
  const info = execFileSync('pdfinfo', [path]).toString();
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

describe('batch runner', () => {
  it('splits a stack on cover sheets and patch T, flags what it must, and names and stores one PDF per order', async () => {
    const sinkDir = mkdtempSync(join(tmpdir(), 'scan-sink-'));
    const events: string[] = [];
    const run = runBatch(
      stack([
        'cover-a',
        'form-1',
        'handwritten',
        'cover-b-skewed',
        'form-2',
        'back-blank-noise',
        'cover-d-damaged',
        'form-3',
        'patch-t',
        'form-low-contrast',
      ]),
      options(sinkDir, { onEvent: (e) => events.push(e.type) }),
    );
    const { batch, orders, flags } = await run.done;

    expect(orders.map((o) => [o.orderId, o.draftId, o.pages.map((p) => p.id), o.includedPages])).toEqual([
      ['o1', DRAFT_A, ['p2', 'p3'], 2],
      ['o4', DRAFT_B, ['p5', 'p6'], 1],
      ['o7', undefined, ['p8'], 1],
      ['o9', undefined, ['p10'], 1],
    ]);
    expect(orders.map((o) => o.fileName)).toEqual([
      'Alameda_FL-2026-000101_DV-110_20261129_001.pdf',
      'Alameda_FL-2026-000202_CH-110_20261129_001.pdf',
      'Alameda_20261129_001.pdf',
      'Alameda_20261129_002.pdf',
    ]);
    expect(flags.map((f) => `${f.code}:${f.pageId ?? f.orderId ?? ''}`)).toEqual([
      'UNREAD_SEPARATOR:o7',
      'NO_DRAFT:o7',
      'NO_DRAFT:o9',
      'BLANK:p6',
      'UNREAD_SEPARATOR:p7',
    ]);
    expect(batch.status).toBe('complete');
    expect(batch.counts).toEqual({ sheets: 10, sides: 10, fronts: 10, backs: 0 });

    const files = readdirSync(sinkDir)
      .filter((f) => f.endsWith('.pdf'))
      .sort();
    expect(files).toHaveLength(4);
    for (const o of orders) {
      const path = join(sinkDir, o.fileName!);
      execFileSync('qpdf', ['--check', path]);
      expect(pdfPages(path)).toBe(o.includedPages);
      const info = execFileSync('pdfinfo', [path]).toString();
      expect(info).toMatch(new RegExp(`Title:\\s+${o.fileName!.replace(/\./g, '\\.')}`));
      if (o.draft?.caseNumber) expect(info).toContain(o.draft.caseNumber);
    }
    expect(events.filter((e) => e === 'scanned')).toHaveLength(10);
    expect(events.filter((e) => e === 'processed')).toHaveLength(10);
    expect(events.filter((e) => e === 'order-stored')).toHaveLength(4);
    expect(events.at(-1)).toBe('complete');
  }, 180_000);

  it('gives bad pages a clear error and goes on with the rest of the batch', async () => {
    const sinkDir = mkdtempSync(join(tmpdir(), 'scan-sink-'));
    const png = corpusPng(dir, 'form-2');
    const specs: Spec[] = [
      'cover-a',
      'form-1',
      { bytes: png.subarray(0, Math.floor(png.length / 3)), format: 'png' },
      { bytes: png, format: 'bmp' as 'png' },
      { bytes: new TextEncoder().encode('P5\n2550 3300\n255\n'), format: 'pnm' },
      { bytes: Uint8Array.from({ length: 5000 }, (_, i) => (i * 131) & 255), format: 'jpeg' },
      { error: 'The file scan_0007.tif vanished before it could be read.' },
      'form-3',
    ];
    const { orders, batch } = await runBatch(stack(specs), options(sinkDir)).done;
    const errors = batch.pages.filter((p) => p.status === 'error').map((p) => [p.id, p.error?.code]);
    expect(errors).toEqual([
      ['p3', 'TRUNCATED_IMAGE'],
      ['p4', 'UNSUPPORTED_FORMAT'],
      ['p5', 'TRUNCATED_IMAGE'],
      ['p6', 'CORRUPT_IMAGE'],
      ['p7', 'IO_ERROR'],
    ]);
    expect(batch.pages.find((p) => p.id === 'p7')?.error?.message).toContain('vanished');
    expect(orders).toHaveLength(1);
    expect(orders[0]?.includedPages).toBe(2);
    expect(orders[0]?.issues.map((i) => i.code)).toEqual(['CONTAINS_UNREADABLE_PAGE']);
    expect(pdfPages(join(sinkDir, orders[0]!.fileName!))).toBe(2);
  }, 180_000);

  it('in duplex, takes the cover sheet back with it, keeps a back with a few words, flags blank backs and an odd count', async () => {
    const sinkDir = mkdtempSync(join(tmpdir(), 'scan-sink-'));
    const specs: Spec[] = [
      'cover-a',
      'back-blank-clean',
      'form-1',
      'back-few-words',
      'form-2',
      'back-blank-noise',
      'form-3',
    ];
    const { orders, batch } = await runBatch(
      stack(specs, true),
      options(sinkDir, { source: 'feeder-duplex' }),
    ).done;
    expect(batch.pages.map((p) => p.role)).toEqual([
      'separator',
      'separator-back',
      'content',
      'content',
      'content',
      'content',
      'content',
    ]);
    expect(orders.map((o) => o.pages.map((p) => [p.id, p.flags.map((f) => f.code).join()]))).toEqual([
      [
        ['p3', ''],
        ['p4', ''],
        ['p5', ''],
        ['p6', 'BLANK'],
        ['p7', 'MISSING_SIDE'],
      ],
    ]);
    expect(orders[0]?.includedPages).toBe(4);
    expect(batch.counts).toEqual({ sheets: 4, sides: 7, fronts: 4, backs: 3 });
    expect(batch.flags.map((f) => f.code)).toEqual(['DUPLEX_ODD_COUNT']);
  }, 180_000);

  it('keeps what is done when cancelled mid-batch', async () => {
    const sinkDir = mkdtempSync(join(tmpdir(), 'scan-sink-'));
    let processed = 0;
    let cancel: () => Promise<void> = () => Promise.resolve();
    const slow = async (i: number): Promise<void> => {
      if (i === 4) {
        // Wait until the first pages are through, then cancel while the "scanner" is feeding.
        while (processed < 4) await new Promise((r) => setTimeout(r, 20));
        await cancel();
      }
    };
    const run = runBatch(
      stack(['cover-a', 'form-1', 'cover-b-skewed', 'form-2', 'form-3', 'cover-a', 'form-1'], false, slow),
      options(sinkDir, {
        onEvent: (e) => {
          if (e.type === 'processed') processed += 1;
        },
      }),
    );
    cancel = () => run.cancel();
    const { batch, orders } = await run.done;
    expect(batch.status).toBe('cancelled');
    expect(batch.pages.map((p) => p.id)).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(orders.map((o) => [o.draftId, o.includedPages, o.fileName !== undefined])).toEqual([
      [DRAFT_A, 1, true],
      [DRAFT_B, 1, true],
    ]);
    expect(orders[1]?.issues.map((i) => i.code)).toEqual(['LAST_ORDER_CUT_SHORT']);
    expect(batch.flags.map((f) => f.code)).toEqual(['CANCELLED']);
    expect(readdirSync(sinkDir).filter((f) => f.endsWith('.pdf'))).toHaveLength(2);
  }, 180_000);

  it('keeps what is done when the scanner fails mid-batch (a jam)', async () => {
    const sinkDir = mkdtempSync(join(tmpdir(), 'scan-sink-'));
    async function* jammed(): AsyncIterable<ScanEvent> {
      yield* stack(['cover-a', 'form-1', 'cover-b-skewed']);
      throw Object.assign(new Error('Paper jam in the feeder: clear it and press Continue.'), {
        code: 'PAPER_JAM',
      });
    }
    const { batch, orders } = await runBatch(jammed(), options(sinkDir)).done;
    expect(batch.status).toBe('interrupted');
    expect(batch.flags.map((f) => f.code)).toEqual(['SCANNER_STOPPED']);
    expect(batch.flags[0]?.message).toContain('Paper jam');
    expect(orders.map((o) => o.draftId)).toEqual([DRAFT_A]);
    expect(batch.pages.find((p) => p.id === 'p3')?.flags.map((f) => f.code)).toEqual(['EMPTY_SEPARATOR']);
  }, 180_000);

  it('never overwrites an existing file: the next sequence number is taken', async () => {
    const sinkDir = mkdtempSync(join(tmpdir(), 'scan-sink-'));
    writeFileSync(join(sinkDir, 'alameda_FL-2026-000101_DV-110_20261129_001.pdf'), 'someone else');
    const { orders } = await runBatch(stack(['cover-a', 'form-1']), options(sinkDir)).done;
    expect(orders[0]?.fileName).toBe('Alameda_FL-2026-000101_DV-110_20261129_002.pdf');
  }, 180_000);

  it('re-renders an order after a blank page is restored, deterministically', async () => {
    const sinkDir = mkdtempSync(join(tmpdir(), 'scan-sink-'));
    const images = new MemoryPageImageStore();
    const { batch, orders } = await runBatch(
      stack(['cover-a', 'form-1', 'back-blank-noise']),
      options(sinkDir, { images }),
    ).done;
    const order = orders[0]!;
    expect(order.includedPages).toBe(1);
    const restored = setPageIncluded(batch, 'p3', true);
    const meta = { fileName: order.fileName!, station, draft: order.draft };
    const pdf = await renderOrder(restored, order.orderId, images, meta);
    const again = await renderOrder(restored, order.orderId, images, meta);
    expect(Buffer.compare(Buffer.from(pdf), Buffer.from(again))).toBe(0);
    const path = join(sinkDir, 'rerendered.pdf');
    writeFileSync(path, pdf);
    expect(pdfPages(path)).toBe(2);
    // The first render, from the unedited model, is byte-for-byte what the pipeline stored.
    const original = await renderOrder(batch, order.orderId, images, meta);
    expect(Buffer.compare(Buffer.from(original), Buffer.from(order.pdf!))).toBe(0);
  }, 180_000);
});

describe('batch runner and the driver', () => {
  it('acknowledges each page once its image is stored, and not a page that failed', async () => {
    const sinkDir = mkdtempSync(join(tmpdir(), 'scan-sink-'));
    const acknowledged: string[] = [];
    const job = {
      events: stack(['cover-a', 'form-1', { bytes: new Uint8Array([1, 2, 3]), format: 'pnm' }, 'form-2']),
      cancel: () => Promise.resolve(),
      acknowledge: (origin: string) => {
        acknowledged.push(origin);
        return Promise.resolve();
      },
    };
    await runBatch(job, options(sinkDir)).done;
    expect(acknowledged.sort()).toEqual(['test:1', 'test:2', 'test:4']);
  }, 180_000);
});
