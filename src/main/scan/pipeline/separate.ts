/**
 * Separation: from analysed pages in scan order to orders, as a pure function. Rules, in the words
 * of the people who scan:
 * - Anything that looks like a separator splits, read or not: an unread separator never silently
 *   merges two orders (it is flagged, and its order waits for a draft).
 * - A separator sheet takes its back side with it. Two separators in a row do not make an empty
 *   order; the first is flagged.
 * - Blank and unreadable pages stay in their order, left out of the PDF and flagged.
 * - In duplex, every sheet should have two sides; one that does not is flagged, and the batch says
 *   how many sheets and sides it counted.
 */
import { assertNever } from '../../../shared/errors';
import { countOf } from '../../../shared/util/count';
import type { PaperSource } from '../driver';
import type { SeparatorReading } from '../separation/read-separator';
import type {
  BatchFlag,
  BatchOrder,
  BatchPage,
  OrderPage,
  OrderStart,
  PageFlag,
  PageRole,
  SeparationMethod,
  SheetCounts,
} from './model';

export type AnalysedPage = Omit<BatchPage, 'role' | 'flags'>;

export interface SeparationResult {
  readonly pages: BatchPage[];
  readonly orders: BatchOrder[];
  readonly counts: SheetCounts;
  readonly flags: BatchFlag[];
}

function isSeparatorLike(reading: SeparatorReading): boolean {
  return reading.kind !== 'none';
}

/** The start an order gets from a separator reading. */
function startOf(pageId: string, reading: SeparatorReading): OrderStart {
  switch (reading.kind) {
    case 'cover':
      return { kind: 'cover-sheet', pageId, draftId: reading.draftId };
    case 'cover-unread':
      return { kind: 'unread-cover-sheet', pageId, reason: reading.reason };
    case 'patch':
      return { kind: 'patch', pageId, code: reading.code };
    case 'none':
      return { kind: 'batch-start' };
    default:
      return assertNever(reading, 'separator reading');
  }
}

/** Of a sheet's separator sides, the reading that decides the order (a decoded one wins). */
function strongest(
  readings: readonly { id: string; reading: SeparatorReading }[],
): { id: string; reading: SeparatorReading } | undefined {
  const rank = (r: SeparatorReading): number =>
    r.kind === 'cover' ? 3 : r.kind === 'patch' && r.code === 'T' ? 2 : r.kind === 'none' ? 0 : 1;
  return [...readings].sort((a, b) => rank(b.reading) - rank(a.reading))[0];
}

function separatorFlag(reading: SeparatorReading): PageFlag | null {
  if (reading.kind === 'cover-unread') return { code: 'UNREAD_SEPARATOR', message: reading.reason };
  if (reading.kind === 'patch' && reading.code !== 'T') {
    return {
      code: 'OTHER_PATCH',
      message: `A Patch ${reading.code} sheet (or a Patch T sheet upside down): the orders were split here.`,
    };
  }
  return null;
}

