/**
 * NAPS2's console reports scanner trouble as sentences on its output (its exit status does not say
 * which). These are NAPS2's English messages; a localised NAPS2 falls back to IO_ERROR with its text.
 */
import type { PaperSource, ScanError, ScanErrorCode } from '../../driver';
import { scanFailure } from '../scan-error';

const MESSAGES: readonly (readonly [RegExp, ScanErrorCode])[] = [
  [/paper jam/i, 'PAPER_JAM'],
  [/cover is open/i, 'COVER_OPEN'],
  [/no pages are in the feeder/i, 'FEEDER_EMPTY'],
  [/scanner is busy|is warming up/i, 'DEVICE_BUSY'],
  [/could not be found|is offline|no scanning device was found|no device selected/i, 'DEVICE_GONE'],
  [/error occurred with the scanning driver|unknown error occurred|an error occurred/i, 'IO_ERROR'],
];

export interface Naps2Outcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
  readonly pages: number;
  readonly source: PaperSource;
}

export function naps2Error(outcome: Naps2Outcome): ScanError | undefined {
  const lines = outcome.output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  for (const line of lines) {
    for (const [pattern, code] of MESSAGES) {
      if (pattern.test(line)) return scanFailure(code, `NAPS2: ${line}`);
    }
  }
  if (outcome.signal !== null) return scanFailure('IO_ERROR', `NAPS2 stopped by ${outcome.signal}`);
  if (outcome.code !== 0)
    return scanFailure('IO_ERROR', `NAPS2 exited with status ${outcome.code ?? '?'}: ${lines.at(-1) ?? ''}`);
  if (outcome.pages === 0) {
    // NAPS2 ends quietly ("no pages to export") when the feeder was empty.
    return outcome.source === 'flatbed'
      ? scanFailure('IO_ERROR', 'NAPS2 produced no page')
      : scanFailure('FEEDER_EMPTY', 'NAPS2 produced no page');
  }
  return undefined;
}
