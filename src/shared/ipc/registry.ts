/** What the renderer gets from the registry through the station (online only). */
import type { OrderRecord, SearchHit, SearchResult } from '../api';

export type SearchResultDto = SearchResult;
export type SearchHitDto = SearchHit;

/** An order from the registry with the list of its images (fetch one with `registry:image`). */
export type RegistryOrderDto = OrderRecord;

export interface ConflictCheckDto {
  readonly conflicts: readonly SearchHit[];
}

/** A PDF carried across the API boundary: base64, because the WebSocket host speaks JSON. */
export interface PdfDto {
  readonly fileName: string;
  readonly base64: string;
}
