/**
 * Password verifiers for offline unlock: PBKDF2-SHA256 with a random salt, compared in constant
 * time. The verifier lives only inside the encrypted session vault, never in plain text.
 */
import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);
/** The registry's cost (OWASP 2023 for PBKDF2-SHA256); older verifiers keep their own count until the next sign-in. */
export const VERIFIER_ITERATIONS = 600_000;

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

const DUMMY_SALT = randomBytes(16);

/** The work of one verifier check, for an unknown user: the answer takes as long as a wrong password's. */
export async function spendVerifierTime(password: string): Promise<false> {
  await pbkdf2Async(password, DUMMY_SALT, VERIFIER_ITERATIONS, 32, 'sha256');
  return false;
}
