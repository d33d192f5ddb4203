/**
 * The browser host's session cookie: the per-run secret a launch code is exchanged for, presented
 * by the browser on the WebSocket upgrade. HttpOnly (no script in the page can read it), SameSite
 * =Strict (no other site's page can make the browser send it), Path=/, no Max-Age (it ends with the
 * browser session). Not `Secure`: the host speaks plain HTTP on loopback. The name carries the port
 * because cookies are not separated by port: two stations on one computer must not overwrite each
 * other's.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function sessionCookieName(port: number): string {
  return `ccpor-station-${port}`;
}

/** The Set-Cookie header value that hands the browser `secret`. */
export function sessionCookie(port: number, secret: string): string {
  return `${sessionCookieName(port)}=${secret}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The value of cookie `name` in the request, or undefined. */
export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Whether the request carries the session cookie with `secret`, compared in constant time. */
export function hasSessionCookie(req: IncomingMessage, port: number, secret: string): boolean {
  const offered = cookieValue(req, sessionCookieName(port));
  if (offered === undefined) return false;
  const a = Buffer.from(secret);
  const b = Buffer.from(offered);
  return a.length === b.length && timingSafeEqual(a, b);
}
