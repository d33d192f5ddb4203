/** Settings in the Electron shell: electron-store (it extends conf) behind the same SettingsService. */
import ElectronStore from 'electron-store';
import { SettingsService } from '../settings/settings-service';

export function openElectronSettings(): SettingsService {
  const store = new ElectronStore<Record<string, unknown>>({
    name: 'station-settings',
    clearInvalidConfig: false,
  });
  return new SettingsService(store);
}
