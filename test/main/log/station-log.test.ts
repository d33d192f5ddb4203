/**
 * The station log: JSON lines in a private file that rotates by size, with names, dates of birth,
 * addresses, case numbers and tokens redacted, on a real file in a temp folder.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorFields, openStationLog } from '../../../src/main/log/station-log';
import { useTempDir } from '../../support/temp';

const tempDir = useTempDir('station-log-');

describe('station log', () => {
  it('writes JSON lines to a private file and redacts personal data and secrets', () => {
    const dir = join(tempDir(), 'logs');
    const opened = openStationLog({ dir });
    opened.log.info(
      {
        draftId: 'd-1',
        order: { restrainedPerson: { name: { last: 'GARCIA' } } },
        caseNumber: 'FL-2026-000123',
        detail: { dob: '1980-01-02', address: '1 Main St', accessToken: 'secret-token' },
      },
      'draft saved',
    );
    opened.log.child({ component: 'scan' }).warn(errorFields(new Error('disk full')), 'blob sweep failed');
    opened.close();

    const text = readFileSync(opened.path, 'utf8');
    for (const secret of ['GARCIA', 'FL-2026-000123', '1980-01-02', '1 Main St', 'secret-token']) {
      expect(text).not.toContain(secret);
    }
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({
      msg: 'draft saved',
      draftId: 'd-1',
      order: '[redacted]',
      service: 'ccpor-station',
    });
    expect(lines[1]).toMatchObject({ component: 'scan', err: { message: 'disk full' }, level: 40 });
    expect(statSync(opened.path).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('rotates at its size limit and keeps only the newest files', () => {
    const dir = join(tempDir(), 'logs');
    const opened = openStationLog({ dir, maxBytes: 2_000, keep: 2 });
    for (let i = 0; i < 100; i += 1)
      opened.log.info({ i }, 'a line of about a hundred bytes, to fill the file');
    opened.close();
    expect(readdirSync(dir).sort()).toEqual(['station.log', 'station.log.1', 'station.log.2']);
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(2_000);
    expect(existsSync(join(dir, 'station.log.3'))).toBe(false);
    // The newest line is in the current file; the oldest kept lines are in the last rotated one.
    const last = readFileSync(join(dir, 'station.log'), 'utf8').trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(last)).toMatchObject({ i: 99 });
  });
});
