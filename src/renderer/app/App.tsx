/**
 * The station's frame: sign-in until there is a session, then the screens (their code loads after
 * sign-in, so the sign-in screen is interactive sooner).
 */
import { Text } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { SignInScreen } from '../screens/sign-in/SignInScreen';
import { useSession } from './session-context';

const SignedIn = lazy(() => import('./Shell'));

export function App() {
  const { session } = useSession();
  if (session === null) return null;
  if (session.state === 'signed-out') return <SignInScreen reason={session.reason} />;
  return (
    <Suspense fallback={<Text p="md">Opening the station…</Text>}>
      <SignedIn />
    </Suspense>
  );
}
