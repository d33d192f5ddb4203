/**
 * The station API: everything the renderer may ask of the station, written once. The Electron
 * preload and the browser host both carry exactly these channels; the main process validates every
 * argument against these schemas before a handler runs (src/main/app/dispatcher.ts).
 *
 * Channel names are namespaced `area:verb`. To add a method, see README.md beside this file ("Add an IPC method").
 */
import { z } from 'zod';
import { conflictRequestSchema, searchQuerySchema } from '../api/search';
import { ORDER_STATUSES } from '../order/lifecycle';
import { protectiveOrderSchema } from '../order/schema';
import { uuidSchema } from '../order/primitives';
import {
  SYNC_STATES,
  type DocumentDto,
  type DraftDto,
  type DraftSummaryDto,
  type StationInfoDto,
} from './drafts';
import type { EventName, EventPayload } from './events';
import { method, type MethodInput, type MethodOutput, type Result } from './method';
import type { ConflictCheckDto, PdfDto, RegistryOrderDto, SearchResultDto } from './registry';
import { batchEditSchema, batchRefSchema, startScanSchema } from './scan';
import type { BatchDto, CommittedOrderDto, ScannerListDto } from './scan';
import {
  lockInputSchema,
  reauthInputSchema,
  registrySignInInputSchema,
  signInInputSchema,
  unlockInputSchema,
  type BannerDto,
  type SessionDto,
} from './session';
import { namingTemplateSchema, settingsPatchSchema, type StationSettings } from './settings';
import { conflictResolutionSchema, type SyncConflictDto, type SyncStatusDto } from './sync';

export type { DocumentDto, DraftDto, DraftSummaryDto, StationInfoDto, SyncStateDto } from './drafts';

const empty = z.strictObject({});
const byId = z.strictObject({ id: uuidSchema });

export const STATION_METHODS = {
  'station:info': method<StationInfoDto>()(empty),

  'session:get': method<SessionDto>()(empty),
  'session:banner': method<BannerDto>()(empty),
  'session:sign-in': method<SessionDto>()(signInInputSchema),
  'session:unlock': method<SessionDto>()(unlockInputSchema),
  'session:sign-out': method<SessionDto>()(empty),
  /** Locks the screen now (Lock button, shortcut, window hidden, computer locked). */
  'session:lock': method<SessionDto>()(lockInputSchema),
  /** Unlocks the locked screen: the signed-in user's password and code. */
  'session:reauth': method<SessionDto>()(reauthInputSchema),
  /** Signs the signed-in user in to the registry (password and code) so queued changes can go. */
  'session:registry-sign-in': method<SessionDto>()(registrySignInInputSchema),
  /** The operator is at the station (input seen): postpones the idle lock. */
  'session:activity': method<null>()(empty),

  'settings:get': method<StationSettings>()(empty),
  'settings:update': method<StationSettings>()(z.strictObject({ patch: settingsPatchSchema })),
  /** The name the next scanned order would get under `template` (the sequence counts existing files). */
  'settings:preview-name': method<{ fileName: string }>()(z.strictObject({ template: namingTemplateSchema })),

  'drafts:list': method<DraftSummaryDto[]>()(
    z.strictObject({
      status: z.enum(ORDER_STATUSES).optional(),
      syncState: z.enum(SYNC_STATES).optional(),
      text: z.string().max(100).optional(),
      limit: z.int().min(1).max(500).optional(),
      after: z.strictObject({ updatedAt: z.string().max(40), id: uuidSchema }).optional(),
    }),
  ),
  'drafts:get': method<DraftDto>()(byId),
  /** A new, empty draft for this station's court. */
  'drafts:create': method<DraftDto>()(empty),
  'drafts:save': method<DraftDto>()(z.strictObject({ order: protectiveOrderSchema })),
  'drafts:transition': method<DraftDto>()(
    z.strictObject({ id: uuidSchema, transition: z.string().min(1).max(40) }),
  ),
  /** Cover sheets (one page each) to print and put on top of each order's paper before scanning. */
  'drafts:cover-sheets': method<PdfDto>()(z.strictObject({ ids: z.array(uuidSchema).min(1).max(100) })),
  'documents:list': method<DocumentDto[]>()(z.strictObject({ draftId: uuidSchema })),
  'documents:content': method<PdfDto>()(z.strictObject({ draftId: uuidSchema, id: uuidSchema })),

  /** The scanners found at the last discovery (remembered; the first discovery runs at start). */
  'scan:devices': method<ScannerListDto>()(empty),
  /** Looks for scanners again (seconds: SANE asks every backend) and remembers what it finds. */
  'scan:refresh-devices': method<ScannerListDto>()(empty),
  'scan:start': method<BatchDto>()(startScanSchema),
  'scan:current': method<BatchDto | null>()(empty),
  'scan:cancel': method<BatchDto>()(batchRefSchema),
  /** After a jam: continue the same batch from where the scanner stopped. */
  'scan:retry': method<BatchDto>()(batchRefSchema),
  'scan:edit': method<BatchDto>()(batchRefSchema.extend({ edit: batchEditSchema })),
  /** A small page image (JPEG data URL, at most 160 px wide) for the review grid. */
  'scan:thumbnail': method<{ dataUrl: string }>()(batchRefSchema.extend({ pageId: z.string().max(20) })),
  /** Ends the review: one PDF per order, named by the convention and attached to its draft. */
  'scan:commit': method<CommittedOrderDto[]>()(batchRefSchema),
  'scan:discard': method<null>()(batchRefSchema),

  'sync:status': method<SyncStatusDto>()(empty),
  'sync:now': method<SyncStatusDto>()(empty),
  'sync:conflicts': method<SyncConflictDto[]>()(empty),
  'sync:resolve': method<SyncStatusDto>()(
    z.strictObject({ draftId: uuidSchema, resolution: conflictResolutionSchema }),
  ),

  'registry:search': method<SearchResultDto>()(z.strictObject({ query: searchQuerySchema })),
  'registry:order': method<RegistryOrderDto>()(byId),
  'registry:image': method<PdfDto>()(
    z.strictObject({ orderId: uuidSchema, sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  ),
  /** Other live orders against the restrained person being entered (statewide). */
  'registry:conflicts': method<ConflictCheckDto>()(conflictRequestSchema),
} as const;

export type StationMethods = typeof STATION_METHODS;
export type Channel = keyof StationMethods;
export const CHANNELS = Object.keys(STATION_METHODS) as Channel[];

/**
 * Channels that answer without a signed-in, unlocked user (everything else answers SIGNED_OUT or
 * LOCKED, then checks the caller's role: permissions.ts). `session:lock` and `session:reauth` check
 * the session themselves.
 */
export const PUBLIC_CHANNELS: readonly Channel[] = [
  'station:info',
  'session:get',
  'session:banner',
  'session:sign-in',
  'session:unlock',
  'session:sign-out',
  'session:lock',
  'session:reauth',
];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(STATION_METHODS, name);
}

export type ChannelInput<C extends Channel> = MethodInput<StationMethods[C]>;
export type ChannelOutput<C extends Channel> = MethodOutput<StationMethods[C]>;

/** The object the renderer holds: one `invoke` for every channel and `on` for pushed events, typed end to end. */
export interface StationApi {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  /** Listens to a pushed event; returns the function that stops listening. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
