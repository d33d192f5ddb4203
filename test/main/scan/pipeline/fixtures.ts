/**
 * Hand-made analysed pages for the pure separation and edit tests (the real page analysis is
 * tested on generated images elsewhere).
 */
import type { SeparatorReading } from '../../../../src/main/scan/separation/read-separator';
import type { Batch } from '../../../../src/main/scan/pipeline/model';
import { separate, type AnalysedPage } from '../../../../src/main/scan/pipeline/separate';

export type Kind = 'text' | 'blank' | 'error' | `cover:${string}` | 'unread' | `patch:${string}`;

function reading(kind: Kind): SeparatorReading {
  if (kind.startsWith('cover:')) {
    return { kind: 'cover', draftId: kind.slice(6), via: 'both', searchedFullPage: false, upsideDown: false };
  }
  if (kind === 'unread') return { kind: 'cover-unread', reason: 'neither code could be read' };
  if (kind.startsWith('patch:')) return { kind: 'patch', code: kind.slice(6) as 'T' };
  return { kind: 'none' };
}

/** Pages in scan order; in duplex, pairs are front/back of one sheet. */
export function pages(kinds: readonly Kind[], duplex = false): AnalysedPage[] {
  return kinds.map((kind, i) => {
    const index = i + 1;
    return {
      id: `p${index}`,
      index,
      sheet: duplex ? Math.ceil(index / 2) : index,
      side: duplex && index % 2 === 0 ? 'back' : 'front',
      origin: `test:${index}`,
      status: kind === 'error' ? 'error' : 'ok',
      error: kind === 'error' ? { code: 'CORRUPT_IMAGE', message: 'cannot read' } : undefined,
      image:
        kind === 'error'
          ? undefined
          : { ref: `ref${index}`, encoding: 'ccitt-g4', width: 8, height: 8, dpi: 300, size: 10 },
      blankScore: kind === 'blank' ? 0 : 5,
      blank: kind === 'blank',
      separator: reading(kind),
    };
  });
}

/** A feeder batch of these pages, separated by cover sheets, in `status`. */
export function coverSheetBatch(kinds: readonly Kind[], status: Batch['status'] = 'complete'): Batch {
  const r = separate(pages(kinds), { kind: 'cover-sheet' }, 'feeder');
  return {
    id: 'b1',
    startedAt: '2026-11-29T10:00:00.000Z',
    source: 'feeder',
    output: 'bilevel',
    method: { kind: 'cover-sheet' },
    pages: r.pages,
    orders: r.orders,
    unassigned: [],
    counts: r.counts,
    flags: r.flags,
    status,
  };
}
