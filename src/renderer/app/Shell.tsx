/** The signed-in frame: navigation, the screens and the sync status bar (loaded after sign-in). */
import { AppShell, Button, Group, NavLink, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { call, useStation } from '../api/context';
import { DraftsScreen } from '../screens/drafts/DraftsScreen';
import { OrderEntryScreen } from '../screens/entry/OrderEntryScreen';
import { ScanScreen } from '../screens/scan/ScanScreen';
import { SearchScreen } from '../screens/search/SearchScreen';
import { SettingsScreen } from '../screens/settings/SettingsScreen';
import { SyncStatusBar } from '../sync/SyncStatusBar';
import { NavigationProvider, useNavigation, type Screen } from './navigation';
import { useSession } from './session-context';

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

function Shell() {
  const api = useStation();
  const { session, setSession } = useSession();
  const { route, go } = useNavigation();
  const user = session?.state === 'signed-in' ? session : null;
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
            {user && (
              <Text size="sm" data-testid="signed-in-user">
                {user.user.displayName}
                {user.mode === 'offline' ? ' (offline)' : ''}
              </Text>
            )}
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
        {SCREENS.map((s) => (
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
  return (
    <NavigationProvider>
      <Shell />
    </NavigationProvider>
  );
}
