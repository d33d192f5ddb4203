/**
 * The station API: everything the renderer may ask of the station, written once. The Electron
 * preload and the browser host both carry exactly these channels; the main process validates every
 * argument against these schemas before a handler runs.
 *
 * Channel names are namespaced `area:verb`. To add a method, see ARCHITECTURE.md ("Add an IPC method").
 */
import { z } from 'zod';
import { ORDER_STATUSES } from '../order/lifecycle';
import { protectiveOrderSchema, type ProtectiveOrder } from '../order/schema';
import { uuidSchema } from '../order/primitives';
import { method, type MethodInput, type MethodOutput, type Result } from './method';

export type SyncStateDto = 'pending' | 'synced' | 'conflict' | 'rejected';

export interface DraftDto {
  readonly id: string;
  readonly status: (typeof ORDER_STATUSES)[number];
  readonly order: ProtectiveOrder;
  readonly localVersion: number;
  readonly registryVersion: number | null;
  readonly syncState: SyncStateDto;
  readonly syncMessage: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface DraftSummaryDto {
  readonly id: string;
  readonly status: (typeof ORDER_STATUSES)[number];
  readonly caseNumber: string | null;
  readonly formId: string | null;
  readonly issueDate: string | null;
  readonly restrainedName: string;
  readonly syncState: SyncStateDto;
  readonly updatedAt: string;
}

export interface DocumentDto {
  readonly id: string;
  readonly draftId: string;
  readonly sha256: string;
  readonly fileName: string;
  readonly pageCount: number;
  readonly byteSize: number;
  readonly createdAt: string;
}

export interface StationInfoDto {
  readonly version: string;
  readonly host: 'electron' | 'browser';
  readonly stationName: string;
}

const empty = z.strictObject({});
const byId = z.strictObject({ id: uuidSchema });

export const STATION_METHODS = {
  'station:info': method<StationInfoDto>()(empty),
  'drafts:list': method<DraftSummaryDto[]>()(
    z.strictObject({
      status: z.enum(ORDER_STATUSES).optional(),
      syncState: z.enum(['pending', 'synced', 'conflict', 'rejected']).optional(),
      text: z.string().max(100).optional(),
      limit: z.int().min(1).max(500).optional(),
      after: z.strictObject({ updatedAt: z.string().max(40), id: uuidSchema }).optional(),
    }),
  ),
  'drafts:get': method<DraftDto>()(byId),
  'drafts:save': method<DraftDto>()(z.strictObject({ order: protectiveOrderSchema })),
  'drafts:transition': method<DraftDto>()(
    z.strictObject({ id: uuidSchema, transition: z.string().min(1).max(40) }),
  ),
  'documents:list': method<DocumentDto[]>()(z.strictObject({ draftId: uuidSchema })),
} as const;

export type StationMethods = typeof STATION_METHODS;
export type Channel = keyof StationMethods;
export const CHANNELS = Object.keys(STATION_METHODS) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(STATION_METHODS, name);
}

/** The object the renderer holds: one `invoke` for every channel, typed end to end. */
export interface StationApi {
  invoke<C extends Channel>(
    channel: C,
    input: MethodInput<StationMethods[C]>,
  ): Promise<Result<MethodOutput<StationMethods[C]>>>;
}
