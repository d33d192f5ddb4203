/**
 * The station's frame: sign-in until there is a session, then the screens (their code loads after
 * sign-in, so the sign-in screen is interactive sooner). A locked session shows the lock screen
 * instead of the whole frame: no order data stays in the page while the station is locked.
 */
import { Text } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { LockScreen } from '../screens/lock/LockScreen';
import { SignInScreen } from '../screens/sign-in/SignInScreen';
import { useSession } from './session-context';

const SignedIn = lazy(() => import('./Shell'));

export function App() {
  const { session } = useSession();
  if (session === null) return null;
  if (session.state === 'signed-out') return <SignInScreen reason={session.reason} />;
  if (session.locked !== null) return <LockScreen session={session} />;
  return (
    <Suspense fallback={<Text p="md">Opening the station…</Text>}>
      <SignedIn />
    </Suspense>
  );
}
