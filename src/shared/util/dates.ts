/**
 * Calendar arithmetic on ISO dates ('YYYY-MM-DD') and times ('HH:MM'), with no time zone involved:
 * an order's dates are court calendar dates, not instants. Pure, so the same rules run everywhere.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Parses 'YYYY-MM-DD' and rejects impossible dates such as 2025-02-30. */
export function parseIsoDate(text: string): CalendarDate | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1800 || year > 2200 || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== null;
}

export function isIsoTime(text: string): boolean {
  return ISO_TIME.test(text);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function formatIsoDate(d: CalendarDate): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

/** Days since 1970-01-01 (proleptic Gregorian), for differences and additions without Date pitfalls. */
export function toDayNumber(d: CalendarDate): number {
  return Math.floor(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

export function fromDayNumber(n: number): CalendarDate {
  const date = new Date(n * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function mustParse(text: string): CalendarDate {
  const d = parseIsoDate(text);
  if (!d) throw new RangeError(`Not a valid date: ${text}`);
  return d;
}

/** Compares two ISO dates: negative when a is earlier. */
export function compareIsoDates(a: string, b: string): number {
  return toDayNumber(mustParse(a)) - toDayNumber(mustParse(b));
}

export function addDays(iso: string, days: number): string {
  return formatIsoDate(fromDayNumber(toDayNumber(mustParse(iso)) + days));
}

/** Adds calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(iso: string, months: number): string {
  const d = mustParse(iso);
  const total = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return formatIsoDate({ year, month, day: Math.min(d.day, daysInMonth(year, month)) });
}

export function addYears(iso: string, years: number): string {
  return addMonths(iso, years * 12);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(iso: string): number {
  return new Date(toDayNumber(mustParse(iso)) * 86_400_000).getUTCDay();
}

/**
 * Adds court days: weekdays that are not in `holidays` (ISO dates). Court holidays vary by year and
 * are configured by the court, so they come in as data.
 */
export function addCourtDays(
  iso: string,
  courtDays: number,
  holidays: ReadonlySet<string> = new Set(),
): string {
  let current = iso;
  let remaining = courtDays;
  while (remaining > 0) {
    current = addDays(current, 1);
    const dow = dayOfWeek(current);
    if (dow !== 0 && dow !== 6 && !holidays.has(current)) remaining -= 1;
  }
  return current;
}

/** Whole years between a date of birth and a later date (age on that date). */
export function ageOn(dob: string, on: string): number {
  const b = mustParse(dob);
  const d = mustParse(on);
  let age = d.year - b.year;
  if (d.month < b.month || (d.month === b.month && d.day < b.day)) age -= 1;
  return age;
}

/** The local calendar date (YYYY-MM-DD) of an instant: a court's day, not UTC's. */
export function localIsoDate(instant: Date): string {
  return formatIsoDate({
    year: instant.getFullYear(),
    month: instant.getMonth() + 1,
    day: instant.getDate(),
  });
}
