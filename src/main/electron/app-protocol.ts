/**
 * app://station/ serves the built renderer (instead of file://, which would give the page the
 * whole disk as its origin). Only files under out/renderer are served, with the strict CSP.
 */
import { net, protocol } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveInside } from '../host/static-files';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://station';

export const ELECTRON_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  // A PDF printed as itself opens in a frame of its own (renderer/pdf/print-pdf.ts).
  'frame-src blob:',
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const path = url.host === 'station' ? resolveInside(rendererDir, url.pathname) : null;
    if (path === null) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(path).toString());
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', ELECTRON_CSP);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

export function rendererDirFrom(mainDir: string): string {
  return join(mainDir, '../renderer');
}
