/**
 * The one place a station API call enters the main process, whatever carried it (Electron IPC or
 * the browser host's WebSocket): the channel must exist, the argument must match its schema, and
 * any failure comes back as `{ code, message, field? }` data. Raw ipcMain handlers exist nowhere else.
 */
import { CodedError, type Problem } from '../../shared/errors';
import { isChannel, STATION_METHODS, type Result } from '../../shared/ipc';
import type { Handlers } from '../../shared/ipc/handlers';
import { errorFields, type StationLog } from '../log/station-log';
import { diskFailure } from '../store';

export type { Handlers };

export type Dispatch = (channel: unknown, input: unknown) => Promise<Result<unknown>>;

function problemForRenderer(error: unknown, channel: string, log: StationLog): Problem {
  if (error instanceof CodedError) return error.toProblem();
  // A full or failing disk is the station's state, not a bug: the clerk can act on it (free space,
  // call IT) and the write it refused left nothing behind, so say exactly that.
  const disk = diskFailure(error);
  if (disk) {
    log.error({ channel, ...errorFields(error) }, 'the station disk refused a write');
    return disk.toProblem();
  }
  // Anything else is our bug, not the clerk's: say so plainly and keep internals out of the UI.
  log.error({ channel, ...errorFields(error) }, 'station API handler failed');
  return {
    code: 'INTERNAL',
    message:
      'Something went wrong in the station. Your saved work is safe; try again, and report this if it repeats.',
  };
}

export function createDispatcher(handlers: Handlers, log: StationLog): Dispatch {
  return async (channel, input) => {
    if (!isChannel(channel)) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: `The station has no "${String(channel)}" function.` },
      };
    }
    const parsed = STATION_METHODS[channel].input.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') ?? '';
      return {
        ok: false,
        error: {
          code: 'INVALID_ARGUMENT',
          message: issue
            ? `${field === '' ? 'The request' : field}: ${issue.message}`
            : 'The request is not valid.',
          ...(field === '' ? {} : { field }),
        },
      };
    }
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      return { ok: false, error: problemForRenderer(error, channel, log) };
    }
  };
}
