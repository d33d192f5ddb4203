/**
 * "Sign in to send": the signed-in user gives password and code to reach the registry again (after
 * an offline unlock, or when the registry ended its session), without leaving the station. A wrong
 * password or code changes nothing: the changes stay queued and the dialog says so.
 */
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type SyntheticEvent } from 'react';
import type { Problem } from '../../shared/errors';
import { call, problemOf, useStation } from '../api/context';
import { useSession } from '../app/session-context';
import { CodeInput, PasswordField, ProblemAlert } from '../components/credentials';
import { mark } from '../test-events';

export function RegistrySignInDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const api = useStation();
  const { session, setSession } = useSession();
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const user = session?.state === 'signed-in' ? session.user : null;

  const close = () => {
    setPassword('');
    setTotp('');
    setProblem(null);
    onClose();
  };
  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      setSession(await call(api, 'session:registry-sign-in', { password, totp }));
      mark('registry:signed-in');
      close();
      // Queued changes go now rather than at the next poll.
      void call(api, 'sync:now', {}).catch(() => undefined);
    } catch (error) {
      setProblem(problemOf(error));
      setTotp('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Sign in to the registry"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={(e) => void onSubmit(e)} aria-label="Sign in to the registry">
        <Stack>
          <Text size="sm">
            {user ? `Signed in on this station as ${user.displayName} (${user.username}). ` : ''}
            Enter your password and the code from your authenticator app; your changes are then sent to the
            registry under your name.
          </Text>
          <PasswordField value={password} onChange={setPassword} autoFocus />
          <CodeInput value={totp} onChange={setTotp} />
          <ProblemAlert problem={problem} failed="Not signed in to the registry" />
          <Group>
            <Button type="submit" loading={busy}>
              Sign in and send
            </Button>
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
