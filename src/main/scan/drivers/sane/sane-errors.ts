/**
 * Turns what scanimage says on stderr, and its exit status (scanimage exits with the SANE status
 * code), into the station's typed errors. The feeder running out after at least one page is the
 * normal end of a batch; at the very start it means the operator has not loaded the documents.
 */
import type { ScanError } from '../../driver';
import { scanFailure } from '../scan-error';

export interface ScanimageOutcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  /** Pages scanimage finished and handed over in this batch. */
  readonly pages: number;
}

/** SANE status words (sane_strstatus) to station errors; `undefined` = the feeder ran out normally. */
function fromStatusText(text: string, pages: number, where: string): ScanError | undefined {
  const detail = `scanimage: ${where}: ${text}`;
  if (/jammed/i.test(text)) return scanFailure('PAPER_JAM', detail);
  if (/cover is open/i.test(text)) return scanFailure('COVER_OPEN', detail);
  if (/out of documents/i.test(text)) return pages === 0 ? scanFailure('FEEDER_EMPTY', detail) : undefined;
  if (/device busy/i.test(text)) return scanFailure('DEVICE_BUSY', detail);
  if (/cancel/i.test(text)) return scanFailure('CANCELLED', detail);
  if (/invalid argument/i.test(text)) return scanFailure('UNSUPPORTED_SETTING', detail);
  return scanFailure('IO_ERROR', detail);
}

/** Exit statuses as SANE_Status values, for when stderr says nothing we recognise. */
function fromExitCode(code: number, detail: string): ScanError {
  switch (code) {
    case 2:
      return scanFailure('CANCELLED', detail);
    case 3:
    case 11:
      return scanFailure('DEVICE_BUSY', detail);
    case 4:
      return scanFailure('UNSUPPORTED_SETTING', detail);
    case 6:
      return scanFailure('PAPER_JAM', detail);
    case 7:
      return scanFailure('FEEDER_EMPTY', detail);
    case 8:
      return scanFailure('COVER_OPEN', detail);
    default:
      return scanFailure('IO_ERROR', detail);
  }
}

/**
 * Whether scanimage has said its last word: a status line from sane_start/sane_read (a jam, the
 * feeder running out, an I/O error) or a failed open. After it scanimage only closes the device.
 */
export function isClosingReport(line: string): boolean {
  return (
    /scanimage: (sane_start|sane_read|sane_open|sane_get_parameters): /.test(line) ||
    /open of device .+ failed: /.test(line)
  );
}

/** The error a finished scanimage run ended with, or `undefined` for a normal end of batch. */
export function scanimageError(outcome: ScanimageOutcome): ScanError | undefined {
  const lines = outcome.stderr.split(/\r?\n/).filter((l) => l.trim() !== '');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    const open = /open of device (.+?) failed: (.+)$/.exec(line);
    if (open !== null) {
      const text = open[2] ?? '';
      if (/busy/i.test(text)) return scanFailure('DEVICE_BUSY', line);
      return scanFailure('DEVICE_GONE', line);
    }
    if (/no SANE devices found/i.test(line)) return scanFailure('DEVICE_GONE', line);
    const option = /setting of option (--?[\w-]+) failed/.exec(line);
    if (option !== null) return scanFailure('UNSUPPORTED_SETTING', line, option[1]);
    const status = /scanimage: (sane_start|sane_read|sane_open|sane_get_parameters): (.+)$/.exec(line);
    if (status !== null) return fromStatusText(status[2] ?? '', outcome.pages, status[1] ?? '');
  }
  if (outcome.signal !== null) return scanFailure('IO_ERROR', `scanimage stopped by ${outcome.signal}`);
  if (outcome.code !== null && outcome.code !== 0) {
    return fromExitCode(outcome.code, lines.at(-1) ?? `scanimage exited with status ${outcome.code}`);
  }
  return undefined;
}
