/** Drafts and their documents as the renderer sees them (the local store's records). */
import type { ORDER_STATUSES } from '../order/lifecycle';
import type { ProtectiveOrder } from '../order/schema';

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
