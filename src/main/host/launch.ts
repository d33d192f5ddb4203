/**
 * `GET /launch?code=<one-time code>`: the only way into the browser host. A valid code is spent and
 * answered with the session cookie and a redirect to `/` (so the code leaves the address bar at
 * once); a used, expired or unknown code gets a plain page saying how to get a new address. The
 * code itself is never logged.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StationLog } from '../log/station-log';
import type { LaunchCodes } from './launch-codes';
import { sessionCookie } from './session-cookie';
import { securityHeaders } from './static-files';

export const LAUNCH_PATH = '/launch';

export const LAUNCH_REFUSED_TEXT = [
  'This station address has already been used or has expired.',
  '',
  'Each address opens the station once, within two minutes of being made, so that a copy of it',
  '(in the browser history, for example) cannot open the station later.',
  '',
  'For a new address, press Enter in the window where the station was started, or restart the station.',
  '',
].join('\n');

export interface LaunchRoute {
  readonly codes: LaunchCodes;
  readonly port: number;
  /** The per-run session secret the cookie carries. */
  readonly secret: string;
  readonly log: StationLog;
}

export function isLaunchRequest(req: IncomingMessage): boolean {
  return (req.url ?? '').split('?')[0] === LAUNCH_PATH;
}

export function handleLaunch(route: LaunchRoute, req: IncomingMessage, res: ServerResponse): void {
  const headers = { ...securityHeaders(route.port), 'cache-control': 'no-store' };
  if (req.method !== 'GET') {
    // Only a navigation spends a code (a HEAD from a link checker must not).
    res.writeHead(405, { ...headers, allow: 'GET' }).end();
    return;
  }
  const code = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('code') ?? '';
  const redemption = route.codes.redeem(code);
  if (!redemption.ok) {
    route.log.warn({ reason: redemption.reason }, 'browser host refused a launch code');
    res.writeHead(403, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end(LAUNCH_REFUSED_TEXT);
    return;
  }
  route.log.info('browser host: a launch code was exchanged for a session cookie');
  res
    .writeHead(303, {
      ...headers,
      location: '/',
      'set-cookie': sessionCookie(route.port, route.secret),
    })
    .end();
}
