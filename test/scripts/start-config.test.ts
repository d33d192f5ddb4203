/** `npm start`'s ports and data folders from the environment (scripts/start-config.ts). */
import { describe, expect, it } from 'vitest';
import { resolveStartConfig } from '../../scripts/start-config';

const ROOT = '/srv/ccpor';

describe('resolveStartConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(resolveStartConfig({}, ROOT)).toEqual({
      registry: { port: 4300, url: 'http://127.0.0.1:4300', dataDir: '/srv/ccpor/.data/registry' },
      hostPort: 0,
      stationDir: '/srv/ccpor/.data/station',
    });
  });

  it('takes every port and folder from the environment', () => {
    const config = resolveStartConfig(
      {
        REGISTRY_PORT: '4400',
        REGISTRY_DATA_DIR: '/var/lib/ccpor/registry',
        CCPOR_HOST_PORT: '4310',
        CCPOR_STATION_DIR: 'demo/station',
      },
      ROOT,
    );
    expect(config).toEqual({
      registry: { port: 4400, url: 'http://127.0.0.1:4400', dataDir: '/var/lib/ccpor/registry' },
      hostPort: 4310,
      // Relative folders are taken from the repository root, where npm runs.
      stationDir: '/srv/ccpor/demo/station',
    });
  });

  it('treats an empty variable as unset', () => {
    expect(resolveStartConfig({ REGISTRY_PORT: ' ', CCPOR_STATION_DIR: '' }, ROOT)).toEqual(
      resolveStartConfig({}, ROOT),
    );
  });

  it.each([
    ['REGISTRY_PORT', 'abc', /^REGISTRY_PORT must be a whole number from 1 to 65535 \(it is "abc"\)\.$/],
    ['REGISTRY_PORT', '0', /^REGISTRY_PORT must be a whole number from 1 to 65535/],
    ['REGISTRY_PORT', '70000', /^REGISTRY_PORT must be a whole number from 1 to 65535/],
    [
      'CCPOR_HOST_PORT',
      '43.1',
      /^CCPOR_HOST_PORT must be a whole number from 0 to 65535 \(it is "43\.1"\)\. 0 means any free port\.$/,
    ],
    ['CCPOR_HOST_PORT', '-1', /^CCPOR_HOST_PORT must be a whole number from 0 to 65535/],
  ])('refuses %s=%s in a sentence naming the variable', (name, value, message) => {
    expect(() => resolveStartConfig({ [name]: value }, ROOT)).toThrow(message);
  });
});
