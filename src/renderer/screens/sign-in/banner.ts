/**
 * The system-use notice, asked for as soon as the station API is connected (the bootstrap calls
 * `prefetchBanner`), in parallel with the session, so the sign-in screen rarely waits for it.
 */
import type { BannerDto } from '../../../shared/ipc/session';
import type { StationApi } from '../../../shared/ipc/contract';
import { call } from '../../api/call';

let early: Promise<BannerDto> | null = null;

export function prefetchBanner(api: StationApi): void {
  early ??= call(api, 'session:banner', {});
  // A failure is reported by the screen that uses it; unused, it must not be an unhandled rejection.
  early.catch(() => undefined);
}

/** The prefetched notice once, then a fresh one each time (a later sign-in screen asks again). */
export function loadBanner(api: StationApi): Promise<BannerDto> {
  const pending = early ?? call(api, 'session:banner', {});
  early = null;
  return pending;
}
