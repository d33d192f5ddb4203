/**
 * From a real SANE device to PDFs: the sane driver runs `scanimage -d test` (SANE's own test
 * backend, whose feeder gives 10 pages), and the pipeline cuts the run into orders of 5 pages.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SaneDriver } from '../../../src/main/scan/drivers/sane/sane-driver';
import { DirectoryOrderSink } from '../../../src/main/scan/pipeline/fs-sink';
import { runBatch } from '../../../src/main/scan/pipeline/run-batch';
import { parseNamingTemplate } from '../../../src/shared/naming';

describe('scanimage -d test through the pipeline', () => {
  it('turns a 10-page feeder run into two 5-page PDFs named by convention', async () => {
    const sinkDir = mkdtempSync(join(tmpdir(), 'sane-pdf-'));
    const job = new SaneDriver().scan('sane:test', {
      resolutionDpi: 100,
      mode: 'gray',
      source: 'feeder',
      widthMm: 100,
      heightMm: 120,
    });
    const { batch, orders } = await runBatch(job, {
      source: 'feeder',
      method: { kind: 'fixed-count', count: 5, unit: 'pages' },
      station: {
        courtOri: 'CA001015J',
        courtName: 'Court',
        county: 'Alameda',
        station: 'S1',
        namingTemplate: parseNamingTemplate('{county}_{date}_{seq}'),
      },
      sink: new DirectoryOrderSink(sinkDir),
      startedAt: new Date('2026-11-29T18:00:00Z'),
    }).done;
    expect(batch.status).toBe('complete');
    expect(batch.pages.every((p) => p.status === 'ok' && p.image?.encoding === 'ccitt-g4')).toBe(true);
    expect(orders.map((o) => [o.fileName, o.includedPages])).toEqual([
      ['Alameda_20261129_001.pdf', 5],
      ['Alameda_20261129_002.pdf', 5],
    ]);
    const info = execFileSync('pdfinfo', [join(sinkDir, 'Alameda_20261129_001.pdf')]).toString();
    expect(info).toMatch(/Pages:\s+5/);
  }, 120_000);
});
