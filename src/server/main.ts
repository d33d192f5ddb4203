/**
 * `npm run registry`: starts the registry. With no configuration it runs on PGlite in
 * .data/registry and listens on 127.0.0.1:4300 (plain HTTP on loopback; configure TLS for anything
 * else). REGISTRY_DEMO=1 (or --demo) seeds the demo data set when the database is empty.
 */
import { buildRegistry } from './app';
import { ConfigError, loadConfig } from './config';
import { demoAccountsTable, seedDemo } from './seed/demo';

async function main(): Promise<void> {
  const loaded = loadConfig(process.argv.includes('--demo') ? { demo: true } : {});
  // The registry in service expires orders past their expiration unless told not to: an expired
  // order shown as in force to an officer is worse than a sweep nobody asked for. ('auto' stays
  // off in registries that tests build, so their clocks decide.)
  const config = loaded.expirySweep === 'auto' ? { ...loaded, expirySweep: 'on' as const } : loaded;
  const app = await buildRegistry(config);
  if (config.demo) {
    const orgs = await app.registry.db.query<{ n: string }>('SELECT count(*)::text AS n FROM organisations');
    if (orgs.rows[0]?.n === '0') {
      const summary = await seedDemo(app.registry);
      app.log.info({ seeded: summary }, 'demo data seeded');
      console.log(demoAccountsTable());
    }
  }
  const stop = (signal: string) => {
    app.log.info({ signal }, 'stopping');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ host: config.host, port: config.port });
  app.log.info({ database: app.registry.db.kind, tls: config.tls !== null }, 'CCPOR registry ready');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
