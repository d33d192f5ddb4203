/**
 * The registry directory the sync tests use: the Fresno court of the shared order fixtures
 * (TEST_COURT), the Fresno sheriff, and users of each kind with a known password and TOTP secret.
 * Fictional; test data only.
 */
import { createHash } from 'node:crypto';
import type { Role } from '../../../../src/shared/api';
import { base32Encode, totpAt } from '../../../../src/server/auth/totp';
import type { RegistryContext } from '../../../../src/server/context';
import { createUser, upsertOrganisation } from '../../../../src/server/seed/directory-seed';
import { TEST_COURT } from '../../../support/orders';

export const PASSWORD = 'Sync-test-password-2026!';
export const SHERIFF_ORI = 'CA0190000';

function stableId(label: string): string {
  const h = createHash('sha256').update(`sync-test:${label}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface TestUser {
  readonly id: string;
  readonly username: string;
  readonly orgOri: string;
  readonly roles: readonly Role[];
  readonly totpSecret: string;
}

function user(username: string, orgOri: string, roles: Role[]): TestUser {
  return {
    id: stableId(`user:${username}`),
    username,
    orgOri,
    roles,
    totpSecret: base32Encode(createHash('sha256').update(`totp:${username}`).digest().subarray(0, 20)),
  };
}

export const USERS = {
  clerk: user('fresno.sync.clerk', TEST_COURT.ori, ['court_clerk']),
  clerk2: user('fresno.sync.clerk2', TEST_COURT.ori, ['court_clerk']),
  clerk3: user('fresno.sync.clerk3', TEST_COURT.ori, ['court_clerk']),
  sheriff: user('fresno.sync.sheriff', SHERIFF_ORI, ['sheriff_operator']),
} as const;

/** Creates the organisations and users (idempotent). */
export async function seedSyncDirectory(ctx: RegistryContext): Promise<void> {
  await upsertOrganisation(ctx.db, {
    id: stableId('org:court'),
    ori: TEST_COURT.ori,
    name: TEST_COURT.name,
    county: TEST_COURT.county,
    kind: 'superior_court',
  });
  await upsertOrganisation(ctx.db, {
    id: stableId('org:sheriff'),
    ori: SHERIFF_ORI,
    name: 'Fresno County Sheriff (sync tests)',
    county: TEST_COURT.county,
    kind: 'sheriff',
  });
  for (const u of Object.values(USERS)) {
    await createUser(
      ctx.db,
      {
        id: u.id,
        username: u.username,
        displayName: u.username,
        orgOri: u.orgOri,
        roles: u.roles,
        cletsCertifiedUntil: '2030-12-31',
        password: PASSWORD,
        totpSecret: u.totpSecret,
      },
      ctx.config.pbkdf2Iterations,
    );
  }
}

/**
 * TOTP codes that are never reused: each sign-in of a user takes the next 30-second step the
 * registry still accepts (now-1, now, now+1). Past that, the caller must move the clock.
 */
export class TotpCodes {
  private readonly used = new Map<string, number>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  next(u: TestUser): string | null {
    const step = Math.floor(this.now().getTime() / 30_000);
    const last = this.used.get(u.username) ?? -Infinity;
    for (const s of [step - 1, step, step + 1]) {
      if (s > last) {
        this.used.set(u.username, s);
        return totpAt(u.totpSecret, s * 30);
      }
    }
    return null;
  }
}
