/** session:* — sign-in with the acknowledged banner, offline unlock, lock and unlock, sign-out. */
import type { Handlers } from '../../shared/ipc/handlers';
import type { SessionManager } from './session-manager';

export function sessionHandlers(
  session: SessionManager,
): Pick<
  Handlers,
  | 'session:get'
  | 'session:banner'
  | 'session:sign-in'
  | 'session:unlock'
  | 'session:sign-out'
  | 'session:lock'
  | 'session:reauth'
  | 'session:activity'
  | 'session:registry-sign-in'
> {
  return {
    'session:get': () => session.current(),
    'session:banner': () => session.banner(),
    'session:sign-in': (input) => session.signIn(input),
    'session:unlock': (input) => session.unlock(input),
    'session:sign-out': () => session.signOut(),
    'session:lock': ({ reason }) => session.lock(reason),
    'session:reauth': (input) => session.reauthenticate(input),
    'session:registry-sign-in': (input) => session.signInToRegistry(input),
    'session:activity': () => {
      session.activity();
      return null;
    },
  };
}
