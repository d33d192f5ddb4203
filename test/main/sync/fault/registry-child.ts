/**
 * Child process for the sync fault test: a real registry (PGlite in REGISTRY_DATA_DIR) on
 * 127.0.0.1:REGISTRY_PORT, seeded with the sync test directory, PBKDF2 lowered for speed. Prints
 * READY when listening. The test SIGKILLs it and starts it again on the same data.
 */
import { buildRegistry } from '../../../../src/server/app';
import { loadConfig } from '../../../../src/server/config';
import { seedSyncDirectory } from '../support/directory';
import { TOKEN_SECRET } from '../support/registry';
import { exitWithParent } from './exit-with-parent';

exitWithParent();

const dataDir = process.env.REGISTRY_DATA_DIR ?? '';
const port = Number(process.env.REGISTRY_PORT ?? 0);
const config = loadConfig(
  {
    host: '127.0.0.1',
    port,
    dataDir,
    pbkdf2Iterations: 1000,
    logLevel: 'silent',
    tokenSecret: TOKEN_SECRET,
    accessTokenTtlSeconds: 3600,
    // The fault test drives three stations' worth of a day's traffic through one address in a
    // couple of minutes: the per-address limit (a real registry's defence) is not what it tests.
    rateLimitPerAddress: 10_000_000,
  },
  {},
);
const app = await buildRegistry(config);
await seedSyncDirectory(app.registry);
await app.listen({ host: '127.0.0.1', port });
process.stdout.write('READY\n');
// SIGTERM: close cleanly (lets `--cpu-prof` write its profile); the fault test uses SIGKILL.
process.once('SIGTERM', () => {
  void app.close().finally(() => process.exit(0));
});