export function separate(
  input: readonly AnalysedPage[],
  method: SeparationMethod,
  source: PaperSource,
): SeparationResult {
  const duplex = source === 'feeder-duplex';
  const roles = new Map<string, PageRole>();
  const flags = new Map<string, PageFlag[]>();
  const flag = (id: string, f: PageFlag): void => {
    flags.set(id, [...(flags.get(id) ?? []), f]);
  };

  // Sheets: consecutive pages sharing a sheet number (every page is its own sheet in simplex).
  const sheets: AnalysedPage[][] = [];
  for (const page of input) {
    const last = sheets[sheets.length - 1];
    if (duplex && last && last[0]?.sheet === page.sheet) last.push(page);
    else sheets.push([page]);
  }

  for (const page of input) {
    if (page.status === 'error') {
      flag(page.id, { code: 'PAGE_ERROR', message: page.error?.message ?? 'The page could not be read.' });
    }
  }

  const splitsOnSeparators = method.kind === 'cover-sheet' || method.kind === 'patch-t';
  const orders: BatchOrder[] = [];
  let current: { id: string; start: OrderStart; pages: OrderPage[]; units: number } | null = null;
  let pending: { id: string; reading: SeparatorReading } | null = null;

  const close = (): void => {
    if (current && current.pages.length > 0) {
      const start = current.start;
      orders.push({
        id: current.id,
        start,
        draftId: start.kind === 'cover-sheet' ? start.draftId : undefined,
        pages: current.pages,
        revision: 0,
      });
    }
    current = null;
  };

  for (const sheet of sheets) {
    const separators = sheet.filter((p) => p.status === 'ok' && isSeparatorLike(p.separator));
    if (splitsOnSeparators && separators.length > 0) {
      close();
      if (pending) {
        flag(pending.id, {
          code: 'EMPTY_SEPARATOR',
          message: 'This separator is followed directly by another one: no order was made for it.',
        });
      }
      const lead = strongest(separators.map((p) => ({ id: p.id, reading: p.separator })));
      pending = lead ?? null;
      for (const p of sheet) {
        if (separators.includes(p)) {
          roles.set(p.id, 'separator');
          const f = separatorFlag(p.separator);
          if (f) flag(p.id, f);
        } else {
          roles.set(p.id, 'separator-back');
          if (p.status === 'ok' && !p.blank) {
            flag(p.id, {
              code: 'SEPARATOR_BACK_NOT_BLANK',
              message: 'The back of this separator sheet is not blank; it was left out with its sheet.',
            });
          }
        }
      }
      continue;
    }

    for (const p of sheet) {
      roles.set(p.id, 'content');
      if (!splitsOnSeparators && p.status === 'ok' && isSeparatorLike(p.separator)) {
        flag(p.id, {
          code: 'UNEXPECTED_SEPARATOR',
          message: 'This page looks like a separator sheet, but this scan does not split on separators.',
        });
      }
      if (p.status === 'ok' && p.blank) {
        flag(p.id, {
          code: 'BLANK',
          message: 'Blank page: left out of the PDF. Restore it if it has writing or marks on it.',
        });
      }
      if (
        method.kind === 'fixed-count' &&
        method.unit === 'pages' &&
        current &&
        current.units >= method.count
      )
        close();
      if (!current) {
        const start: OrderStart = pending
          ? startOf(pending.id, pending.reading)
          : method.kind === 'fixed-count'
            ? { kind: 'fixed-count' }
            : method.kind === 'single'
              ? { kind: 'single' }
              : { kind: 'batch-start' };
        current = { id: `o${pending ? pending.id.slice(1) : p.index}`, start, pages: [], units: 0 };
        pending = null;
      }
      current.pages.push({ pageId: p.id, included: p.status === 'ok' && !p.blank, rotation: 0 });
      if (method.kind === 'fixed-count' && method.unit === 'pages') current.units += 1;
    }
    if (method.kind === 'fixed-count' && method.unit === 'sheets' && current) {
      current.units += 1;
      if (current.units >= method.count) close();
    }
  }
  close();
  if (pending) {
    flag(pending.id, {
      code: 'EMPTY_SEPARATOR',
      message: 'This separator is the last sheet of the batch: no order was made for it.',
    });
  }

  // Duplex accounting.
  let fronts = 0;
  let backs = 0;
  for (const p of input) {
    if (p.side === 'front') fronts += 1;
    else backs += 1;
  }
  const batchFlags: BatchFlag[] = [];
  if (duplex) {
    for (const sheet of sheets) {
      if (sheet.length === 1 && sheet[0]) {
        flag(sheet[0].id, {
          code: 'MISSING_SIDE',
          message: `Sheet ${sheet[0].sheet} gave only its ${sheet[0].side} side: a side was missed or two sheets fed together.`,
        });
      }
    }
    const incomplete = sheets.filter((s) => s.length !== 2).length;
    if (incomplete > 0 || input.length % 2 === 1) {
      batchFlags.push({
        code: 'DUPLEX_ODD_COUNT',
        message: `Duplex scan: ${input.length} sides from ${sheets.length} sheets (${fronts} fronts, ${backs} backs); ${countOf(incomplete, 'sheet')} without two sides. Check for a missed back side or a double feed.`,
      });
    }
  }

  const pages: BatchPage[] = input.map((p) => ({
    ...p,
    role: roles.get(p.id) ?? 'content',
    flags: flags.get(p.id) ?? [],
  }));
  return {
    pages,
    orders,
    counts: { sheets: sheets.length, sides: input.length, fronts, backs },
    flags: batchFlags,
  };
}
