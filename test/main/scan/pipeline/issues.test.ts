/**
 * "The scan stopped during this order" belongs to a batch the scanner stopped short (a jam, a
 * cancel), never to one still being fed: there the last order is simply not finished yet.
 */
import { describe, expect, it } from 'vitest';
import { orderIssues } from '../../../../src/main/scan/pipeline/issues';
import type { Batch } from '../../../../src/main/scan/pipeline/model';
import { coverSheetBatch } from './fixtures';

function batch(status: Batch['status']): Batch {
  return coverSheetBatch(['cover:A', 'text', 'cover:B', 'text'], status);
}

const lastOrderIssues = (b: Batch): string[] =>
  orderIssues(b, b.orders[b.orders.length - 1]!).map((i) => i.code);

describe('the "scan stopped during this order" issue', () => {
  it('is not raised while the scan is still running', () => {
    expect(lastOrderIssues(batch('scanning'))).not.toContain('LAST_ORDER_CUT_SHORT');
  });

  it('is not raised once the feeder ran out normally', () => {
    expect(lastOrderIssues(batch('complete'))).not.toContain('LAST_ORDER_CUT_SHORT');
  });

  it.each(['interrupted', 'cancelled'] as const)('is raised on the last order of a batch %s', (status) => {
    const b = batch(status);
    expect(lastOrderIssues(b)).toContain('LAST_ORDER_CUT_SHORT');
    expect(orderIssues(b, b.orders[0]!).map((i) => i.code)).not.toContain('LAST_ORDER_CUT_SHORT');
  });
});
