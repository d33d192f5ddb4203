/**
 * Cover sheets checked with independent tools: pdftotext (what is printed), pdftoppm + zbarimg
 * (both barcodes decode from a 300 dpi raster to our payload).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverSheetInfoFromOrder, renderCoverSheets } from '../../../../src/main/scan/cover-sheet/render';
import { emptyOrder, type ProtectiveOrder } from '../../../../src/shared/order/schema';
import { encodeCoverPayload, humanCoverCode } from '../../../../src/shared/scan/cover-code';

const DRAFT = '0b7c9f3e-5a1d-4e2b-8c6f-9a0b1c2d3e4f';

function draftWithNames(): ProtectiveOrder {
  const order = emptyOrder(DRAFT, {
    ori: 'CA001015J',
    county: 'Alameda',
    name: 'Superior Court of California, County of Alameda',
  });
  return {
    ...order,
    caseNumber: 'FL-2026-004711',
    formId: 'DV-110',
    restrainedPerson: { ...order.restrainedPerson, name: { first: 'Bartholomew', last: 'Quixotesmith' } },
    protectedPersons: [{ name: { first: 'Henrietta', last: 'Zamboni-Lark' } }],
  };
}

describe('cover sheets', () => {
  it('print court, case number, form and the code, but no names, and both barcodes read back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cover-'));
    const pdf = await renderCoverSheets([coverSheetInfoFromOrder(draftWithNames())], {
      printedAt: '2026-11-29T10:00:00Z',
      station: 'ALA-CLERK-3',
    });
    const path = join(dir, 'cover.pdf');
    writeFileSync(path, pdf);
    const text = execFileSync('pdftotext', [path, '-']).toString();
    expect(text).toContain('FL-2026-004711');
    expect(text).toContain('DV-110');
    expect(text).toContain('Superior Court of California');
    expect(text).toContain('CA001015J');
    expect(text).toContain(humanCoverCode(DRAFT));
    for (const name of ['Bartholomew', 'Quixotesmith', 'Henrietta', 'Zamboni'])
      expect(text).not.toContain(name);

    execFileSync('pdftoppm', ['-r', '300', '-gray', '-singlefile', path, join(dir, 'page')]);
    const found = execFileSync('zbarimg', ['-q', join(dir, 'page.pgm')], {
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim()
      .split('\n')
      .sort();
    expect(found).toEqual([`CODE-128:${encodeCoverPayload(DRAFT)}`, `QR-Code:${encodeCoverPayload(DRAFT)}`]);
  });

  it('prints one page per draft', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cover-'));
    const sheets = ['a1', 'b2', 'c3'].map((draftId) => ({
      draftId,
      courtName: 'Court',
      courtOri: 'CA001015J',
    }));
    const path = join(dir, 'three.pdf');
    writeFileSync(path, await renderCoverSheets(sheets, { printedAt: '2026-11-29T10:00:00Z', station: 'S' }));
    expect(execFileSync('pdfinfo', [path]).toString()).toMatch(/Pages:\s+3/);
  });
});
