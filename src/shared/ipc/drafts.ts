/** Drafts and their documents as the renderer sees them (the local store's records). */
import type { OrderStatus } from '../order/lifecycle';
import type { ProtectiveOrder } from '../order/schema';

/** Where a draft stands with the registry (the one list: the store's column and the API's filter). */
export const SYNC_STATES = ['pending', 'synced', 'conflict', 'rejected'] as const;
export type SyncStateDto = (typeof SYNC_STATES)[number];

export interface DraftDto {
  readonly id: string;
  readonly status: OrderStatus;
  readonly order: ProtectiveOrder;
  readonly localVersion: number;
  readonly registryVersion: number | null;
  readonly syncState: SyncStateDto;
  readonly syncMessage: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The organisation whose users may see and change this draft (its creator's). */
  readonly orgOri: string;
}

export interface DraftSummaryDto {
  readonly id: string;
  readonly status: OrderStatus;
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
