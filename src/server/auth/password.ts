/**
 * Password hashing with PBKDF2-HMAC-SHA256 from node:crypto (a FIPS 140-approved KDF), a random
 * 16-byte salt per user and the iteration count stored beside each hash, so raising the count later
 * re-hashes each user at their next sign-in instead of invalidating everyone.
 */
import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);
const KEY_BYTES = 32;

let checks = 0;
/**
 * How many password checks this process has run. Sign-in spends exactly one on every path (unknown
 * name, locked account, wrong or right password), so the cost of an answer reveals nothing; tests
 * count checks instead of timing them.
 */
export function passwordChecks(): number {
  return checks;
}

export interface PasswordHash {
  readonly hash: string;
  readonly salt: string;
  readonly iterations: number;
}

export async function hashPassword(password: string, iterations: number): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const key = await pbkdf2Async(password.normalize('NFC'), salt, iterations, KEY_BYTES, 'sha256');
  return { hash: key.toString('base64'), salt: salt.toString('base64'), iterations };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  checks += 1;
  const expected = Buffer.from(stored.hash, 'base64');
  const key = await pbkdf2Async(
    password.normalize('NFC'),
    Buffer.from(stored.salt, 'base64'),
    stored.iterations,
    expected.length,
    'sha256',
  );
  return key.length === expected.length && timingSafeEqual(key, expected);
}
