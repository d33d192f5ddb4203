import { migration001 } from './001-core';
import { migration002 } from './002-orders';
import { migration003 } from './003-name-pairs';
import { migration004 } from './004-name-terms';
import { migration005 } from './005-dob-covering';
import { migration006 } from './006-name-covering';
import { migration007 } from './007-audit-context';
import { migration008 } from './008-blob-uploaders';
import { migration009 } from './009-names-any-script';
import { migration010 } from './010-station-audit';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every migration, in order. Append new ones; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
];
