/**
 * The station's wording rules in code (the guide is src/renderer/README.md, "Wording"): US English,
 * 12-hour times with AM/PM, counts in words a person reads ("1 page", "3 orders"), never "page(s)"
 * (countOf, shared with the station's messages).
 * Every screen formats times and counts through here so one screen cannot drift from another.
 */

const TIME = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', hour12: true });
const DATE_TIME = new Intl.DateTimeFormat('en-US', {
  month: '2-digit',
  day: '2-digit',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

function asDate(at: Date | string | number): Date {
  return at instanceof Date ? at : new Date(at);
}

/** "4:05 PM". */
export function formatClockTime(at: Date | string | number): string {
  return TIME.format(asDate(at));
}

/** "12/05/2026, 4:05 PM". */
export function formatDateTime(at: Date | string | number): string {
  return DATE_TIME.format(asDate(at));
}

/** The time alone when it is today, otherwise date and time: for "last sent at …". */
export function formatWhen(at: Date | string | number, now: Date = new Date()): string {
  const date = asDate(at);
  return date.toDateString() === now.toDateString() ? formatClockTime(date) : formatDateTime(date);
}

export { countOf } from '../../shared/util/count';
