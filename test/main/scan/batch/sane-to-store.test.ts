/**
 * From a real SANE device to stored PDFs: the sane driver runs `scanimage -d test` (SANE's own test
 * backend, whose feeder gives 10 pages), the station's scan path cuts the run into orders of 5 pages,
 * and the commit attaches two 5-page PDFs named by convention.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchDto } from '../../../../src/shared/ipc';
import { useTempDir } from '../../../support/temp';
import { openRig, PROFILE, type Rig } from './fixtures/scan-controller-rig';

const tempDir = useTempDir('sane-to-store-');
let rig: Rig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

describe('scanimage -d test through the station scan path', () => {
  it('turns a 10-page feeder run into two 5-page PDFs named by convention', async () => {
    rig = await openRig(tempDir(), { now: () => new Date('2026-11-29T18:00:00Z') });
    rig.settings.update({ namingTemplate: '{county}_{date}_{seq}' });
    const done = rig.complete();
    await rig.controller.start('sane:test', { ...PROFILE, fixedCount: 5 });
    await done;
    const batch = rig.controller.current() as BatchDto;
    expect(batch.status).toBe('complete');
    expect(batch.pages.every((p) => p.status === 'ok')).toBe(true);
    const saved = await rig.controller.commit(batch.id);
    expect(saved.map((o) => [o.fileName, o.pageCount])).toEqual([
      ['Alameda_20261129_001.pdf', 5],
      ['Alameda_20261129_002.pdf', 5],
    ]);
    const doc = rig.store.documents.forDraft(saved[0]?.draftId ?? '')[0];
    const path = join(tempDir(), 'first.pdf');
    writeFileSync(path, rig.store.blobs.get(doc?.sha256 ?? ''));
    expect(execFileSync('pdfinfo', [path]).toString()).toMatch(/Pages:\s+5/);
  }, 120_000);
});
