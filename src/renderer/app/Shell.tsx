/**
 * The signed-in frame: navigation, the screens and the sync status bar (loaded after sign-in). Each
 * role sees only its screens (src/shared/ipc/permissions.ts). The frame also tells the station the
 * operator is there (input postpones the idle lock), locks on the Lock button, Ctrl+Alt+L, and when
 * the window is hidden.
 */
// Every Mantine style, with the signed-in screens' code (the sign-in screen's come first: see
// first-screen-styles.ts).
import '@mantine/core/styles.layer.css';
import { AppShell, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useCallback, useEffect, type ReactNode } from 'react';
import { hasAnyRole, SCREEN_ROLES } from '../../shared/ipc/permissions';
import type { StationApi } from '../../shared/ipc/contract';
import { call, useStation } from '../api/context';
import { DraftsScreen } from '../screens/drafts/DraftsScreen';
import { OrderEntryScreen } from '../screens/entry/OrderEntryScreen';
import { ScanScreen } from '../screens/scan/ScanScreen';
import { SearchScreen } from '../screens/search/SearchScreen';
import { SettingsScreen } from '../screens/settings/SettingsScreen';
import { SyncHeaderStatus } from '../sync/SyncHeaderStatus';
import { SyncStatusBar } from '../sync/SyncStatusBar';
import { NavigationProvider, useNavigation, type Screen } from './navigation';
import { useSession } from './session-context';

/** Input is reported at most this often: enough for a lock measured in minutes. */
const ACTIVITY_EVERY_MS = 30_000;

function useSessionGuards(api: StationApi, lock: () => void): void {
  useEffect(() => {
    let last = 0;
    const onInput = () => {
      const now = Date.now();
      if (now - last < ACTIVITY_EVERY_MS) return;
      last = now;
      void call(api, 'session:activity', {}).catch(() => undefined);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey && event.altKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        lock();
        return;
      }
      onInput();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        void call(api, 'session:lock', { reason: 'hidden' }).catch(() => undefined);
      }
    };
    const events = ['pointerdown', 'pointermove', 'wheel'] as const;
    for (const name of events) window.addEventListener(name, onInput, { passive: true });
    window.addEventListener('keydown', onKey);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      for (const name of events) window.removeEventListener(name, onInput);
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [api, lock]);
}

const SCREENS: { screen: Screen; label: string }[] = [
  { screen: 'scan', label: 'Scan' },
  { screen: 'entry', label: 'Order entry' },
  { screen: 'drafts', label: 'Drafts' },
  { screen: 'search', label: 'Search' },
  { screen: 'settings', label: 'Settings' },
];

function CurrentScreen(): ReactNode {
  const { route } = useNavigation();
  switch (route.screen) {
    case 'scan':
      return <ScanScreen />;
    case 'entry':
      return <OrderEntryScreen draftId={route.draftId} />;
    case 'drafts':
      return <DraftsScreen />;
    case 'search':
      return <SearchScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

function Shell({ screens }: { screens: readonly { screen: Screen; label: string }[] }) {
  const api = useStation();
  const { session, setSession } = useSession();
  const { route, go } = useNavigation();
  const user = session?.state === 'signed-in' ? session : null;
  const lock = useCallback(() => {
    void call(api, 'session:lock', { reason: 'manual' }).then(setSession, () => undefined);
  }, [api, setSession]);
  useSessionGuards(api, lock);
  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 180, breakpoint: 0 }}
      footer={{ height: 44 }}
      padding="md"
    >
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between">
          <Title order={1} size="h4">
            CCPOR Station
          </Title>
          <Group gap="sm">
            <SyncHeaderStatus />
            {user && (
              <Text size="sm" data-testid="signed-in-user">
                {user.user.displayName}
                {user.mode === 'offline' ? ' (offline)' : ''}
              </Text>
            )}
            <Button size="xs" variant="default" onClick={lock} title="Lock the station (Ctrl+Alt+L)">
              Lock
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                void call(api, 'session:sign-out', {}).then(setSession);
              }}
            >
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Screens">
        {screens.map((s) => (
          <NavLink
            key={s.screen}
            component="button"
            label={s.label}
            active={route.screen === s.screen}
            variant="filled"
            aria-current={route.screen === s.screen ? 'page' : undefined}
            onClick={() => {
              go({ screen: s.screen });
            }}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <CurrentScreen />
      </AppShell.Main>
      <AppShell.Footer px="md" component="footer">
        <SyncStatusBar />
      </AppShell.Footer>
    </AppShell>
  );
}

export default function SignedIn() {
  const { session } = useSession();
  const roles = session?.state === 'signed-in' ? session.user.roles : [];
  const screens = SCREENS.filter((s) => hasAnyRole(roles, SCREEN_ROLES[s.screen]));
  const first = screens[0]?.screen;
  if (first === undefined) {
    return (
      <Text p="md" role="alert">
        Your roles give you no screen on this station. Ask your court&apos;s administrator.
      </Text>
    );
  }
  return (
    <NavigationProvider first={first}>
      <Shell screens={screens} />
    </NavigationProvider>
  );
}
