/**
 * Who is acting: a signed-in user (roles read fresh from the database on every request) or the
 * `system` principal, which alone may perform the gateway's and the clock's transitions
 * (sendToDoj, dojAcknowledge, dojReject, expire). No HTTP route produces a system principal.
 */
import type { Role } from '../../shared/api';

export interface UserPrincipal {
  readonly kind: 'user';
  readonly userId: string;
  readonly sessionId: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly orgId: string;
  readonly orgOri: string;
  readonly orgKind: string;
  readonly county: string;
  readonly cletsCertifiedUntil: string | null;
}

export interface SystemPrincipal {
  readonly kind: 'system';
  /** What is acting, e.g. 'doj-gateway', 'expiry-job', 'seed'. */
  readonly component: string;
}

export type Principal = UserPrincipal | SystemPrincipal;

export function systemPrincipal(component: string): SystemPrincipal {
  return { kind: 'system', component };
}

export function hasRole(p: Principal, ...roles: Role[]): boolean {
  return p.kind === 'user' && p.roles.some((r) => roles.includes(r));
}

/** Supervisors and state administrators see sealed orders; the system sees everything. */
export function seesSealed(p: Principal): boolean {
  return p.kind === 'system' || hasRole(p, 'supervisor', 'state_admin');
}

/** CLETS-certified on `today` (ISO date). */
export function isCletsCertified(p: Principal, today: string): boolean {
  return p.kind === 'user' && p.cletsCertifiedUntil !== null && p.cletsCertifiedUntil >= today;
}

/** Roles that may create and change orders. */
export const WRITER_ROLES: readonly Role[] = ['court_clerk', 'supervisor', 'sheriff_operator'];

export function auditActor(p: Principal): {
  userId: string | null;
  username: string | null;
  orgId: string | null;
} {
  return p.kind === 'user'
    ? { userId: p.userId, username: p.username, orgId: p.orgId }
    : { userId: null, username: `system:${p.component}`, orgId: null };
}
