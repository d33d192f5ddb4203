/**
 * `npm run registry:seed`: seeds the demo data set into the configured database (same settings as
 * `npm run registry`) and prints the demo accounts. Safe to run again: it only adds what is missing.
 */
import { buildRegistry } from '../app';
import { loadConfig } from '../config';
import { demoAccountsTable, seedDemo } from './demo';

async function main(): Promise<void> {
  const app = await buildRegistry(loadConfig({ logLevel: 'warn' }));
  try {
    const summary = await seedDemo(app.registry);
    console.log(
      `Seeded ${summary.organisations} organizations, ${summary.usersCreated} new users, ${summary.ordersCreated} new orders (${summary.ordersTotal} in total).`,
    );
    console.log(demoAccountsTable());
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
