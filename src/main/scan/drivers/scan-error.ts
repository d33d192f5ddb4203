/**
 * The typed failure every driver throws or reports: a ScanErrorCode the UI can explain, and a
 * message written for the person at the scanner, with the device's own words kept as detail.
 */
import { CodedError } from '../../../shared/errors';
import type { ScanError, ScanErrorCode } from '../driver';

/** What the operator should read for each code; drivers may add the device's own words after it. */
export const OPERATOR_MESSAGES: Readonly<Record<ScanErrorCode, string>> = {
  PAPER_JAM:
    'The scanner reports a paper jam. Clear the feeder, put back the sheets that were not scanned and scan again.',
  COVER_OPEN: 'The scanner cover or feeder door is open. Close it and scan again.',
  FEEDER_EMPTY: 'The document feeder is empty. Load the documents and scan again.',
  DEVICE_BUSY: 'The scanner is busy with another job. Wait a moment and scan again.',
  DEVICE_GONE: 'The scanner cannot be reached. Check that it is switched on and connected.',
  CANCELLED: 'The scan was cancelled at the scanner.',
  UNSUPPORTED_SETTING: 'The scanner does not support this setting.',
  IO_ERROR: 'The scanner reported an error while scanning.',
  CORRUPT_IMAGE: 'This page could not be read: the image is damaged or incomplete.',
  UNSUPPORTED_FORMAT: 'This file is not a scanned image the station can read.',
  DRIVER_MISSING: 'The scanning software for this scanner is not installed on this computer.',
};

/** A ScanError that is also a real Error (stack, instanceof), usable as `throw`. */
export class ScanFailure extends CodedError implements ScanError {
  declare readonly code: ScanErrorCode;
}

/** Builds the operator message for `code`, with the device's or tool's own words as detail. */
export function scanFailure(code: ScanErrorCode, detail?: string, field?: string): ScanFailure {
  const base = OPERATOR_MESSAGES[code];
  const message = detail === undefined || detail.trim() === '' ? base : `${base} (${detail.trim()})`;
  return new ScanFailure(code, message, field);
}

export function isScanError(value: unknown): value is ScanError {
  if (!(value instanceof Error)) return false;
  const code: unknown = (value as { code?: unknown }).code;
  return typeof code === 'string' && Object.hasOwn(OPERATOR_MESSAGES, code);
}

/** Any thrown value as a ScanError: ScanErrors pass through, anything else becomes `fallback`. */
export function asScanError(value: unknown, fallback: ScanErrorCode): ScanError {
  if (isScanError(value)) return value;
  const detail = value instanceof Error ? value.message : String(value);
  return scanFailure(fallback, detail);
}
