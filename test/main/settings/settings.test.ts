/** Station settings in a real `conf` file: validated on read and on write, a bad change writes nothing. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConfSettings } from '../../../src/main/settings';
import { DEFAULT_SETTINGS } from '../../../src/shared/ipc';
import { useTempDir } from '../../support/temp';

const tempDir = useTempDir('settings-');
const file = (dir: string) => join(dir, 'station-settings.json');

describe('station settings', () => {
  it('starts from the defaults and keeps a valid change across restarts', () => {
    const dir = tempDir();
    const settings = openConfSettings(dir);
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    settings.update({ stationName: 'Intake-2', namingTemplate: '{court}_{case}_{seq:4}' });
    expect(openConfSettings(dir).get()).toMatchObject({
      stationName: 'Intake-2',
      namingTemplate: '{court}_{case}_{seq:4}',
    });
  });

  it('refuses an invalid change with the field named, and writes nothing', () => {
    const dir = tempDir();
    const settings = openConfSettings(dir);
    settings.update({ stationName: 'Intake-2' });
    const before = readFileSync(file(dir), 'utf8');
    expect(() => settings.update({ namingTemplate: '{court}_{nope}' })).toThrow(
      /namingTemplate: "\{nope\}" is not a naming token/,
    );
    expect(() => settings.update({ registryUrl: 'ftp://registry' })).toThrow(/registryUrl/);
    expect(() => settings.update({ court: { ori: 'bad', county: 'X', name: 'Y' } })).toThrow(/court\.ori/);
    expect(readFileSync(file(dir), 'utf8')).toBe(before);
    expect(settings.get().stationName).toBe('Intake-2');
  });

  it('reads a file broken by hand key by key: bad values fall back to defaults and are reported', () => {
    const dir = tempDir();
    openConfSettings(dir).update({ stationName: 'Intake-2' });
    const stored = JSON.parse(readFileSync(file(dir), 'utf8')) as Record<string, unknown>;
    writeFileSync(file(dir), JSON.stringify({ ...stored, offlineUnlockHours: 'forever', colour: 'blue' }));
    const settings = openConfSettings(dir);
    expect(settings.get().stationName).toBe('Intake-2');
    expect(settings.get().offlineUnlockHours).toBe(DEFAULT_SETTINGS.offlineUnlockHours);
    expect(settings.problems).toEqual([
      expect.stringContaining('Setting "offlineUnlockHours" is not valid'),
      'Unknown setting "colour" was ignored.',
    ]);
  });

  it('tells listeners about a change', () => {
    const settings = openConfSettings(tempDir());
    const seen: string[] = [];
    settings.onChange((s) => seen.push(s.stationName));
    settings.update({ stationName: 'Front-desk' });
    expect(seen).toEqual(['Front-desk']);
  });
});
