/**
 * The renderer's bootstrap: get the StationApi from whichever host this is (see api/connect.ts),
 * then render. Nothing below this file knows which host it runs in.
 */
import './app/first-screen-styles';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectStationApi } from './api/connect';
import { StationApiProvider } from './api/context';
import { App } from './app/App';
import { SessionProvider } from './app/session-context';
import { cssVariablesResolver, theme } from './app/theme';
import { prefetchBanner } from './screens/sign-in/banner';

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
