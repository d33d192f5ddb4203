/**
 * The station's log: pino JSON lines in a rotating file in the station's data folder, redacted like
 * the registry's (src/shared/log/redaction.ts: no names, dates of birth, addresses, case numbers or
 * tokens). Callers log codes, ids and counts; an error is logged by its code and message.
 * Every host creates one and hands it to the station; tests use `silentLog()`.
 */
import { pino, type Logger } from 'pino';
import { REDACT_PATHS } from '../../shared/log/redaction';
import { RotatingFile, type RotatingFileOptions } from './rotating-file';

/** What the station's modules may call: the levels, and a child logger per component. */
export type StationLog = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'> & {
  child(bindings: { component: string }): StationLog;
};

export interface StationLogOptions extends RotatingFileOptions {
  readonly level?: string;
  /** Also write each line to this stream (a developer's terminal). */
  readonly echo?: { write(line: string): void };
}

export interface OpenStationLog {
  readonly log: StationLog;
  readonly path: string;
  close(): void;
}

export function openStationLog(options: StationLogOptions): OpenStationLog {
  const file = new RotatingFile(options);
  const echo = options.echo;
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: { service: 'ccpor-station' },
      redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
    },
    {
      write(line: string) {
        file.write(line);
        echo?.write(line);
      },
    },
  );
  return {
    log: logger,
    path: file.path,
    close: () => {
      file.close();
    },
  };
}

/** A log that writes nothing: for tests and tools that have no data folder. */
export function silentLog(): StationLog {
  return pino({ level: 'silent' });
}

/** An error as loggable fields: its code and message, never the objects it carries. */
export function errorFields(error: unknown): { err: { code?: string; message: string } } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { err: { ...(typeof code === 'string' ? { code } : {}), message: error.message } };
  }
  return { err: { message: String(error) } };
}
