import { describe, expect, it } from 'vitest';
import {
  assignDraft,
  BatchEditError,
  mergeWithPrevious,
  movePage,
  removePage,
  rotatePage,
  setPageIncluded,
  splitBefore,
} from '../../../../src/main/scan/pipeline/edits';
import { batchView } from '../../../../src/main/scan/batch/batch-view';
import { orderIssues } from '../../../../src/main/scan/pipeline/issues';
import type { Batch } from '../../../../src/main/scan/pipeline/model';
import { coverSheetBatch } from './fixtures';

function batch(): Batch {
  return coverSheetBatch(['cover:A', 'text', 'blank', 'text', 'unread', 'text', 'error']);
}

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof BatchEditError) return error.code;
    throw error;
  }
  return 'no error';
};

describe('batch edits', () => {
  it('restores a blank page into its order and bumps the revision', () => {
    const b = batch();
    const next = setPageIncluded(b, 'p3', true);
    expect(next.orders[0]?.pages.find((p) => p.pageId === 'p3')?.included).toBe(true);
    expect(next.orders[0]?.revision).toBe(1);
    expect(b.orders[0]?.revision).toBe(0);
  });

  it('refuses to include an unreadable page', () => {
    expect(code(() => setPageIncluded(batch(), 'p7', true))).toBe('PAGE_UNREADABLE');
  });

  it('rotates a page', () => {
    expect(rotatePage(batch(), 'p4', 90).orders[0]?.pages.find((p) => p.pageId === 'p4')?.rotation).toBe(90);
  });

  it('moves a page between orders and to a position', () => {
    const next = movePage(batch(), 'p6', 'o1', 0);
    expect(next.orders[0]?.pages.map((p) => p.pageId)).toEqual(['p6', 'p2', 'p3', 'p4']);
    expect(next.orders[1]?.pages.map((p) => p.pageId)).toEqual(['p7']);
  });

  it('removes a page into unassigned, from where it can be moved back', () => {
    const removed = removePage(batch(), 'p4');
    expect(removed.unassigned).toEqual(['p4']);
    expect(removed.orders[0]?.pages.map((p) => p.pageId)).toEqual(['p2', 'p3']);
    const back = movePage(removed, 'p4', 'o1', 2);
    expect(back.unassigned).toEqual([]);
    expect(back.orders[0]?.pages.map((p) => p.pageId)).toEqual(['p2', 'p3', 'p4']);
  });

  it('splits and merges orders', () => {
    const split = splitBefore(batch(), 'p4');
    expect(split.orders.map((o) => o.pages.map((p) => p.pageId))).toEqual([
      ['p2', 'p3'],
      ['p4'],
      ['p6', 'p7'],
    ]);
    const merged = mergeWithPrevious(split, split.orders[1]!.id);
    expect(merged.orders.map((o) => o.pages.map((p) => p.pageId))).toEqual([
      ['p2', 'p3', 'p4'],
      ['p6', 'p7'],
    ]);
  });

  it('attaches a draft to the order after an unread separator, which clears its issues', () => {
    const b = batch();
    const o = b.orders[1]!;
    expect(orderIssues(b, o).map((i) => i.code)).toEqual([
      'UNREAD_SEPARATOR',
      'NO_DRAFT',
      'CONTAINS_UNREADABLE_PAGE',
    ]);
    const next = assignDraft(b, o.id, 'B');
    expect(orderIssues(next, next.orders[1]!).map((i) => i.code)).toEqual(['CONTAINS_UNREADABLE_PAGE']);
  });

  it('rejects bad edits with specific codes and leaves the batch as it was', () => {
    const b = batch();
    const before = JSON.stringify(b);
    expect(code(() => rotatePage(b, 'p99', 90))).toBe('NO_SUCH_PAGE');
    expect(code(() => rotatePage(b, 'p1', 90))).toBe('NOT_A_CONTENT_PAGE');
    expect(code(() => rotatePage(b, 'p2', 45 as 90))).toBe('BAD_ROTATION');
    expect(code(() => movePage(b, 'p2', 'o9', 0))).toBe('NO_SUCH_ORDER');
    expect(code(() => movePage(b, 'p2', 'o5', 7))).toBe('BAD_POSITION');
    expect(code(() => mergeWithPrevious(b, 'o1'))).toBe('NO_PREVIOUS_ORDER');
    expect(code(() => splitBefore(b, 'p2'))).toBe('ALREADY_FIRST');
    expect(JSON.stringify(b)).toBe(before);
  });

  it('shows the operator every flag with where it is', () => {
    const state = { deviceId: 'd', status: 'complete' as const, scanned: 7, processed: 7, stopped: null };
    const flagsOf = (knownDraft: (id: string) => boolean): string[] => {
      const view = batchView(batch(), { ...state, knownDraft });
      return [
        ...view.orders.flatMap((o) => o.issues.map((i) => `order:${i.code}:${o.id}`)),
        ...view.pages.flatMap((p) => p.flags.map((f) => `page:${f.code}:${p.id}`)),
      ];
    };
    expect(flagsOf(() => true)).toEqual([
      'order:UNREAD_SEPARATOR:o5',
      'order:NO_DRAFT:o5',
      'order:CONTAINS_UNREADABLE_PAGE:o5',
      'page:BLANK:p3',
      'page:UNREAD_SEPARATOR:p5',
      'page:PAGE_ERROR:p7',
    ]);
    // A cover sheet naming a draft this station does not have is shown, not taken on trust.
    expect(flagsOf((id) => id !== 'A')).toEqual(['order:NO_DRAFT:o1', ...flagsOf(() => true)]);
  });
});
