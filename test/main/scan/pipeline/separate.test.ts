import { describe, expect, it } from 'vitest';
import { separate } from '../../../../src/main/scan/pipeline/separate';
import { pages } from './fixtures';

const cover = { kind: 'cover-sheet' } as const;
const ids = (r: ReturnType<typeof separate>): string[][] => r.orders.map((o) => o.pages.map((p) => p.pageId));
const flagsOf = (r: ReturnType<typeof separate>, id: string): string[] =>
  r.pages.find((p) => p.id === id)?.flags.map((f) => f.code) ?? [];

describe('separation on cover sheets', () => {
  it('starts an order at each cover sheet and attaches its draft', () => {
    const r = separate(pages(['cover:A', 'text', 'text', 'cover:B', 'text']), cover, 'feeder');
    expect(ids(r)).toEqual([['p2', 'p3'], ['p5']]);
    expect(r.orders.map((o) => o.draftId)).toEqual(['A', 'B']);
    expect(r.pages.filter((p) => p.role === 'separator').map((p) => p.id)).toEqual(['p1', 'p4']);
  });

  it('splits at an unread separator and flags it instead of merging two orders', () => {
    const r = separate(pages(['cover:A', 'text', 'unread', 'text']), cover, 'feeder');
    expect(ids(r)).toEqual([['p2'], ['p4']]);
    expect(r.orders[1]?.start.kind).toBe('unread-cover-sheet');
    expect(r.orders[1]?.draftId).toBeUndefined();
    expect(flagsOf(r, 'p3')).toEqual(['UNREAD_SEPARATOR']);
  });

  it('does not make an empty order from two separators in a row, and flags the first', () => {
    const r = separate(pages(['cover:A', 'cover:B', 'text', 'cover:C']), cover, 'feeder');
    expect(ids(r)).toEqual([['p3']]);
    expect(r.orders[0]?.draftId).toBe('B');
    expect(flagsOf(r, 'p1')).toEqual(['EMPTY_SEPARATOR']);
    expect(flagsOf(r, 'p4')).toEqual(['EMPTY_SEPARATOR']);
  });

  it('keeps pages before the first separator as an order without a draft', () => {
    const r = separate(pages(['text', 'cover:A', 'text']), cover, 'feeder');
    expect(ids(r)).toEqual([['p1'], ['p3']]);
    expect(r.orders[0]?.start.kind).toBe('batch-start');
  });

  it('splits on a Patch T sheet too, and flags any other patch but still splits', () => {
    const r = separate(pages(['text', 'patch:T', 'text', 'patch:3', 'text']), cover, 'feeder');
    expect(ids(r)).toEqual([['p1'], ['p3'], ['p5']]);
    expect(flagsOf(r, 'p2')).toEqual([]);
    expect(flagsOf(r, 'p4')).toEqual(['OTHER_PATCH']);
  });

  it('flags a blank page and leaves it in its order, excluded', () => {
    const r = separate(pages(['cover:A', 'text', 'blank', 'text']), cover, 'feeder');
    expect(r.orders[0]?.pages).toEqual([
      { pageId: 'p2', included: true, rotation: 0 },
      { pageId: 'p3', included: false, rotation: 0 },
      { pageId: 'p4', included: true, rotation: 0 },
    ]);
    expect(flagsOf(r, 'p3')).toEqual(['BLANK']);
  });

  it('keeps an unreadable page in its order with its error', () => {
    const r = separate(pages(['cover:A', 'text', 'error']), cover, 'feeder');
    expect(r.orders[0]?.pages.map((p) => [p.pageId, p.included])).toEqual([
      ['p2', true],
      ['p3', false],
    ]);
    expect(flagsOf(r, 'p3')).toEqual(['PAGE_ERROR']);
  });
});

describe('separation in duplex', () => {
  it("takes a separator's back side with it, and flags a blank back elsewhere without dropping it", () => {
    const r = separate(
      pages(['cover:A', 'blank', 'text', 'blank', 'text', 'text'], true),
      cover,
      'feeder-duplex',
    );
    expect(ids(r)).toEqual([['p3', 'p4', 'p5', 'p6']]);
    expect(r.pages[1]?.role).toBe('separator-back');
    expect(flagsOf(r, 'p2')).toEqual([]);
    expect(flagsOf(r, 'p4')).toEqual(['BLANK']);
    expect(r.counts).toEqual({ sheets: 3, sides: 6, fronts: 3, backs: 3 });
    expect(r.flags).toEqual([]);
  });

  it('flags a separator back that is not blank', () => {
    const r = separate(pages(['cover:A', 'text', 'text', 'text'], true), cover, 'feeder-duplex');
    expect(flagsOf(r, 'p2')).toEqual(['SEPARATOR_BACK_NOT_BLANK']);
    expect(ids(r)).toEqual([['p3', 'p4']]);
  });

  it('counts sheets and reports an odd number of sides', () => {
    const input = pages(['text', 'text', 'text', 'text', 'text'], true);
    const r = separate(input, cover, 'feeder-duplex');
    expect(r.counts).toEqual({ sheets: 3, sides: 5, fronts: 3, backs: 2 });
    expect(r.flags.map((f) => f.code)).toEqual(['DUPLEX_ODD_COUNT']);
    expect(flagsOf(r, 'p5')).toEqual(['MISSING_SIDE']);
  });

  it('treats a sheet fed back first (separator on the back side) as a separator sheet', () => {
    const r = separate(
      pages(['text', 'text', 'blank', 'cover:B', 'text', 'text'], true),
      cover,
      'feeder-duplex',
    );
    expect(ids(r)).toEqual([
      ['p1', 'p2'],
      ['p5', 'p6'],
    ]);
    expect(r.orders[1]?.draftId).toBe('B');
  });
});

describe('fixed count and single order', () => {
  it('cuts every N pages', () => {
    const r = separate(
      pages(['text', 'text', 'text', 'text', 'text']),
      { kind: 'fixed-count', count: 2, unit: 'pages' },
      'feeder',
    );
    expect(ids(r)).toEqual([['p1', 'p2'], ['p3', 'p4'], ['p5']]);
  });

  it('cuts every N sheets in duplex, blank backs included in the count', () => {
    const r = separate(
      pages(['text', 'blank', 'text', 'text', 'text', 'blank'], true),
      { kind: 'fixed-count', count: 2, unit: 'sheets' },
      'feeder-duplex',
    );
    expect(ids(r)).toEqual([
      ['p1', 'p2', 'p3', 'p4'],
      ['p5', 'p6'],
    ]);
  });

  it('makes one order of the scan and flags a separator-looking page in it', () => {
    const r = separate(pages(['text', 'cover:A', 'text']), { kind: 'single' }, 'flatbed');
    expect(ids(r)).toEqual([['p1', 'p2', 'p3']]);
    expect(flagsOf(r, 'p2')).toEqual(['UNEXPECTED_SEPARATOR']);
  });
});
