/**
 * Access tokens: `<payload>.<mac>`, base64url, HMAC-SHA256 over the payload with the registry's
 * secret. They name a session, so signing out or locking an account revokes them at once (every
 * request checks the session row). Refresh tokens are random and stored only as SHA-256 digests.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AccessClaims {
  readonly sid: string;
  readonly uid: string;
  /** Expiry, Unix seconds. */
  readonly exp: number;
}

export class TokenSigner {
  private readonly key: Buffer;

  constructor(secret: string | null) {
    this.key = secret === null ? randomBytes(32) : Buffer.from(secret, 'utf8');
  }

  sign(claims: AccessClaims): string {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The claims of a well-formed, correctly signed token (expired or not), or null. */
  verify(token: string): AccessClaims | null {
    const [payload, mac, extra] = token.split('.');
    if (payload === undefined || mac === undefined || extra !== undefined) return null;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<AccessClaims>;
      // A correct signature over malformed claims (an old or foreign signer, a leaked key) is still
      // not a token: the ids must be UUIDs before they reach a query, the expiry a whole number.
      if (typeof claims.sid !== 'string' || typeof claims.uid !== 'string' || typeof claims.exp !== 'number')
        return null;
      if (!UUID.test(claims.sid) || !UUID.test(claims.uid) || !Number.isSafeInteger(claims.exp)) return null;
      return { sid: claims.sid, uid: claims.uid, exp: claims.exp };
    } catch {
      return null;
    }
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function digestToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
