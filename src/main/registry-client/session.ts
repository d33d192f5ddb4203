/**
 * The registry session of the station: the tokens of the signed-in user, shared by the UI's online
 * calls and the sync worker. Refreshing is the client's job (registry-client.ts); this holder only
 * keeps the tokens, says when the access token is due for renewal, and tells listeners about
 * sign-in and sign-out. Persistence is optional and pluggable: the composition root decides
 * whether a refresh token may outlive the process (CJIS: usually not).
 */
import type { SessionUser, TokenResponse } from '../../shared/api';

export interface SessionTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** ISO time the access token expires. */
  readonly accessExpiresAt: string;
  readonly user: SessionUser;
}

/** Where a session survives a restart (an encrypted store); absent means memory only. */
export interface SessionPersistence {
  load(): SessionTokens | null;
  save(tokens: SessionTokens | null): void;
}

export type SessionState =
  | { readonly state: 'signed-in'; readonly user: SessionUser }
  | { readonly state: 'signed-out'; readonly reason: string | null };

/** Renew the access token this long before it expires, so a request never races the expiry. */
const RENEW_MARGIN_MS = 30_000;

export class RegistrySession {
  private tokens: SessionTokens | null;
  private reason: string | null = null;
  private readonly listeners = new Set<(state: SessionState) => void>();

  constructor(
    private readonly persistence: SessionPersistence | null = null,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.tokens = persistence?.load() ?? null;
  }

  /** Takes the answer of a sign-in or refresh. */
  accept(response: TokenResponse): void {
    this.tokens = {
      accessToken: response.accessToken,
      refreshToken: response.refreshToken,
      accessExpiresAt: new Date(this.now().getTime() + response.expiresIn * 1000).toISOString(),
      user: response.user,
    };
    this.reason = null;
    this.persistence?.save(this.tokens);
    this.emit();
  }

  /** Forgets the tokens; `reason` is shown to the user ("Your session has ended. Sign in again."). */
  clear(reason: string | null = null): void {
    const had = this.tokens !== null;
    this.tokens = null;
    this.reason = reason;
    this.persistence?.save(null);
    if (had || reason !== null) this.emit();
  }

  current(): SessionTokens | null {
    return this.tokens;
  }

  user(): SessionUser | null {
    return this.tokens?.user ?? null;
  }

  state(): SessionState {
    return this.tokens
      ? { state: 'signed-in', user: this.tokens.user }
      : { state: 'signed-out', reason: this.reason };
  }

  /** True when the access token expires within the renewal margin. */
  needsRenewal(): boolean {
    if (!this.tokens) return false;
    return Date.parse(this.tokens.accessExpiresAt) - this.now().getTime() <= RENEW_MARGIN_MS;
  }

  hasRole(role: SessionUser['roles'][number]): boolean {
    return this.tokens?.user.roles.includes(role) ?? false;
  }

  /** Called on every sign-in, refresh and sign-out; returns an unsubscribe function. */
  onChange(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    const state = this.state();
    for (const listener of [...this.listeners]) listener(state);
  }
}
