/**
 * Rendering an order from the batch model is a pure function of the model and the stored images:
 * the same model gives the same bytes (so an upload is the same content-addressed blob), and an
 * edit (a blank page put back) gives the PDF with that page. Real page workers and blob store.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanEvent } from '../../../../src/main/scan/driver';
import { setPageIncluded } from '../../../../src/main/scan/pipeline/edits';
import { BlobPageImageStore } from '../../../../src/main/scan/pipeline/image-store';
import type { Batch } from '../../../../src/main/scan/pipeline/model';
import { processPages } from '../../../../src/main/scan/pipeline/process-pages';
import { includedPageCount, renderOrder } from '../../../../src/main/scan/pipeline/render-order';
import { separate } from '../../../../src/main/scan/pipeline/separate';
import { PageWorkerPool } from '../../../../src/main/scan/worker/pool';
import { BlobStore } from '../../../../src/main/store';
import { parseNamingTemplate } from '../../../../src/shared/naming';
import { useTempDir } from '../../../support/temp';
import { corpusPgm, ensureCorpus, type CorpusPage } from '../corpus/generate';

const tempDir = useTempDir('render-order-');
let pool: PageWorkerPool;
beforeAll(() => {
  pool = new PageWorkerPool(2, { priority: 'normal' }); // beside busy suites: see pool.ts
});
afterAll(async () => {
  await pool.close();
});

const station = {
  courtOri: 'CA001015J',
  courtName: 'Superior Court of California, County of Alameda',
  county: 'Alameda',
  station: 'TEST-1',
  namingTemplate: parseNamingTemplate('{county}_{seq}'),
};

describe('rendering an order', () => {
  it('gives the same bytes for the same model, and the restored page after an edit', async () => {
    const corpus = await ensureCorpus();
    const names: CorpusPage[] = ['cover-a', 'form-1', 'back-blank-noise'];
    async function* events(): AsyncIterable<ScanEvent> {
      for (const [i, name] of names.entries()) {
        const bytes = await corpusPgm(corpus, name);
        yield {
          type: 'page',
          page: {
            index: i + 1,
            side: 'front',
            sheet: i + 1,
            format: 'pnm',
            bytes,
            origin: name,
            resolutionDpi: 300,
          },
        };
      }
    }
    const images = new BlobPageImageStore(new BlobStore(join(tempDir(), 'blobs'), Buffer.alloc(32, 7)));
    const run = processPages(
      { events: events(), cancel: () => Promise.resolve() },
      { source: 'feeder', images, pool },
    );
    const { pages } = await run.done;
    const sep = separate([...pages], { kind: 'cover-sheet' }, 'feeder');
    const batch: Batch = {
      id: 'b1',
      startedAt: '2026-11-29T18:00:00.000Z',
      source: 'feeder',
      output: 'bilevel',
      method: { kind: 'cover-sheet' },
      pages: sep.pages,
      orders: sep.orders,
      unassigned: [],
      counts: sep.counts,
      flags: sep.flags,
      status: 'complete',
    };
    const orderId = batch.orders[0]?.id ?? '';
    const meta = { fileName: 'Alameda_001.pdf', station };
    const first = await renderOrder(batch, orderId, images, meta);
    const again = await renderOrder(batch, orderId, images, meta);
    expect(Buffer.compare(Buffer.from(first), Buffer.from(again))).toBe(0);
    expect(includedPageCount(batch, orderId)).toBe(1);

    const restored = setPageIncluded(batch, 'p3', true);
    expect(includedPageCount(restored, orderId)).toBe(2);
    const edited = await renderOrder(restored, orderId, images, meta);
    expect(Buffer.compare(Buffer.from(first), Buffer.from(edited))).not.toBe(0);
    expect(new TextDecoder('latin1').decode(edited).match(/\/Type\s*\/Page\b/g)).toHaveLength(2);
  }, 180_000);
});
