/**
 * The station database's migrations, in order. To add one: write `NNN-what.ts` exporting a Migration
 * with the next version number, append it here, and add a test in test/main/store/migrations.test.ts.
 * Never edit a migration that has shipped.
 */
import { migration001 } from './001-initial';
import { migration002 } from './002-sync';
import { migration003 } from './003-scan-batches';
import { migration004 } from './004-authority';
import { migration005 } from './005-conflict-author';
import { migration006 } from './006-document-scan-origin';
import type { Migration } from './types';

export type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
];

export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
