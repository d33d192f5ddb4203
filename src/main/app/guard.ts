/**
 * Every station call but the session's own needs a signed-in, unlocked user whose role allows it
 * (src/shared/ipc/permissions.ts). A renderer that skipped the sign-in screen gets SIGNED_OUT, a
 * locked station LOCKED, a role that may not NOT_ALLOWED; the refusal is written to the station's
 * audit trail and log, not only refused.
 */
import { CodedError } from '../../shared/errors';
import type { Handlers } from '../../shared/ipc/handlers';
import { CHANNELS, PUBLIC_CHANNELS, type Channel } from '../../shared/ipc/contract';
import { mayCall } from '../../shared/ipc/permissions';
import type { SessionUserDto } from '../../shared/ipc/session';
import type { LocalAudit } from '../audit/local-audit';
import type { StationLog } from '../log/station-log';

export class NotAllowedError extends CodedError {}

export function notAllowed(what: string): NotAllowedError {
  return new NotAllowedError('NOT_ALLOWED', `Your role does not allow ${what} on this station.`);
}

export function guardHandlers(
  handlers: Handlers,
  requireUser: () => SessionUserDto,
  audit: LocalAudit,
  log: StationLog,
): Handlers {
  const guarded: Partial<Record<Channel, unknown>> = {};
  for (const channel of CHANNELS) {
    const handler = handlers[channel] as (input: unknown) => unknown;
    guarded[channel] = PUBLIC_CHANNELS.includes(channel)
      ? handler
      : (input: unknown) => {
          const user = requireUser();
          if (!mayCall(user.roles, channel)) {
            audit.record({
              event: 'access_denied',
              outcome: 'denied',
              objectType: 'channel',
              objectId: channel,
            });
            log.warn({ channel, roles: user.roles }, 'station call refused to the role');
            throw notAllowed(`"${channel}"`);
          }
          return handler(input);
        };
  }
  return guarded as Handlers;
}
