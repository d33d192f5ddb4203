/**
 * The scan station's controller on real parts: SANE's test backend through the real scanimage (a
 * wrapper script makes it jam at a chosen page, see test/scan/drivers/sane-wrapper.ts), the page
 * workers, the encrypted store. A jam keeps the pages scanned; Retry continues the same batch;
 * edits change the separation; the commit attaches one PDF per order to its draft.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScanController } from '../../../../src/main/scan/batch/scan-controller';
import type { StationStore } from '../../../../src/main/app/station-store';
import type { BatchDto } from '../../../../src/shared/ipc';
import { useTempDir } from '../../../support/temp';
import { openRig, PROFILE, type Rig } from './fixtures/scan-controller-rig';

const tempDir = useTempDir('scan-controller-');

let rig: Rig;
let store: StationStore;
let controller: ScanController;

beforeEach(async () => {
  rig = await openRig(tempDir(), { env: { JAM_AT_PAGE: '4' } });
  ({ store, controller } = rig);
});
afterEach(async () => {
  await rig.close();
});

const complete = () => rig.complete();

describe('scan controller', () => {
  it('keeps the pages before a jam, continues the batch on Retry, and saves one PDF per order', async () => {
    const done = complete();
    const started = await controller.start('sane:test', PROFILE);
    expect(started.status).toBe('scanning');
    expect(await done).toMatchObject({ batchId: started.id, status: 'interrupted' });
    let batch = controller.current() as BatchDto;
    expect(batch.stopped?.message).toMatch(/jam/i);
    expect(batch.pages.map((p) => p.index)).toEqual([1, 2, 3]);

    const again = complete();
    controller.retry(batch.id);
    await again;
    batch = controller.current() as BatchDto;
    // The second run jams at its own page 4 too: pages 4–6 were added after 1–3, numbered on.
    expect(batch.pages.map((p) => p.index)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(batch.orders.map((o) => o.pages.length)).toEqual([2, 2, 2]);
    expect(batch.progress).toEqual({ scanned: 6, processed: 6 });

    batch = controller.edit(batch.id, { kind: 'merge-with-previous', orderId: batch.orders[2]?.id ?? '' });
    batch = controller.edit(batch.id, { kind: 'rotate', pageId: 'p1', rotation: 90 });
    expect(batch.orders.map((o) => o.pages.length)).toEqual([2, 4]);
    expect(() =>
      controller.edit(batch.id, {
        kind: 'assign-draft',
        orderId: batch.orders[0]?.id ?? '',
        coverCode: 'not-a-code',
      }),
    ).toThrow(/not a CCPOR cover-sheet code/);
    const thumbnail = await controller.thumbnail(batch.id, 'p2');
    expect(thumbnail).toMatch(/^data:image\/jpeg;base64,/);

    const saved = await controller.commit(batch.id);
    expect(saved.map((o) => [o.pageCount, o.problem])).toEqual([
      [2, null],
      [4, null],
    ]);
    for (const order of saved) {
      const docs = store.documents.forDraft(order.draftId ?? '');
      expect(docs.map((d) => [d.fileName, d.pageCount])).toEqual([[order.fileName, order.pageCount]]);
      expect(
        store.blobs
          .get(docs[0]?.sha256 ?? '')
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    }
    expect(controller.current()?.status).toBe('committed');
    await expect(controller.commit(batch.id)).rejects.toThrow(/saved already/);
  });

  it('keeps the edits made to the pages scanned before a jam when Retry scans the rest', async () => {
    const done = complete();
    const started = await controller.start('sane:test', PROFILE);
    await done;
    // Before the jam: pages 1–3 in orders [p1 p2] [p3]. The operator rotates p1, leaves p2 out,
    // and splits p2 off into an order of its own.
    controller.edit(started.id, { kind: 'rotate', pageId: 'p1', rotation: 270 });
    controller.edit(started.id, { kind: 'include', pageId: 'p2', included: false });
    let batch = controller.edit(started.id, { kind: 'split-before', pageId: 'p2' });
    expect(batch.orders.map((o) => o.pages.map((p) => p.pageId))).toEqual([['p1'], ['p2'], ['p3']]);

    const again = complete();
    controller.retry(started.id);
    await again;
    batch = controller.current() as BatchDto;
    expect(batch.pages.map((p) => p.index)).toEqual([1, 2, 3, 4, 5, 6]);
    // The new pages are separated as before (p3 gets its second page); every decision is still there.
    expect(
      batch.orders.map((o) => o.pages.map((p) => `${p.pageId}:${p.included ? 'in' : 'out'}:${p.rotation}`)),
    ).toEqual([['p1:in:270'], ['p2:out:0'], ['p3:in:0', 'p4:in:0'], ['p5:in:0', 'p6:in:0']]);
    // And they are still recorded for a restart.
    expect(store.scanBatches.open()?.edits).toHaveLength(3);
    const saved = await controller.commit(batch.id);
    expect(saved.map((o) => o.pageCount)).toEqual([1, 0, 2, 2]);
  });

  it('refuses a second batch while one is scanning, an unknown scanner, and edits during the scan', async () => {
    const done = complete();
    const batch = await controller.start('sane:test', PROFILE);
    await expect(controller.start('sane:test', PROFILE)).rejects.toThrow(/being scanned/);
    expect(() => controller.edit(batch.id, { kind: 'remove', pageId: 'p1' })).toThrow(
      /once scanning has stopped/,
    );
    await done;
    await expect(controller.start('escl:http://nowhere', PROFILE)).rejects.toThrow(/no scanner/);
    expect(() => controller.retry('00000000-0000-4000-8000-000000000000')).toThrow(/no longer open/);
  });
});
