/**
 * Device listing through `scanimage -f`, whose format string we control: fields are separated by a
 * control character no device name contains, so vendor and model names with spaces parse safely.
 */
import type { ScannerDevice } from '../../driver';

export const FIELD = '\u001f';
/** `%d` device name, `%v` vendor, `%m` model, `%t` type, `%n` newline. */
export const LIST_FORMAT = `%d${FIELD}%v${FIELD}%m${FIELD}%t%n`;

export function parseDeviceList(output: string): ScannerDevice[] {
  const devices: ScannerDevice[] = [];
  for (const line of output.split(/\r?\n/)) {
    const [name, vendor = '', model = '', type = ''] = line.split(FIELD);
    if (name === undefined || name.trim() === '' || !line.includes(FIELD)) continue;
    devices.push({
      id: `sane:${name}`,
      driver: 'sane',
      vendor,
      model,
      label: `${vendor} ${model}`.trim() + (type === '' ? '' : ` (${type})`),
    });
  }
  return devices;
}

/**
 * Devices named in configuration that SANE does not list by itself: the `test` backend (not enabled
 * in Debian's dll.conf, yet `scanimage -d test` works), or a network scanner given by name.
 */
export function configuredDevices(
  names: readonly string[],
  listed: readonly ScannerDevice[],
): ScannerDevice[] {
  const known = new Set(listed.map((d) => d.id));
  return names
    .map((n) => n.trim())
    .filter((n) => n !== '' && !known.has(`sane:${n}`))
    .map((name) => ({
      id: `sane:${name}`,
      driver: 'sane' as const,
      vendor: 'SANE',
      model: name,
      label: `${name} (configured)`,
    }));
}

/** Extra device names from the environment: `CCPOR_SANE_EXTRA_DEVICES=test,net:host:fujitsu:...`. */
export function extraDevicesFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.CCPOR_SANE_EXTRA_DEVICES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
