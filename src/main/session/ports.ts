/**
 * What the session needs of the registry: the registry HTTP client (src/main/registry-client)
 * fits this as it is; the client keeps the tokens (memory only) and refreshes them.
 */
import type { SessionUser, SignInRequest } from '../../shared/api';

/** Error codes that mean "the registry did not answer" (the client's network codes). */
export const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  'REGISTRY_UNREACHABLE',
  'REGISTRY_TIMEOUT',
  'CONNECTION_LOST',
]);

export interface RegistryAuthPort {
  banner(): Promise<string>;
  signIn(request: SignInRequest): Promise<SessionUser>;
  signOut(): Promise<void>;
  readonly session: {
    current(): unknown;
    onChange(
      listener: (state: {
        readonly state: 'signed-in' | 'signed-out';
        readonly reason?: string | null;
      }) => void,
    ): () => void;
  };
}
