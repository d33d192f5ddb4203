/**
 * The renderer's bootstrap: get the StationApi from whichever host this is (see api/connect.ts),
 * then render. Nothing below this file knows which host it runs in.
 */
import './app/first-screen-styles';
import { Alert, MantineProvider, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectStationApi } from './api/connect';
import { StationApiProvider } from './api/context';
import { App } from './app/App';
import { SessionProvider } from './app/session-context';
import { prefetchBanner } from './screens/sign-in/banner';

/** Dimmed text (descriptions, notes) dark enough for WCAG AA on white. */
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#495057', '--mantine-color-placeholder': '#5c636a' },
  dark: {},
});

const theme = createTheme({
  primaryColor: 'blue',
  // Darker shades than the defaults keep text on filled buttons above WCAG AA contrast.
  primaryShade: 8,
  fontFamily: 'DejaVu Sans, Segoe UI, Roboto, Arial, sans-serif',
  components: {
    // Alert text in the page's text colour: the tinted title colours of the light variant fall below AA.
    Alert: Alert.extend({
      styles: {
        title: { color: 'var(--mantine-color-text)' },
        message: { color: 'var(--mantine-color-text)' },
      },
    }),
  },
});

const root = document.getElementById('root');
if (root) {
  connectStationApi().then(
    (api) => {
      prefetchBanner(api);
      createRoot(root).render(
        <StrictMode>
          <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
            <StationApiProvider api={api}>
              <SessionProvider>
                <App />
              </SessionProvider>
            </StationApiProvider>
          </MantineProvider>
        </StrictMode>,
      );
    },
    (error: unknown) => {
      root.textContent = error instanceof Error ? error.message : String(error);
    },
  );
}
