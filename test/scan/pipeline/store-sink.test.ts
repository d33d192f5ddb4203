/**
 * The pipeline into the real station store: an encrypted SQLite file and encrypted blob files in a
 * temp folder (keys from the in-memory secret store, the store's own test implementation).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanEvent } from '../../../src/main/scan/driver';
import { runBatch } from '../../../src/main/scan/pipeline/run-batch';
import {
  BlobPageImageStore,
  draftLookupFromStore,
  StoreOrderSink,
} from '../../../src/main/scan/pipeline/store-sink';
import { PageWorkerPool } from '../../../src/main/scan/worker/pool';
import { MemorySecretStore, openStationStore, type StationStore } from '../../../src/main/store';
import { parseNamingTemplate } from '../../../src/shared/naming';
import { emptyOrder } from '../../../src/shared/order/schema';
import { corpusPgm, DRAFT_A, ensureCorpus, type CorpusPage } from '../corpus/generate';

let dir = '';
let store: StationStore;
let pool: PageWorkerPool;
beforeAll(async () => {
  dir = await ensureCorpus();
  store = await openStationStore({
    dataDir: mkdtempSync(join(tmpdir(), 'station-')),
    secrets: new MemorySecretStore(),
  });
  pool = new PageWorkerPool(2);
}, 300_000);
afterAll(async () => {
  await pool.close();
  store.close();
});

async function* stack(names: readonly CorpusPage[]): AsyncIterable<ScanEvent> {
  for (const [i, name] of names.entries()) {
    const bytes = await corpusPgm(dir, name);
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

describe('pipeline into the station store', () => {
  it('attaches each cover-sheet order to its draft and keeps an unattached order as a blob', async () => {
    const court = {
      ori: 'CA001015J',
      county: 'Alameda',
      name: 'Superior Court of California, County of Alameda',
    };
    store.drafts.save({ ...emptyOrder(DRAFT_A, court), caseNumber: 'FL-2026-000101', formId: 'DV-110' });
    const { orders } = await runBatch(
      stack(['cover-a', 'form-1', 'handwritten', 'cover-d-damaged', 'form-2']),
      {
        source: 'feeder',
        method: { kind: 'cover-sheet' },
        pool,
        station: {
          courtOri: court.ori,
          courtName: court.name,
          county: court.county,
          station: 'S1',
          namingTemplate: parseNamingTemplate('{county}_{case}_{form}_{seq}'),
        },
        sink: new StoreOrderSink(store),
        images: new BlobPageImageStore(store),
        drafts: draftLookupFromStore(store),
      },
    ).done;

    expect(orders.map((o) => [o.draftId, o.fileName, o.receipt?.location.split(':')[0]])).toEqual([
      [DRAFT_A, 'Alameda_FL-2026-000101_DV-110_001.pdf', 'document'],
      [undefined, 'Alameda_001.pdf', 'blob'],
    ]);
    const docs = store.documents.forDraft(DRAFT_A);
    expect(docs.map((d) => [d.fileName, d.pageCount])).toEqual([
      ['Alameda_FL-2026-000101_DV-110_001.pdf', 2],
    ]);
    // The attached PDF is the rendered one, readable back from the encrypted blob store.
    expect(Buffer.compare(store.blobs.get(docs[0]!.sha256), Buffer.from(orders[0]!.pdf!))).toBe(0);
    expect(store.blobs.has(orders[1]!.receipt!.sha256)).toBe(true);

    // A second batch for the same draft gets the next sequence: the store's names are honoured.
    const again = await runBatch(stack(['cover-a', 'form-3']), {
      source: 'feeder',
      method: { kind: 'cover-sheet' },
      pool,
      station: {
        courtOri: court.ori,
        courtName: court.name,
        county: court.county,
        station: 'S1',
        namingTemplate: parseNamingTemplate('{county}_{case}_{form}_{seq}'),
      },
      sink: new StoreOrderSink(store),
      drafts: draftLookupFromStore(store),
    }).done;
    expect(again.orders[0]?.fileName).toBe('Alameda_FL-2026-000101_DV-110_002.pdf');
    expect(store.documents.forDraft(DRAFT_A)).toHaveLength(2);
  }, 180_000);
});
