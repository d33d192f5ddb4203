/**
 * Only the sign-in functions answer without a signed-in user: every other handler first asks the
 * session, so a renderer that skipped the sign-in screen gets SIGNED_OUT and nothing else.
 */
import { CHANNELS, PUBLIC_CHANNELS, type Channel } from '../../shared/ipc/contract';
import type { Handlers } from './dispatcher';

export function requireSignIn(handlers: Handlers, requireUser: () => unknown): Handlers {
  const guarded: Partial<Record<Channel, unknown>> = {};
  for (const channel of CHANNELS) {
    const handler = handlers[channel] as (input: unknown) => unknown;
    guarded[channel] = PUBLIC_CHANNELS.includes(channel)
      ? handler
      : (input: unknown) => {
          requireUser();
          return handler(input);
        };
  }
  return guarded as Handlers;
}
