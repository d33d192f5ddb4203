/**
 * Password verifiers for offline unlock: PBKDF2-SHA256 with a random salt, compared in constant
 * time. The verifier lives only inside the encrypted session vault, never in plain text.
 */
import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);
/** OWASP 2023 suggests 600,000 for PBKDF2-SHA256; the vault is encrypted too, so 210,000 keeps unlock under ~0.3 s. */
export const VERIFIER_ITERATIONS = 210_000;

export interface PasswordVerifier {
  readonly salt: string;
  readonly hash: string;
  readonly iterations: number;
}

export async function makeVerifier(
  password: string,
  iterations = VERIFIER_ITERATIONS,
): Promise<PasswordVerifier> {
  const salt = randomBytes(16);
  const hash = await pbkdf2Async(password, salt, iterations, 32, 'sha256');
  return { salt: salt.toString('base64'), hash: hash.toString('base64'), iterations };
}

export async function checkVerifier(password: string, verifier: PasswordVerifier): Promise<boolean> {
  const expected = Buffer.from(verifier.hash, 'base64');
  const actual = await pbkdf2Async(
    password,
    Buffer.from(verifier.salt, 'base64'),
    verifier.iterations,
    expected.length,
    'sha256',
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
