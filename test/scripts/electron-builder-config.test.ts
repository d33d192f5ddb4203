/**
 * electron-builder.yml as electron-builder 26 reads it: valid against its own schema (a misspelt
 * option would otherwise be found only on a build machine), with the Electron fuses that keep the
 * packaged station from being run as Node, given NODE_OPTIONS, debugged or loaded from outside its
 * checked archive.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const requireFromRoot = createRequire(resolve(ROOT, 'package.json'));

interface BuilderConfig {
  readonly electronFuses?: Record<string, boolean>;
}
const { getConfig, validateConfiguration } = requireFromRoot('app-builder-lib/out/util/config/config') as {
  getConfig: (projectDir: string, configPath: string | null, fromOptions: null) => Promise<BuilderConfig>;
  validateConfiguration: (config: BuilderConfig, logger: unknown) => Promise<void>;
};
const { DebugLogger } = requireFromRoot('builder-util/out/DebugLogger') as {
  DebugLogger: new (enabled: boolean) => unknown;
};

describe('electron-builder.yml', () => {
  it('is valid for electron-builder 26 and flips the hardening fuses', async () => {
    const config = await getConfig(ROOT, null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('its schema refuses a misspelt fuse (so the check above means something)', async () => {
    const config = await getConfig(ROOT, null, null);
    await expect(
      validateConfiguration({ ...config, electronFuses: { runAsNodes: false } }, new DebugLogger(false)),
    ).rejects.toThrow(/electronFuses/);
  });
});
