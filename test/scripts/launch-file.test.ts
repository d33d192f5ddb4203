/**
 * `npm start`'s launch file: the one-time address reaches the browser through a file only this user
 * can read, not through a command line every local user can read.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LaunchFile, launchPage } from '../../scripts/launch-file';
import { useTempDir } from '../support/temp';

const tempDir = useTempDir('launch-file-');
const URL_ = 'http://127.0.0.1:4321/launch?code=abc_DEF-123';

describe('launch file', () => {
  it('writes a page forwarding to the address, 0600 in a 0700 folder, narrowing a folder that was open', () => {
    const dir = join(tempDir(), 'launch');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const file = new LaunchFile(dir);
    // A file left with a wide mode is replaced, not reused with its mode.
    writeFileSync(file.path, 'old', { mode: 0o644 });
    chmodSync(file.path, 0o644);
    expect(file.write(URL_, 60_000)).toBe(join(dir, 'open-station.html'));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
    const page = readFileSync(file.path, 'utf8');
    expect(page).toContain(`<meta http-equiv="refresh" content="0;url=${URL_}">`);
    expect(page).toContain('<meta name="referrer" content="no-referrer">');
    expect(page).not.toContain('<script');
    file.remove();
    expect(existsSync(file.path)).toBe(false);
  });

  it('escapes the address in the page', () => {
    expect(launchPage('http://x/?a="><script>')).toContain('http://x/?a=&#34;&#62;&#60;script&#62;');
  });
});
