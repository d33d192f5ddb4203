/**
 * The locked station: nothing of the session's work is in the page (the signed-in frame is not
 * rendered at all), only who is signed in and how to unlock. Unlocking takes that user's password
 * and code; after five failures the station signs the user out. Anyone may sign the user out, which
 * ends the session without showing anything.
 */
import { Box, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState, type SyntheticEvent } from 'react';
import type { Problem } from '../../../shared/errors';
import type { LockReason, SessionDto } from '../../../shared/ipc/session';
import { call, problemOf, useStation } from '../../api/context';
import { CodeInput, PasswordField, ProblemAlert } from '../../components/credentials';
import { useSession } from '../../app/session-context';
import { mark } from '../../test-events';

const WHY: Record<LockReason, string> = {
  idle: 'The station locked itself after a while without use.',
  manual: 'The station was locked.',
  os: 'The station locked when the computer was locked or went to sleep.',
  hidden: 'The station locked when its window was hidden.',
  'new-window': 'The station locked because it was opened in another window or reloaded.',
};

export function LockScreen({ session }: { session: Extract<SessionDto, { state: 'signed-in' }> }) {
  const api = useStation();
  const { setSession } = useSession();
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    mark('station:locked');
  }, []);

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      setSession(await call(api, 'session:reauth', { password, ...(totp === '' ? {} : { totp }) }));
    } catch (error) {
      setProblem(problemOf(error));
      setPassword('');
      setTotp('');
      // Signed out after too many failures: the session's event takes the station to the sign-in screen.
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box component="main" maw={480} mx="auto" py="xl" px="md" data-testid="lock-screen">
      <Title order={1} mb="md">
        CCPOR Station is locked
      </Title>
      <Paper withBorder p="md">
        <Text mb="xs">
          Signed in: <strong>{session.user.displayName}</strong> ({session.user.username})
        </Text>
        <Text size="sm" c="dimmed" mb="md">
          {session.locked ? WHY[session.locked.reason] : ''} Enter your password and the code from your
          authenticator app to continue.
        </Text>
        <form onSubmit={(e) => void onSubmit(e)} aria-label="Unlock">
          <Stack>
            <PasswordField value={password} onChange={setPassword} autoFocus />
            <CodeInput value={totp} onChange={setTotp} />
            <ProblemAlert problem={problem} failed="Could not unlock" />
            <Group>
              <Button type="submit" loading={busy}>
                Unlock
              </Button>
              <Button
                variant="default"
                onClick={() => {
                  void call(api, 'session:sign-out', {}).then(setSession);
                }}
              >
                Sign out
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Box>
  );
}
