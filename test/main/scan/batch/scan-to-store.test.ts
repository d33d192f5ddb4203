/**
 * The station's one scan path, end to end on real parts: generated pages fed by a stand-in scanner
 * (stack-driver.ts) go through the page workers into the encrypted store, the scan controller
 * separates them for review, and the commit names, renders and attaches one PDF per order. Real PDF
 * tools (qpdf, pdfinfo from poppler) check what was stored.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BatchDto, ScanProfile } from '../../../../src/shared/ipc';
import { emptyOrder } from '../../../../src/shared/order/schema';
import { useTempDir } from '../../../support/temp';
import { encodeCoverPayload } from '../../../../src/shared/scan/cover-code';
import { corpusPng, DRAFT_A, DRAFT_B, DRAFT_C, ensureCorpus } from '../corpus/generate';
import { openRig, type Rig } from './fixtures/scan-controller-rig';
import { STACK_DEVICE, stackDriver, type Spec, type StackDriverOptions } from './fixtures/stack-driver';

const tempDir = useTempDir('scan-to-store-');
const COVER_SHEETS: ScanProfile = {
  resolutionDpi: 300,
  output: 'bilevel',
  duplex: false,
  separation: 'cover-sheet',
  fixedCount: 2,
};
const STARTED = new Date('2026-11-29T18:00:00Z');
const COURT = {
  ori: 'CA001015J',
  county: 'Alameda',
  name: 'Superior Court of California, County of Alameda',
};

let corpus = '';
let rig: Rig | null = null;
beforeAll(async () => {
  corpus = await ensureCorpus();
}, 300_000);
afterEach(async () => {
  await rig?.close();
  rig = null;
});

/** A rig on `specs` with drafts A and B, the court's naming template and a fixed clock. */
async function openStack(specs: readonly Spec[], options: StackDriverOptions = {}): Promise<Rig> {
  rig = await openRig(tempDir(), { drivers: [stackDriver(corpus, specs, options)], now: () => STARTED });
  rig.settings.update({ court: COURT, namingTemplate: '{county}_{case}_{form}_{date}_{seq}' });
  rig.store.drafts.save({ ...emptyOrder(DRAFT_A, COURT), caseNumber: 'FL-2026-000101', formId: 'DV-110' });
  rig.store.drafts.save({ ...emptyOrder(DRAFT_B, COURT), caseNumber: 'FL-2026-000202', formId: 'CH-110' });
  return rig;
}

/** Scans the stack to its end and returns the batch as the review screen gets it. */
async function scan(r: Rig, profile: ScanProfile = COVER_SHEETS): Promise<BatchDto> {
  const done = r.complete();
  await r.controller.start(STACK_DEVICE, profile);
  await done;
  return r.controller.current() as BatchDto;
}

/** Every flag on the review screen: batch, then order issues, then page flags (as listed to the operator). */
function flagsOf(batch: BatchDto): string[] {
  return [
    ...batch.flags.map((f) => f.code),
    ...batch.orders.flatMap((o) => o.issues.map((i) => `${i.code}:${o.id}`)),
    ...batch.pages.flatMap((p) => p.flags.map((f) => `${f.code}:${p.id}`)),
  ];
}

function pdfInfo(r: Rig, sha256: string): string {
  const path = join(tempDir(), `${sha256}.pdf`);
  writeFileSync(path, r.store.blobs.get(sha256));
  execFileSync('qpdf', ['--check', path]);
  return execFileSync('pdfinfo', [path]).toString();
}

