/**
 * The batch model: every decision the pipeline made about a batch, as plain data. The UI lists its
 * flags, edits it (restore a blank page, move, rotate, remove, split, merge, assign a draft) through
 * the pure functions in edits.ts, and renders an order's PDF from it with render-order.ts. Page
 * images are referenced by key in a PageImageStore, never held here, so the model serialises small.
 */
import type { Problem } from '../../../shared/errors';
import type { PaperSource } from '../driver';
import type { PatchCode } from '../separation/patch';
import type { SeparatorReading } from '../separation/read-separator';
import type { ImageEncoding, OutputMode } from '../worker/page-task';

export type SeparationMethod =
  /** The station's cover sheets (a Patch T sheet in the stack splits too, without a draft). */
  | { readonly kind: 'cover-sheet' }
  /** Patch T sheets (a cover sheet in the stack splits too, with its draft). */
  | { readonly kind: 'patch-t' }
  /** Every N pages (sides) or N sheets make an order. */
  | { readonly kind: 'fixed-count'; readonly count: number; readonly unit: 'pages' | 'sheets' }
  /** The whole scan is one order. */
  | { readonly kind: 'single' };

export type Rotation = 0 | 90 | 180 | 270;

export type PageFlagCode =
  /** Blank by its score: left out of the PDF until the operator restores it. */
  | 'BLANK'
  /** Looks like a cover sheet but no valid code was read: the orders are split here, for review. */
  | 'UNREAD_SEPARATOR'
  /** A patch code other than T (or a T sheet upside down): split here, for review. */
  | 'OTHER_PATCH'
  /** A separator-looking page in a fixed-count or single-order scan: kept as a page, for review. */
  | 'UNEXPECTED_SEPARATOR'
  /** The back of a separator sheet carries something: left out with its sheet, for review. */
  | 'SEPARATOR_BACK_NOT_BLANK'
  /** A separator directly followed by another separator (or the end): its order has no pages. */
  | 'EMPTY_SEPARATOR'
  /** The page could not be read; the batch went on without it. */
  | 'PAGE_ERROR'
  /** In duplex, this sheet delivered one side only (a missed back side or a double feed). */
  | 'MISSING_SIDE';

export interface PageFlag {
  readonly code: PageFlagCode;
  readonly message: string;
}

export interface StoredPageImage {
  /** Key in the PageImageStore (the SHA-256 of the bytes). */
  readonly ref: string;
  readonly encoding: ImageEncoding;
  readonly width: number;
  readonly height: number;
  readonly dpi: number;
  readonly size: number;
}

export type PageRole = 'content' | 'separator' | 'separator-back';

export interface BatchPage {
  /** Stable id: `p<index>`. */
  readonly id: string;
  readonly index: number;
  readonly sheet: number;
  readonly side: 'front' | 'back';
  readonly origin: string;
  readonly status: 'ok' | 'error';
  readonly error?: Problem | undefined;
  readonly image?: StoredPageImage | undefined;
  /** Blank score in percent of the content area (see image/blank.ts); 0 for an unreadable page. */
  readonly blankScore: number;
  readonly blank: boolean;
  readonly separator: SeparatorReading;
  readonly role: PageRole;
  readonly flags: readonly PageFlag[];
}

export type OrderStart =
  | { readonly kind: 'cover-sheet'; readonly pageId: string; readonly draftId: string }
  | { readonly kind: 'unread-cover-sheet'; readonly pageId: string; readonly reason: string }
  | { readonly kind: 'patch'; readonly pageId: string; readonly code: PatchCode }
  | { readonly kind: 'batch-start' }
  | { readonly kind: 'fixed-count' }
  | { readonly kind: 'single' }
  | { readonly kind: 'operator' };

export interface OrderPage {
  readonly pageId: string;
  /** Whether the page goes into the PDF (blank and unreadable pages start out excluded). */
  readonly included: boolean;
  readonly rotation: Rotation;
}

export interface BatchOrder {
  /** Stable id: `o<index of its first page>` (or of its separator). */
  readonly id: string;
  readonly start: OrderStart;
  readonly draftId?: string | undefined;
  readonly pages: readonly OrderPage[];
  /** Bumped by every edit, so a sink can tell a re-rendered PDF from the first one. */
  readonly revision: number;
}

export type BatchFlagCode = 'DUPLEX_ODD_COUNT' | 'CANCELLED' | 'SCANNER_STOPPED';

export interface BatchFlag {
  readonly code: BatchFlagCode;
  readonly message: string;
}

export interface SheetCounts {
  readonly sheets: number;
  readonly sides: number;
  readonly fronts: number;
  readonly backs: number;
}

export interface Batch {
  readonly id: string;
  /** ISO timestamp of the start of the scan. */
  readonly startedAt: string;
  readonly source: PaperSource;
  readonly output: OutputMode;
  readonly method: SeparationMethod;
  readonly pages: readonly BatchPage[];
  readonly orders: readonly BatchOrder[];
  /** Pages the operator took out of every order; kept, and can be moved back. */
  readonly unassigned: readonly string[];
  readonly counts: SheetCounts;
  readonly flags: readonly BatchFlag[];
  readonly status: 'scanning' | 'complete' | 'cancelled' | 'interrupted';
}

export function pageById(batch: Batch, pageId: string): BatchPage | undefined {
  return batch.pages.find((p) => p.id === pageId);
}

export function orderById(batch: Batch, orderId: string): BatchOrder | undefined {
  return batch.orders.find((o) => o.id === orderId);
}
