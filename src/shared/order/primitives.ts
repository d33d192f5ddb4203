/**
 * Field formats shared by every schema. Formats only: whether a field is required is a question of
 * the transaction, answered by validation (a draft may be half-typed).
 */
import { z } from 'zod';
import { isIsoDate, isIsoTime } from '../util/dates';

/** Control characters break CARPOS messages and file names; line breaks are allowed only in paragraphs. */
function hasControl(text: string, allowLineBreaks: boolean): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (allowLineBreaks && (c === 10 || c === 13)) continue;
    if (c < 32 || c === 127) return true;
  }
  return false;
}

export const isoDateSchema = z.string().refine(isIsoDate, { error: 'Enter a real date as YYYY-MM-DD.' });
export const isoTimeSchema = z.string().refine(isIsoTime, { error: 'Enter a time as HH:MM (24-hour).' });

/** A single line of typed text, trimmed, never empty (an empty field is simply absent). */
export function line(max: number) {
  return z
    .string()
    .trim()
    .min(1, { error: 'Leave the field out rather than empty.' })
    .max(max, { error: `Use at most ${max} characters.` })
    .refine((t) => !hasControl(t, false), { error: 'Remove the control characters.' });
}

/** Free text that may span lines (miscellaneous conditions, notes). */
export function paragraph(max: number) {
  return z
    .string()
    .trim()
    .min(1, { error: 'Leave the field out rather than empty.' })
    .max(max, { error: `Use at most ${max} characters.` })
    .refine((t) => !hasControl(t, true), { error: 'Remove the control characters.' });
}

/** Letters (any script, with accents), spaces, hyphens, apostrophes and periods. */
export const namePartSchema = line(40).regex(/^[\p{L}\p{M}][\p{L}\p{M}' .-]*$/u, {
  error: 'Use letters, spaces, hyphens, apostrophes and periods only.',
});

/** An ORI: two letters of state then seven letters or digits (e.g. CA0190000 for a sheriff, CA019015J for a court). */
export const oriSchema = z.string().regex(/^[A-Z]{2}[0-9A-Z]{7}$/, {
  error: 'An ORI is 9 characters: 2 letters then 7 letters or digits, e.g. CA019015J.',
});

/** DOJ file control number: 13 digits. */
export const FCN_PATTERN = /^\d{13}$/;
export const fcnSchema = z
  .string()
  .regex(FCN_PATTERN, { error: 'A file control number (FCN) is exactly 13 digits.' });

export const caseNumberSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ./-]{0,24}$/, {
    error: 'A case number is up to 25 letters, digits, spaces, periods, hyphens or slashes.',
  });

export const uuidSchema = z.uuid({ error: 'Not a valid identifier.' });

export const stateCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, { error: 'Use the two-letter state code, e.g. CA.' });
export const zipSchema = z.string().regex(/^\d{5}(-\d{4})?$/, { error: 'A ZIP code is 5 digits, or 5+4.' });
export const phoneSchema = z
  .string()
  .regex(/^[0-9()+ .-]{7,20}$/, { error: 'Enter a phone number with digits, spaces and ( ) - + only.' });