describe('scan to store (generated pages through a stand-in scanner)', () => {
  it('splits a stack on cover sheets and patch T, flags what it must, and saves one named PDF per order', async () => {
    const r = await openStack([
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
    ]);
    const batch = await scan(r);
    expect(batch.status).toBe('complete');
    expect(batch.progress).toEqual({ scanned: 10, processed: 10 });
    expect(batch.counts).toEqual({ sheets: 10, sides: 10 });
    expect(batch.orders.map((o) => [o.id, o.draftId, o.pages.map((p) => p.pageId)])).toEqual([
      ['o1', DRAFT_A, ['p2', 'p3']],
      ['o4', DRAFT_B, ['p5', 'p6']],
      ['o7', null, ['p8']],
      ['o9', null, ['p10']],
    ]);
    expect(flagsOf(batch)).toEqual([
      'UNREAD_SEPARATOR:o7',
      'NO_DRAFT:o7',
      'NO_DRAFT:o9',
      'BLANK:p6',
      'UNREAD_SEPARATOR:p7',
    ]);

    const saved = await r.controller.commit(batch.id);
    expect(saved.map((o) => [o.orderId, o.pageCount, o.fileName, o.problem])).toEqual([
      ['o1', 2, 'Alameda_FL-2026-000101_DV-110_20261129_001.pdf', null],
      ['o4', 1, 'Alameda_FL-2026-000202_CH-110_20261129_001.pdf', null],
      ['o7', 1, 'Alameda_20261129_001.pdf', null],
      ['o9', 1, 'Alameda_20261129_002.pdf', null],
    ]);
    // Orders without a cover sheet got new drafts of their own.
    expect(saved.slice(0, 2).map((o) => o.draftId)).toEqual([DRAFT_A, DRAFT_B]);
    expect(new Set(saved.map((o) => o.draftId)).size).toBe(4);
    for (const order of saved) {
      const docs = r.store.documents.forDraft(order.draftId ?? '');
      expect(docs.map((d) => [d.fileName, d.pageCount])).toEqual([[order.fileName, order.pageCount]]);
      const info = pdfInfo(r, docs[0]?.sha256 ?? '');
      expect(info).toMatch(new RegExp(`Pages:\\s+${order.pageCount}\\b`));
      expect(info).toMatch(new RegExp(`Title:\\s+${(order.fileName ?? '').replace(/\./g, '\\.')}`));
    }
    expect(pdfInfo(r, r.store.documents.forDraft(DRAFT_A)[0]?.sha256 ?? '')).toContain('FL-2026-000101');
  }, 180_000);

  it('gives bad pages a clear error and goes on with the rest of the batch', async () => {
    const png = corpusPng(await ensureCorpus(), 'form-2');
    const r = await openStack([
      'cover-a',
      'form-1',
      { bytes: png.subarray(0, Math.floor(png.length / 3)), format: 'png' },
      { bytes: png, format: 'bmp' as 'png' },
      { bytes: new TextEncoder().encode('P5\n2550 3300\n255\n'), format: 'pnm' },
      { bytes: Uint8Array.from({ length: 5000 }, (_, i) => (i * 131) & 255), format: 'jpeg' },
      { error: 'The file scan_0007.tif vanished before it could be read.' },
      'form-3',
    ]);
    const batch = await scan(r);
    const errors = batch.pages.filter((p) => p.status === 'error').map((p) => p.id);
    expect(errors).toEqual(['p3', 'p4', 'p5', 'p6', 'p7']);
    expect(
      batch.pages
        .find((p) => p.id === 'p7')
        ?.flags.map((f) => f.message)
        .join(),
    ).toContain('vanished');
    expect(
      batch.pages
        .find((p) => p.id === 'p4')
        ?.flags.map((f) => f.message)
        .join(),
    ).toMatch(/format/i);
    expect(batch.orders).toHaveLength(1);
    expect(batch.orders[0]?.issues.map((i) => i.code)).toEqual(['CONTAINS_UNREADABLE_PAGE']);
    const [order] = await r.controller.commit(batch.id);
    expect(order?.pageCount).toBe(2);
    const doc = r.store.documents.forDraft(DRAFT_A)[0];
    expect(pdfInfo(r, doc?.sha256 ?? '')).toMatch(/Pages:\s+2\b/);
  }, 180_000);

  it('in duplex, takes the cover sheet back with it, keeps a back with a few words, flags blank backs and an odd count', async () => {
    const r = await openStack(
      ['cover-a', 'back-blank-clean', 'form-1', 'back-few-words', 'form-2', 'back-blank-noise', 'form-3'],
      { duplex: true },
    );
    const batch = await scan(r, { ...COVER_SHEETS, duplex: true });
    expect(batch.pages.map((p) => p.role)).toEqual([
      'separator',
      'separator-back',
      'content',
      'content',
      'content',
      'content',
      'content',
    ]);
    expect(
      batch.orders.map((o) =>
        o.pages.map((e) => {
          const page = batch.pages.find((p) => p.id === e.pageId);
          return [e.pageId, page?.flags.map((f) => f.code).join()];
        }),
      ),
    ).toEqual([
      [
        ['p3', ''],
        ['p4', ''],
        ['p5', ''],
        ['p6', 'BLANK'],
        ['p7', 'MISSING_SIDE'],
      ],
    ]);
    expect(batch.counts).toEqual({ sheets: 4, sides: 7 });
    expect(batch.flags.map((f) => f.code)).toEqual(['DUPLEX_ODD_COUNT']);
    const [order] = await r.controller.commit(batch.id);
    expect(order?.pageCount).toBe(4);
  }, 180_000);

  it('keeps what is done when cancelled mid-batch, and says so', async () => {
    let processed = 0;
    let cancel: () => Promise<unknown> = () => Promise.resolve();
    const r = await openStack(
      ['cover-a', 'form-1', 'cover-b-skewed', 'form-2', 'form-3', 'cover-a', 'form-1'],
      {
        before: async (i) => {
          if (i !== 4) return;
          // Wait until the first pages are through, then cancel while the "scanner" is feeding.
          await new Promise<void>((resolve) => {
            const check = (): void => {
              if (processed >= 4) resolve();
              else setTimeout(check, 10);
            };
            check();
          });
          await cancel();
        },
      },
    );
    r.bus.subscribe((name, payload) => {
      if (name === 'scan:batch') processed = (payload as BatchDto).progress.processed;
    });
    const done = r.complete();
    const started = await r.controller.start(STACK_DEVICE, COVER_SHEETS);
    cancel = () => r.controller.cancel(started.id);
    await done;
    const batch = r.controller.current() as BatchDto;
    expect(batch.status).toBe('cancelled');
    expect(batch.pages.map((p) => p.id)).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(batch.flags.map((f) => f.code)).toEqual(['CANCELLED']);
    expect(batch.orders.map((o) => [o.draftId, o.issues.map((i) => i.code)])).toEqual([
      [DRAFT_A, []],
      [DRAFT_B, ['LAST_ORDER_CUT_SHORT']],
    ]);
    const saved = await r.controller.commit(batch.id);
    expect(saved.map((o) => [o.draftId, o.pageCount, o.problem])).toEqual([
      [DRAFT_A, 1, null],
      [DRAFT_B, 1, null],
    ]);
  }, 180_000);

  it('keeps what is done when the scanner fails mid-batch (a jam)', async () => {
    const r = await openStack([
      'cover-a',
      'form-1',
      'cover-b-skewed',
      { jam: 'Paper jam in the feeder: clear it and press Continue.' },
    ]);
    const batch = await scan(r);
    expect(batch.status).toBe('interrupted');
    expect(batch.flags.map((f) => f.code)).toEqual(['SCANNER_STOPPED']);
    expect(batch.stopped?.message).toContain('Paper jam');
    expect(batch.orders.map((o) => o.draftId)).toEqual([DRAFT_A]);
    expect(batch.pages.find((p) => p.id === 'p3')?.flags.map((f) => f.code)).toEqual(['EMPTY_SEPARATOR']);
  }, 180_000);

  it('never takes a name the store already holds, whatever its case: the next sequence is used', async () => {
    const r = await openStack(['cover-a', 'form-1']);
    const other = r.store.drafts.save(emptyOrder('0d8f3c52-6a43-4f0e-9a55-2b1c3d4e5f60', COURT));
    r.store.documents.attachBytes(
      other.id,
      new TextEncoder().encode('%PDF-1.4 someone else'),
      'alameda_FL-2026-000101_DV-110_20261129_001.pdf',
      1,
    );
    const batch = await scan(r);
    const [order] = await r.controller.commit(batch.id);
    expect(order?.fileName).toBe('Alameda_FL-2026-000101_DV-110_20261129_002.pdf');
  }, 180_000);

  it('saves a blank page the operator put back, in the PDF rendered at commit', async () => {
    const r = await openStack(['cover-a', 'form-1', 'back-blank-noise']);
    const batch = await scan(r);
    expect(batch.orders[0]?.pages.map((p) => p.included)).toEqual([true, false]);
    r.controller.edit(batch.id, { kind: 'include', pageId: 'p3', included: true });
    const [order] = await r.controller.commit(batch.id);
    expect(order?.pageCount).toBe(2);
    expect(pdfInfo(r, r.store.documents.forDraft(DRAFT_A)[0]?.sha256 ?? '')).toMatch(/Pages:\s+2\b/);
  }, 180_000);

  it('shows a cover sheet of a draft the station does not have, and saves nothing until the operator decides', async () => {
    const r = await openStack(['cover-c-upside-down', 'form-1', 'cover-a', 'form-2']);
    const batch = await scan(r);
    expect(batch.orders.map((o) => [o.draftId, o.issues.map((i) => i.code)])).toEqual([
      [DRAFT_C, ['NO_DRAFT']],
      [DRAFT_A, []],
    ]);
    await expect(r.controller.commit(batch.id)).rejects.toMatchObject({ code: 'DRAFT_NOT_AVAILABLE' });
    expect(r.store.documents.forDraft(DRAFT_A)).toEqual([]);
    expect(r.controller.current()?.status).toBe('complete');
    // The operator types the code of a draft the station has: both orders are saved.
    r.controller.edit(batch.id, {
      kind: 'assign-draft',
      orderId: batch.orders[0]?.id ?? '',
      coverCode: encodeCoverPayload(DRAFT_B),
    });
    const saved = await r.controller.commit(batch.id);
    expect(saved.map((o) => [o.draftId, o.problem])).toEqual([
      [DRAFT_B, null],
      [DRAFT_A, null],
    ]);
  }, 180_000);

  it('acknowledges each page to the driver once its image is stored, and not a page that failed', async () => {
    const acknowledged: string[] = [];
    const r = await openStack(
      ['cover-a', 'form-1', { bytes: new Uint8Array([1, 2, 3]), format: 'pnm' }, 'form-2'],
      {
        acknowledged,
      },
    );
    await scan(r);
    expect(acknowledged.sort()).toEqual(['test:1', 'test:2', 'test:4']);
  }, 180_000);
});
