/**
 * Pulls the registry's change feed from the stored cursor: status changes of this station's orders
 * (accepted, returned, rejected, acknowledged by DOJ) are applied to the local drafts, a DOJ
 * rejection shows on the draft as an error to act on, and on sheriff stations the county work queue
 * is refreshed. Each page is applied with its cursor in one transaction, so a pull interrupted at any
 * point resumes where the last applied page ended.
 */
import type { Change } from '../../shared/api';
import { RegistryError } from '../registry-client/errors';
import type { RegistryClient } from '../registry-client/registry-client';
import type { SyncStore } from './sync-store';
import type { PulledRecord } from './store/sync-repository';

export const CURSOR_KEY = 'changes.cursor';
const PAGE_SIZE = 200;

export const DOJ_REJECTED_MESSAGE =
  'DOJ CARPOS rejected this order. A CLETS-certified user must read the DOJ response on the registry and correct it ("Correct and resubmit").';

export interface PullResult {
  readonly stale: number;
  readonly pages: number;
  readonly changes: number;
  readonly applied: number;
  readonly queueRefreshed: boolean;
}

export class Puller {
  private queueLoaded = false;

  constructor(
    private readonly store: SyncStore,
    private readonly client: RegistryClient,
  ) {}

  async pull(signal: AbortSignal): Promise<PullResult> {
    const stale = await this.refreshStale(signal);
    let applied = stale;
    let cursor = this.store.sync.getMeta(CURSOR_KEY);
    let pages = 0;
    let changes = 0;
    let queueTouched = false;
    for (;;) {
      const page = await this.client.changes(cursor, PAGE_SIZE, signal);
      pages += 1;
      changes += page.changes.length;
      queueTouched ||= page.changes.some((c) => c.queue);
      const records = await this.fetchChanged(page.changes, signal);
      applied += this.store.sync.remote.applyPulled(records, { key: CURSOR_KEY, value: page.cursor });
      cursor = page.cursor;
      if (!page.hasMore || page.changes.length === 0) break;
    }
    let queueRefreshed = false;
    if (this.client.session.hasRole('sheriff_operator') && (queueTouched || !this.queueLoaded)) {
      const items = await this.client.workQueue(signal);
      this.store.sync.remote.replaceWorkQueue(items);
      this.queueLoaded = true;
      queueRefreshed = true;
    }
    return { stale, pages, changes, applied, queueRefreshed };
  }

  /** The current record of each local draft the page says moved past what this station holds. */
  private async fetchChanged(changes: readonly Change[], signal: AbortSignal): Promise<PulledRecord[]> {
    const latest = new Map<string, Change>();
    for (const c of changes) {
      const seen = latest.get(c.orderId);
      if (!seen || c.version >= seen.version) latest.set(c.orderId, c);
    }
    const out: PulledRecord[] = [];
    for (const change of latest.values()) {
      const draft = this.store.drafts.get(change.orderId);
      if (!draft) continue; // not an order of this station (another station of the same court)
      const known = draft.registryVersion ?? 0;
      if (known > change.version || (known === change.version && draft.status === change.status)) continue;
      if (this.store.outbox.forRecord(draft.id).length > 0 || this.store.sync.conflicts.get(draft.id)) {
        // Its own changes go first; the news is fetched once they are settled (sync_stale).
        this.store.sync.remote.markStale(draft.id, change.version);
        continue;
      }
      const record = await this.fetch(change.orderId, signal);
      if (record) out.push(record);
    }
    return out;
  }

  /** Drafts the feed reported while their changes were queued, now settled: fetch and apply them. */
  private async refreshStale(signal: AbortSignal): Promise<number> {
    const ready = this.store.sync.remote.staleReady();
    if (ready.length === 0) return 0;
    const records: PulledRecord[] = [];
    for (const id of ready) {
      const record = await this.fetch(id, signal);
      if (record) records.push(record);
      else this.store.sync.remote.clearStale(id);
    }
    return this.store.sync.remote.applyPulled(records, null);
  }

  private async fetch(orderId: string, signal: AbortSignal): Promise<PulledRecord | null> {
    try {
      const record = await this.client.getOrder(orderId, signal);
      return {
        order: record.order,
        status: record.status,
        version: record.version,
        syncState: record.status === 'rejected' ? 'rejected' : 'synced',
        message: record.status === 'rejected' ? DOJ_REJECTED_MESSAGE : null,
      };
    } catch (error) {
      // Gone from view (sealed, or moved out of reach): nothing to apply.
      if (error instanceof RegistryError && (error.status === 404 || error.status === 403)) return null;
      throw error;
    }
  }
}
