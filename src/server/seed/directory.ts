/**
 * The demo directory: courts and sheriffs of four counties, a tribal court and the state office,
 * with users of every role. Entirely fictional people; the ORIs follow the real shape but are
 * invented. Passwords and TOTP secrets are published in README.md: this data is for demos only.
 */
import { createHash } from 'node:crypto';
import type { Role } from '../../shared/api';
import { base32Encode } from '../auth/totp';

export interface DemoOrg {
  readonly id: string;
  readonly ori: string;
  readonly name: string;
  readonly county: string;
  readonly kind: 'superior_court' | 'tribal_court' | 'sheriff' | 'state';
}

export interface DemoUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly orgOri: string;
  readonly roles: readonly Role[];
  readonly cletsCertifiedUntil: string | null;
}

/** The one password of every demo account. */
export const DEMO_PASSWORD = 'CCPOR-demo-2026!';

/** Deterministic per-user TOTP secret (Base32), printed by the seed and listed in README. */
export function demoTotpSecret(username: string): string {
  return base32Encode(createHash('sha256').update(`ccpor-demo-totp:${username}`).digest().subarray(0, 20));
}

const COUNTIES = [
  { county: 'Alameda', code: '001' },
  { county: 'Fresno', code: '010' },
  { county: 'Sacramento', code: '034' },
  { county: 'San Diego', code: '037' },
] as const;

function demoId(label: string): string {
  const h = createHash('sha256').update(`ccpor-demo-id:${label}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const DEMO_ORGS: readonly DemoOrg[] = [
  ...COUNTIES.flatMap(({ county, code }) => [
    {
      id: demoId(`court:${county}`),
      ori: `CA${code}013J`,
      name: `Superior Court of California, County of ${county} (demo)`,
      county,
      kind: 'superior_court' as const,
    },
    {
      id: demoId(`sheriff:${county}`),
      ori: `CA${code}0000`,
      name: `${county} County Sheriff's Office (demo)`,
      county,
      kind: 'sheriff' as const,
    },
  ]),
  {
    id: demoId('court:tribal'),
    ori: 'CA010T01J',
    name: 'Sample Valley Tribal Court (demo)',
    county: 'Fresno',
    kind: 'tribal_court',
  },
  {
    id: demoId('state'),
    ori: 'CA034JC0S',
    name: 'Judicial Council CCPOR Administration (demo)',
    county: 'Sacramento',
    kind: 'state',
  },
];

const CERTIFIED = '2027-12-31';

function countyUsers(county: string, code: string): DemoUser[] {
  const slug = county.toLowerCase().replace(/\s+/g, '');
  const court = `CA${code}013J`;
  const sheriff = `CA${code}0000`;
  const user = (
    name: string,
    displayName: string,
    ori: string,
    roles: Role[],
    clets: string | null,
  ): DemoUser => ({
    id: demoId(`user:${slug}.${name}`),
    username: `${slug}.${name}`,
    displayName,
    orgOri: ori,
    roles,
    cletsCertifiedUntil: clets,
  });
  return [
    user('clerk', `${county} Clerk (demo)`, court, ['court_clerk'], CERTIFIED),
    user('clerk2', `${county} Second Clerk (demo)`, court, ['court_clerk'], null),
    user('supervisor', `${county} Supervisor (demo)`, court, ['supervisor'], CERTIFIED),
    user('admin', `${county} Court Administrator (demo)`, court, ['local_admin'], null),
    user('query', `${county} Judicial Officer (demo, query only)`, court, ['query_only'], null),
    user('sheriff', `${county} Sheriff Operator (demo)`, sheriff, ['sheriff_operator'], CERTIFIED),
    user('sheriff2', `${county} Second Sheriff Operator (demo)`, sheriff, ['sheriff_operator'], CERTIFIED),
  ];
}

export const DEMO_USERS: readonly DemoUser[] = [
  ...COUNTIES.flatMap(({ county, code }) => countyUsers(county, code)),
  {
    id: demoId('user:tribal.clerk'),
    username: 'tribal.clerk',
    displayName: 'Tribal Court Clerk (demo)',
    orgOri: 'CA010T01J',
    roles: ['court_clerk'],
    cletsCertifiedUntil: null,
  },
  {
    id: demoId('user:state.admin'),
    username: 'state.admin',
    displayName: 'State Administrator (demo)',
    orgOri: 'CA034JC0S',
    roles: ['state_admin'],
    cletsCertifiedUntil: CERTIFIED,
  },
];
