/**
 * The scan station as the renderer sees it: devices, the batch being scanned (pages, the orders it
 * was separated into, what needs review) and the edits an operator makes to it. The station maps
 * the scan pipeline's batch model onto these plain shapes; page images travel separately, as small
 * thumbnails fetched on demand, so a progress update stays a few kilobytes even for 100 pages.
 */
import { z } from 'zod';
import { uuidSchema } from '../order/primitives';
import { scanProfileSchema } from './settings';

export interface ScannerDeviceDto {
  readonly id: string;
  readonly driver: 'sane' | 'escl' | 'twain' | 'folder';
  readonly label: string;
}

/** A scanner driver that could not list its devices at the last discovery, in plain words. */
export interface ScannerDiscoveryProblemDto {
  readonly driver: ScannerDeviceDto['driver'];
  readonly message: string;
}

/**
 * The scanners the station found, as it remembers them: discovery takes seconds (SANE asks every
 * backend), so it runs once in the background at start and again only when the operator asks.
 */
export interface ScannerListDto {
  readonly devices: readonly ScannerDeviceDto[];
  /** When the station last finished looking for scanners (ISO); null before the first look ends. */
  readonly discoveredAt: string | null;
  /** How many times the station has looked for scanners since it started. */
  readonly discoveries: number;
  /** Drivers that failed at the last look; the scanners they listed before are still offered. */
  readonly problems: readonly ScannerDiscoveryProblemDto[];
}

export interface FlagDto {
  readonly code: string;
  readonly message: string;
}

export interface BatchPageDto {
  readonly id: string;
  readonly index: number;
  readonly sheet: number;
  readonly side: 'front' | 'back';
  readonly status: 'ok' | 'error';
  readonly role: 'content' | 'separator' | 'separator-back';
  readonly blank: boolean;
  readonly flags: readonly FlagDto[];
  /** Bumped when the page's thumbnail changes (so the renderer refetches it). */
  readonly thumbnailKey: string | null;
}

export interface BatchOrderPageDto {
  readonly pageId: string;
  readonly included: boolean;
  readonly rotation: 0 | 90 | 180 | 270;
}

export interface BatchOrderDto {
  readonly id: string;
  /** How the order was found: 'cover-sheet', 'unread-cover-sheet', 'patch', 'batch-start', 'fixed-count', 'single', 'operator'. */
  readonly startKind: string;
  readonly draftId: string | null;
  readonly pages: readonly BatchOrderPageDto[];
  readonly issues: readonly FlagDto[];
}

export interface BatchDto {
  readonly id: string;
  readonly deviceId: string;
  readonly startedAt: string;
  readonly status: 'scanning' | 'complete' | 'cancelled' | 'interrupted' | 'committed';
  readonly pages: readonly BatchPageDto[];
  readonly orders: readonly BatchOrderDto[];
  readonly unassigned: readonly string[];
  readonly flags: readonly FlagDto[];
  readonly counts: { readonly sheets: number; readonly sides: number };
  /** Pages delivered by the scanner and pages analysed so far. */
  readonly progress: { readonly scanned: number; readonly processed: number };
  /** Set when the scanner stopped on a problem (a jam): what to do, in plain words. Retry continues the batch. */
  readonly stopped: { readonly code: string; readonly message: string } | null;
}

export interface CommittedOrderDto {
  readonly orderId: string;
  /** The draft the PDF is attached to (new for an order without a cover sheet); null if not stored. */
  readonly draftId: string | null;
  readonly fileName: string | null;
  readonly pageCount: number;
  /** Why the order was not stored, in plain words; null when it was. */
  readonly problem: string | null;
}

export const batchEditSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('include'), pageId: z.string().max(20), included: z.boolean() }),
  z.strictObject({
    kind: z.literal('rotate'),
    pageId: z.string().max(20),
    rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  }),
  z.strictObject({
    kind: z.literal('move'),
    pageId: z.string().max(20),
    toOrderId: z.string().max(20),
    position: z.int().min(0).max(10_000),
  }),
  z.strictObject({ kind: z.literal('remove'), pageId: z.string().max(20) }),
  z.strictObject({ kind: z.literal('merge-with-previous'), orderId: z.string().max(20) }),
  z.strictObject({ kind: z.literal('split-before'), pageId: z.string().max(20) }),
  z.strictObject({
    kind: z.literal('assign-draft'),
    orderId: z.string().max(20),
    coverCode: z.string().max(100),
  }),
]);
export type BatchEdit = z.infer<typeof batchEditSchema>;

export const startScanSchema = z.strictObject({
  deviceId: z.string().min(1).max(300),
  profile: scanProfileSchema,
});

export const batchRefSchema = z.strictObject({ batchId: uuidSchema });
