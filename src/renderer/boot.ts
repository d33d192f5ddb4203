/**
 * The page's first script, a few kilobytes: it opens the connection to the station and asks for
 * the system-use notice while the app's code (React, Mantine, the screens: main.tsx) is still being
 * fetched and compiled, so the sign-in screen has what it needs the moment it first renders.
 * The sign-in screen's styles are linked from the page itself, beside this script.
 */
import './app/first-screen-styles';
import { connectStationApi } from './api/connect';
import { prefetchBanner } from './screens/sign-in/banner';

// A failed connection is shown by main.tsx, which awaits the same promise.
connectStationApi().then(prefetchBanner, () => undefined);
void import('./main');
