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

/**
 * The unknown channel as the refusal names it. Never `String(channel)`: a cloned object such as
 * `{ toString: 1 }` makes that throw, and a megabyte name would be echoed back whole.
 */
function channelName(channel: unknown): string {
  if (typeof channel !== 'string')
    return `${typeof channel === 'object' && channel !== null ? 'object' : typeof channel} channel`;
  return JSON.stringify(channel.length > 64 ? `${channel.slice(0, 64)}…` : channel);
}

export function createDispatcher(handlers: Handlers, log: StationLog): Dispatch {
  return async (channel, input) => {
    if (!isChannel(channel)) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: `The station has no ${channelName(channel)} function.` },
      };
    }
    let parsed: ReturnType<(typeof STATION_METHODS)[typeof channel]['input']['safeParse']>;
    try {
      parsed = STATION_METHODS[channel].input.safeParse(input);
    } catch (error) {
      // A schema that itself fails (a value nested past the stack, say) is still a refused call.
      log.warn({ channel, ...errorFields(error) }, 'station API argument could not be checked');
      return {
        ok: false,
        error: {
          code: 'INVALID_ARGUMENT',
          message: 'The request could not be read: it is too large or too deeply nested.',
        },
      };
    }
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
