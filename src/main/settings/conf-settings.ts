/** Settings under plain Node: a `conf` JSON file (readable by the owner only) in the station's config folder. */
import Conf from 'conf';
import { SettingsService } from './settings-service';

export function openConfSettings(configDir: string): SettingsService {
  const conf = new Conf<Record<string, unknown>>({
    cwd: configDir,
    configName: 'station-settings',
    projectName: 'ccpor-station',
    configFileMode: 0o600,
    // A file broken by hand is reported by SettingsService key by key, not wiped.
    clearInvalidConfig: false,
  });
  return new SettingsService(conf);
}
