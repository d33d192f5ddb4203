/**
 * Sign-in: the system-use notice comes first and must be acknowledged; then user name, password and
 * the 6-digit code. When the registry does not answer, a user who signed in here recently may unlock
 * offline with the password (local work only).
 */
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Group,
  Paper,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState, type SyntheticEvent } from 'react';
import type { Problem } from '../../../shared/errors';
import type { BannerDto } from '../../../shared/ipc/session';
import { call, problemOf, useStation } from '../../api/context';
import { CodeInput, PasswordField, ProblemAlert } from '../../components/credentials';
import { useSession } from '../../app/session-context';
import { mark } from '../../test-events';
import { loadBanner } from './banner';

export function SignInScreen({ reason }: { reason: string | null }) {
  const api = useStation();
  const { setSession } = useSession();
  const [banner, setBanner] = useState<BannerDto | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    loadBanner(api).then(setBanner, (error: unknown) => {
      setProblem(problemOf(error));
    });
  }, [api]);
  useEffect(() => {
    if (banner) mark('station:ready');
  }, [banner]);

  const submit = async (offline: boolean) => {
    setBusy(true);
    setProblem(null);
    try {
      const session = offline
        ? await call(api, 'session:unlock', { username, password, bannerAcknowledged: true })
        : await call(api, 'session:sign-in', { username, password, totp, bannerAcknowledged: true });
      setSession(session);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    void submit(false);
  };

  return (
    <Box component="main" maw={640} mx="auto" py="xl" px="md">
      <Title order={1} mb="md">
        CCPOR Station
      </Title>
      <Paper withBorder p="md" mb="md" component="section" aria-labelledby="notice-title">
        <Title order={2} size="h4" id="notice-title" mb="xs">
          System use notification
        </Title>
        <ScrollArea.Autosize mah={180}>
          <Text data-testid="banner-text">{banner?.text ?? 'Loading the notice…'}</Text>
        </ScrollArea.Autosize>
        {banner?.source === 'cached' && (
          <Text size="sm" c="dimmed" mt="xs">
            The registry does not answer; this is the notice it showed last.
          </Text>
        )}
        <Checkbox
          mt="md"
          label="I have read this notice and I accept its terms"
          checked={acknowledged}
          onChange={(e) => {
            setAcknowledged(e.currentTarget.checked);
          }}
          disabled={banner === null}
        />
      </Paper>
      {reason !== null && (
        <Alert color="yellow" mb="md" title="Signed out">
          {reason}
        </Alert>
      )}
      <form onSubmit={onSubmit} aria-label="Sign in">
        <Stack>
          <TextInput
            label="User name"
            autoComplete="username"
            value={username}
            onChange={(e) => {
              setUsername(e.currentTarget.value);
            }}
            required
            disabled={!acknowledged}
          />
          <PasswordField value={password} onChange={setPassword} disabled={!acknowledged} />
          <CodeInput value={totp} onChange={setTotp} disabled={!acknowledged} />
          <ProblemAlert problem={problem} failed="Could not sign in" />
          <Group>
            <Button type="submit" loading={busy} disabled={!acknowledged}>
              Sign in
            </Button>
            {problem?.code === 'REGISTRY_UNREACHABLE' && (
              <Button variant="default" onClick={() => void submit(true)} disabled={!acknowledged || busy}>
                Unlock offline
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Box>
  );
}
