/** Sync between the station and the registry (see ARCHITECTURE.md, "Sync"). */
export type { SyncService, SyncStatus, SyncConflict, ConflictResolution } from './contract';
export { StationSync, type StationSyncOptions } from './sync-service';
export { backoffDelay, type BackoffPolicy } from './backoff';
