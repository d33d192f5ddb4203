/**
 * How `npm start` hands the browser its one-time launch address without putting it in a command
 * line. Arguments of a process (`xdg-open URL`, `open URL`) can be read by every local user
 * (`ps`, /proc/PID/cmdline) while it runs, and someone quick could spend the code before the
 * browser does. So the address goes into a small HTML file readable by this user only (0600, in a
 * 0700 folder) that forwards the browser to it, and only the file's path is passed to the opener.
 * The file is replaced by the next launch and removed once its code has expired (it is spent or
 * useless by then anyway).
 */
import { chmodSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LAUNCH_FILE_NAME = 'open-station.html';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The forwarding page: a meta refresh (no script), with a link in case the browser blocks it. */
export function launchPage(url: string): string {
  const href = escapeHtml(url);
  return [
    '<!doctype html>',
    '<meta charset="utf-8">',
    '<meta name="referrer" content="no-referrer">',
    `<meta http-equiv="refresh" content="0;url=${href}">`,
    '<title>CCPOR Station</title>',
    `<p>Opening the station… If nothing happens, <a href="${href}">open it here</a>.</p>`,
    '',
  ].join('\n');
}

export class LaunchFile {
  readonly path: string;
  #expiry: NodeJS.Timeout | undefined;

  constructor(readonly dir: string) {
    this.path = join(dir, LAUNCH_FILE_NAME);
  }

  /** Writes the page for `url` (0600, replacing the previous one) and removes it after `ttlMs`. */
  write(url: string, ttlMs: number): string {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    if ((statSync(this.dir).mode & 0o077) !== 0) chmodSync(this.dir, 0o700);
    this.remove();
    // 'wx' with the old file gone: the mode applies (an existing file would keep its own).
    writeFileSync(this.path, launchPage(url), { mode: 0o600, flag: 'wx' });
    this.#expiry = setTimeout(() => {
      this.remove();
    }, ttlMs);
    this.#expiry.unref();
    return this.path;
  }

  remove(): void {
    clearTimeout(this.#expiry);
    rmSync(this.path, { force: true });
  }
}
