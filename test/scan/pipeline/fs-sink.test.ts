import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DirectoryOrderSink } from '../../../src/main/scan/pipeline/fs-sink';
import { OrderNameTakenError } from '../../../src/main/scan/pipeline/order-sink';

const delivery = (orderId: string, fileName: string, text: string, revision = 0) => ({
  batchId: 'b1',
  orderId,
  revision,
  fileName,
  pdf: new TextEncoder().encode(text),
  pageCount: 1,
});

describe('directory order sink', () => {
  it('never overwrites a file it did not write, and says so with a specific error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sink-'));
    writeFileSync(join(dir, 'a.pdf'), 'theirs');
    const sink = new DirectoryOrderSink(dir);
    await expect(sink.deliver(delivery('o1', 'a.pdf', 'ours'))).rejects.toBeInstanceOf(OrderNameTakenError);
    expect(readFileSync(join(dir, 'a.pdf'), 'utf8')).toBe('theirs');
    expect(readdirSync(dir).filter((f) => f.startsWith('.tmp'))).toEqual([]);
  });

  it('replaces its own file when the same order is delivered again (a re-render), keeping the name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sink-'));
    const sink = new DirectoryOrderSink(dir);
    const first = await sink.deliver(delivery('o1', 'x_001.pdf', 'v1'));
    const second = await sink.deliver(delivery('o1', 'x_002.pdf', 'v2', 1));
    expect(second.fileName).toBe('x_001.pdf');
    expect(readFileSync(first.location, 'utf8')).toBe('v2');
    expect((await new DirectoryOrderSink(dir).takenNames()).has('x_001.pdf')).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.pdf'))).toEqual(['x_001.pdf']);
  });
});
