/**
 * The one reading of the sync status that every part of the frame shows (the header's badge, the
 * status bar, "Sync now"'s answer): the same words everywhere, so the header can never say one
 * thing while the footer says another. Pure: from the station's pushed status and the session.
 */
import type { SessionDto } from '../../shared/ipc/session';
import type { SyncStatusDto } from '../../shared/ipc/sync';

/** What the person can do about the current state, offered beside it. */
export type SyncAction = 'sign-in' | 'resolve' | 'none';

export interface SyncView {
  readonly state: SyncStatusDto['state'] | 'loading';
  /** A short sentence, the same in the header and the status bar ("Everything is sent."). */
  readonly headline: string;
  /** What waits, in words ("2 changes are waiting to be sent."). */
  readonly waiting: string;
  /** Why, and what to do, when something needs saying; null when nothing does. */
  readonly detail: string | null;
  /** A dark shade: white text on it stays above WCAG AA contrast. */
  readonly color: string;
  readonly action: SyncAction;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function waitingSentence(status: SyncStatusDto): string {
  if (status.pendingChanges === 0) return 'Nothing is waiting to be sent.';
  return `${plural(status.pendingChanges, 'change is', 'changes are')} waiting to be sent.`;
}

/** The registry session is missing while the station holds the user's work: signing in sends it. */
function needsRegistrySignIn(status: SyncStatusDto, session: SessionDto | null): boolean {
  if (session?.state !== 'signed-in') return false;
  return status.state === 'signed-out' || session.mode === 'offline';
}

function headlineOf(status: SyncStatusDto, signIn: boolean): { headline: string; color: string } {
  if (signIn) {
    return status.pendingChanges > 0
      ? { headline: 'Sign in to the registry to send your changes.', color: '#343a40' }
      : { headline: 'Not signed in to the registry.', color: '#343a40' };
  }
  switch (status.state) {
    case 'idle':
      return status.heldForOthers.length > 0
        ? { headline: 'Changes wait for another user.', color: '#1e6b34' }
        : { headline: 'Everything is sent.', color: '#1e6b34' };
    case 'syncing':
      return { headline: 'Sending changes…', color: '#1864ab' };
    case 'offline':
      return { headline: 'The registry does not answer.', color: '#8a4300' };
    case 'signed-out':
      return { headline: 'Not signed in to the registry.', color: '#343a40' };
    case 'error':
      return status.conflicts > 0
        ? { headline: 'A change needs your decision.', color: '#a61e1e' }
        : { headline: 'A change was refused.', color: '#a61e1e' };
  }
}

export function describeSync(status: SyncStatusDto | null, session: SessionDto | null): SyncView {
  if (status === null) {
    return {
      state: 'loading',
      headline: 'Reading the sync status…',
      waiting: '',
      detail: null,
      color: '#343a40',
      action: 'none',
    };
  }
  const signIn = needsRegistrySignIn(status, session);
  const { headline, color } = headlineOf(status, signIn);
  const detail = signIn
    ? status.pendingChanges > 0
      ? 'Your changes are kept on this station. Press “Sign in to send” and give your password and code.'
      : 'Press “Sign in to send” to reach the registry again.'
    : status.problem;
  return {
    state: signIn ? 'signed-out' : status.state,
    headline,
    waiting: waitingSentence(status),
    detail,
    color,
    action: signIn ? 'sign-in' : status.conflicts > 0 ? 'resolve' : 'none',
  };
}

/** What "Sync now" came to: a sentence, and whether it went as hoped. */
export interface SyncNowResult {
  readonly text: string;
  readonly ok: boolean;
}

/**
 * What "Sync now" came to, from the status it answered with: sent, nothing to send, or why it could
 * not and what to do.
 */
export function syncNowResult(status: SyncStatusDto, session: SessionDto | null): SyncNowResult {
  if (needsRegistrySignIn(status, session)) {
    return { ok: false, text: 'Not sent: you are not signed in to the registry. Press “Sign in to send”.' };
  }
  switch (status.state) {
    case 'offline':
      return {
        ok: false,
        text: 'Not sent: the registry does not answer. Your changes are kept on this station and go when it answers.',
      };
    case 'signed-out':
      return {
        ok: false,
        text: 'Not sent: you are not signed in to the registry. Sign out and sign in online.',
      };
    case 'error':
      return {
        ok: false,
        text: `Checked with the registry. ${status.problem ?? 'A change needs your attention.'}`,
      };
    case 'syncing':
      return { ok: true, text: `Still sending. ${waitingSentence(status)}` };
    case 'idle':
      return status.heldForOthers.length > 0
        ? { ok: true, text: `Sent what you can send. ${status.problem ?? ''}`.trim() }
        : { ok: true, text: 'Sent and checked for changes: everything is up to date.' };
  }
}
