import { join } from 'node:path';
import type { RegistryConfig } from '../config';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Db } from './types';

/** PostgreSQL when `databaseUrl` is configured, otherwise PGlite in the data folder (or memory). */
export async function openDb(config: RegistryConfig): Promise<Db> {
  if (config.databaseUrl !== null) return openPostgres(config.databaseUrl, config.databasePoolSize);
  return openPglite(config.pgliteInMemory ? null : join(config.dataDir, 'pglite'));
}
