/**
 * Dates as people type them. Clerks in California write month/day/year (`07/10/1982`,
 * `7/10/82`, `7-10-1982`); the registry and CARPOS store ISO (`1982-07-10`). Both are accepted;
 * anything else, and any impossible date, is refused rather than guessed.
 */
import { formatIsoDate, parseIsoDate, type CalendarDate } from './dates';

const US_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
const ISO_LOOSE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const DIGITS_ONLY = /^(\d{2})(\d{2})(\d{4})$/;

export interface TypedDateOptions {
  /**
   * Today's ISO date, to place a two-digit year: it is read as the latest year not more than
   * `futureYears` ahead of today (so `82` is 1982, `27` is 2027 when looking ahead 20 years).
   */
  readonly today: string;
  /** How far ahead a two-digit year may land; 0 for dates that are never in the future (DOB). */
  readonly futureYears?: number;
}

/**
 * The century of a two-digit year: the latest date not more than `futureYears` after today
 * (`12/31/26` as a date of birth on 2026-12-05 is 1926, not a date three weeks ahead).
 */
function withCentury(
  twoDigits: number,
  month: number,
  day: number,
  options: TypedDateOptions,
): string | null {
  const today = parseIsoDate(options.today) ?? { year: new Date().getFullYear(), month: 1, day: 1 };
  const limit = formatIsoDate({ ...today, year: today.year + (options.futureYears ?? 20) });
  const century = Math.floor((today.year + (options.futureYears ?? 20)) / 100) * 100;
  const candidate = checked(century + twoDigits, month, day);
  if (candidate !== null && candidate <= limit) return candidate;
  return checked(century - 100 + twoDigits, month, day);
}

function checked(year: number, month: number, day: number): string | null {
  const candidate: CalendarDate = { year, month, day };
  const iso = formatIsoDate(candidate);
  return parseIsoDate(iso) ? iso : null;
}

/**
 * The ISO date a person meant, or null when the text is not a real date in an accepted shape:
 * `YYYY-MM-DD`, `M/D/YYYY`, `M/D/YY`, `MM-DD-YYYY`, `MMDDYYYY`.
 */
export function parseTypedDate(text: string, options: TypedDateOptions): string | null {
  const trimmed = text.trim();
  const iso = ISO_LOOSE.exec(trimmed);
  if (iso) return checked(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const us = US_DATE.exec(trimmed);
  if (us) {
    const yearText = us[3] ?? '';
    const [month, day] = [Number(us[1]), Number(us[2])];
    if (yearText.length === 2) return withCentury(Number(yearText), month, day, options);
    return checked(Number(yearText), month, day);
  }
  const digits = DIGITS_ONLY.exec(trimmed);
  if (digits) return checked(Number(digits[3]), Number(digits[1]), Number(digits[2]));
  return null;
}

/** The shapes a date field accepts, for help text and error messages. */
export const TYPED_DATE_HINT = 'MM/DD/YYYY';

/** An ISO date shown the way the court writes dates (MM/DD/YYYY); other text is returned as is. */
export function formatCourtDate(iso: string): string {
  const d = parseIsoDate(iso);
  if (!d) return iso;
  return `${String(d.month).padStart(2, '0')}/${String(d.day).padStart(2, '0')}/${d.year}`;
}
