/**
 * The station's Mantine theme: contrast and landmarks chosen for WCAG AA and axe-core, so each
 * screen does not have to remember them.
 */
import { Alert, createTheme, type CSSVariablesResolver } from '@mantine/core';
import './focus.css';

/** Dimmed text (descriptions, notes) and field error messages dark enough for WCAG AA on white. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#495057',
    '--mantine-color-placeholder': '#5c636a',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});

/** Passed through to the header's Box; its props type does not declare the polymorphic `component`. */
const HEADER_AS_DIV = { component: 'div' };

export const theme = createTheme({
  primaryColor: 'blue',
  // Darker shades than the defaults keep text on filled buttons above WCAG AA contrast.
  primaryShade: 8,
  fontFamily: 'DejaVu Sans, Segoe UI, Roboto, Arial, sans-serif',
  // Every control shows where keyboard focus is (focus.css does the same for text inputs).
  focusRing: 'auto',
  components: {
    // Alert text in the page's text colour: the tinted title colours of the light variant fall below AA.
    Alert: Alert.extend({
      styles: {
        title: { color: 'var(--mantine-color-text)' },
        message: { color: 'var(--mantine-color-text)' },
      },
    }),
    // A dialog's (or drawer's) title bar is not the page's banner: Mantine renders it as <header>, which screen
    // readers and axe count as a second banner landmark beside the shell's.
    // Keyed by name, not `Modal.Header.extend`: importing the dialogs here would put their code
    // (focus trap, portal, transitions) into the sign-in screen's first bundle.
    ModalHeader: { defaultProps: HEADER_AS_DIV },
    DrawerHeader: { defaultProps: HEADER_AS_DIV },
  },
});
