/** Times in plain words for the sync status and the conflict dialog: 12-hour clock with AM/PM. */
import { formatCourtDate } from '../../shared/util/typed-date';

/** "3:07 PM" in the station's local time. */
export function clockTime(date: Date): string {
  const hours = date.getHours();
  const minutes = String(date.getMinutes()).padStart(2, '0');
  return `${hours % 12 === 0 ? 12 : hours % 12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`;
}

function isoDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** "today at 3:07 PM", or "03/14/2026 at 3:07 PM" on another day; "never" for no time. */
export function formatTime(iso: string | null, now: Date = new Date()): string {
  if (iso === null) return 'never';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const day = isoDay(d) === isoDay(now) ? 'today' : formatCourtDate(isoDay(d));
  return `${day} at ${clockTime(d)}`;
}
