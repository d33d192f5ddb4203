/**
 * Who may do what on the station, by the registry's roles: one table used by the station's guard
 * (src/main/app/guard.ts, which refuses and records the refusal) and by the renderer (which shows a
 * role only its screens and actions). A user may hold several roles; any one that allows suffices.
 *
 * - Order work (scan, enter, drafts, sync) is for the people who do it: court clerks, supervisors
 *   and sheriff's operators (workflow (c): the sheriff scans and enters), each within their own
 *   organisation's drafts.
 * - Search is for everyone the registry lets search, query-only users included.
 * - Settings that bind the station to a court (BINDING_SETTINGS) are for local and state
 *   administrators; an operator may pick a scanner and a scan profile.
 */
import type { Role } from '../api/auth';
import { PUBLIC_CHANNELS, type Channel } from './contract';
import { BINDING_SETTINGS, type SettingsPatch } from './settings';

export const ORDER_ROLES: readonly Role[] = ['court_clerk', 'supervisor', 'sheriff_operator'];
export const ADMIN_ROLES: readonly Role[] = ['local_admin', 'state_admin'];
export const SEARCH_ROLES: readonly Role[] = [
  'query_only',
  'court_clerk',
  'supervisor',
  'sheriff_operator',
  'local_admin',
  'state_admin',
];
export const SETTINGS_ROLES: readonly Role[] = [...ORDER_ROLES, ...ADMIN_ROLES];

/** 'signed-in': any signed-in user; otherwise the roles that may call it. Public channels are absent. */
export const CHANNEL_ROLES: Readonly<Partial<Record<Channel, 'signed-in' | readonly Role[]>>> = {
  'session:activity': 'signed-in',
  // Anyone signed in may connect their own session to the registry: it sends only their own changes.
  'session:registry-sign-in': 'signed-in',
  'settings:get': 'signed-in',
  'settings:update': SETTINGS_ROLES,
  'settings:preview-name': ADMIN_ROLES,
  'drafts:list': ORDER_ROLES,
  'drafts:get': ORDER_ROLES,
  'drafts:create': ORDER_ROLES,
  'drafts:save': ORDER_ROLES,
  'drafts:transition': ORDER_ROLES,
  'drafts:cover-sheets': ORDER_ROLES,
  'documents:list': ORDER_ROLES,
  'documents:content': ORDER_ROLES,
  'scan:devices': ORDER_ROLES,
  'scan:refresh-devices': ORDER_ROLES,
  'scan:start': ORDER_ROLES,
  'scan:current': ORDER_ROLES,
  'scan:cancel': ORDER_ROLES,
  'scan:retry': ORDER_ROLES,
  'scan:edit': ORDER_ROLES,
  'scan:thumbnail': ORDER_ROLES,
  'scan:commit': ORDER_ROLES,
  'scan:discard': ORDER_ROLES,
  'sync:status': 'signed-in',
  'sync:now': ORDER_ROLES,
  'sync:conflicts': ORDER_ROLES,
  'sync:resolve': ORDER_ROLES,
  'registry:search': SEARCH_ROLES,
  'registry:order': SEARCH_ROLES,
  'registry:image': SEARCH_ROLES,
  'registry:conflicts': ORDER_ROLES,
};

export function hasAnyRole(roles: readonly string[], allowed: readonly Role[]): boolean {
  return roles.some((r) => (allowed as readonly string[]).includes(r));
}

/** Whether a user with `roles` may call `channel`. A channel in neither list is refused (fails closed). */
export function mayCall(roles: readonly string[], channel: Channel): boolean {
  const rule = CHANNEL_ROLES[channel];
  if (rule === undefined) return PUBLIC_CHANNELS.includes(channel);
  return rule === 'signed-in' || hasAnyRole(roles, rule);
}

/** The settings in `patch` that `roles` may not change (empty when every one is allowed). */
export function refusedSettings(roles: readonly string[], patch: SettingsPatch): string[] {
  if (hasAnyRole(roles, ADMIN_ROLES)) return [];
  return Object.keys(patch).filter((key) => (BINDING_SETTINGS as readonly string[]).includes(key));
}

/** The screens of the station and who sees each. */
export const SCREEN_ROLES = {
  scan: ORDER_ROLES,
  entry: ORDER_ROLES,
  drafts: ORDER_ROLES,
  search: SEARCH_ROLES,
  settings: SETTINGS_ROLES,
} as const satisfies Record<string, readonly Role[]>;
export type ScreenName = keyof typeof SCREEN_ROLES;
