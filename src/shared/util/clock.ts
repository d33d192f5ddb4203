/**
 * Times as the station writes them everywhere (the station's messages and every screen): a 12-hour
 * clock with AM/PM, dates as MM/DD/YYYY. Written out by hand rather than through Intl, whose
 * output differs between ICU versions (some put a narrow no-break space before "PM").
 */
import { formatCourtDate } from './typed-date';
import { localIsoDate } from './dates';

/** "3:07 PM" in the local time. */
export function formatClockTime(at: Date | string | number): string {
  const date = at instanceof Date ? at : new Date(at);
  const hours = date.getHours();
  const minutes = String(date.getMinutes()).padStart(2, '0');
  return `${hours % 12 === 0 ? 12 : hours % 12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** "12/05/2026 at 3:07 PM". */
export function formatDateTime(at: Date | string | number): string {
  const date = at instanceof Date ? at : new Date(at);
  return `${formatCourtDate(localIsoDate(date))} at ${formatClockTime(date)}`;
}

/** "today at 3:07 PM", or "03/14/2026 at 3:07 PM" on another day; "never" for no time. */
export function formatWhen(iso: string | null, now: Date = new Date()): string {
  if (iso === null) return 'never';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return localIsoDate(date) === localIsoDate(now)
    ? `today at ${formatClockTime(date)}`
    : formatDateTime(date);
}
