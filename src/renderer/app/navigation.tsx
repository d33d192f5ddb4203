/**
 * Which screen is shown, and the unsaved-changes guard: a screen holding changes that are not yet
 * in the local store registers a guard; leaving asks first (and the browser's unload asks too).
 */
import { Button, Group, Modal, Text } from '@mantine/core';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';

export type Screen = 'scan' | 'entry' | 'drafts' | 'search' | 'settings';

export interface Route {
  readonly screen: Screen;
  /** The draft open in order entry. */
  readonly draftId?: string | undefined;
}

/** Returns true when the screen has changes that would be lost. */
export type UnsavedCheck = () => boolean;

interface NavigationValue {
  readonly route: Route;
  readonly go: (route: Route) => void;
  readonly setGuard: (check: UnsavedCheck | null) => void;
}

const NavigationContext = createContext<NavigationValue | null>(null);

export function useNavigation(): NavigationValue {
  const value = useContext(NavigationContext);
  if (!value) throw new Error('useNavigation outside NavigationProvider');
  return value;
}

export function NavigationProvider({ children, first }: { children: ReactNode; first: Screen }) {
  const [route, setRoute] = useState<Route>({ screen: first });
  const [pending, setPending] = useState<Route | null>(null);
  const guard = useRef<UnsavedCheck | null>(null);

  useEffect(() => {
    const onUnload = (event: BeforeUnloadEvent) => {
      if (guard.current?.()) event.preventDefault();
    };
    window.addEventListener('beforeunload', onUnload);
    return () => {
      window.removeEventListener('beforeunload', onUnload);
    };
  }, []);

  const go = useCallback((next: Route) => {
    if (guard.current?.()) setPending(next);
    else setRoute(next);
  }, []);
  const setGuard = useCallback((check: UnsavedCheck | null) => {
    guard.current = check;
  }, []);
  const value = useMemo(() => ({ route, go, setGuard }), [route, go, setGuard]);

  return (
    <NavigationContext.Provider value={value}>
      {children}
      <Modal
        closeButtonProps={{ 'aria-label': 'Close' }}
        opened={pending !== null}
        onClose={() => {
          setPending(null);
        }}
        title="Leave without saving?"
        centered
      >
        <Text mb="md">
          Some of what you typed could not be saved yet (a field is not complete or not valid). If you leave
          now, those changes are lost.
        </Text>
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() => {
              setPending(null);
            }}
            data-autofocus
          >
            Stay and fix
          </Button>
          <Button
            color="red"
            onClick={() => {
              guard.current = null;
              if (pending) setRoute(pending);
              setPending(null);
            }}
          >
            Leave and lose the changes
          </Button>
        </Group>
      </Modal>
    </NavigationContext.Provider>
  );
}
