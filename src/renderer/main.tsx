/**
 * The renderer's bootstrap: get the StationApi from whichever host this is (see api/connect.ts),
 * then render. Nothing below this file knows which host it runs in.
 */
import '@mantine/core/styles.css';
import { MantineProvider, createTheme } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectStationApi } from './api/connect';
import { StationApiProvider } from './api/context';
import { App } from './app/App';
import { SessionProvider } from './app/session-context';

const theme = createTheme({
  primaryColor: 'blue',
  // Darker shades than the defaults keep text on filled buttons above WCAG AA contrast.
  primaryShade: 8,
  fontFamily: 'DejaVu Sans, Segoe UI, Roboto, Arial, sans-serif',
});

const root = document.getElementById('root');
if (root) {
  connectStationApi().then(
    (api) => {
      createRoot(root).render(
        <StrictMode>
          <MantineProvider theme={theme}>
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
