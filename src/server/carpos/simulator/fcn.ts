/**
 * File Control Numbers as the DOJ simulator issues them. The real FCN layout is not public; the
 * simulator's is 13 digits: 12 taken from the SHA-256 of the order id (first digit 1–9) and a Luhn
 * check digit. Deriving it from the order id makes the simulator give the same order the same FCN
 * after a restart or from another registry instance, so a resent transaction cannot mint a second one.
 */
import { createHash } from 'node:crypto';

/** The Luhn check digit of a string of digits. */
function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    // Double every second digit counting from the right of the payload (the check digit goes after).
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** The FCN the simulator assigns to the order `orderId`, stepped by `salt` on a collision. */
export function simulatorFcn(orderId: string, salt = 0): string {
  const hash = createHash('sha256').update(`${orderId}#${salt}`).digest();
  const big = hash.readBigUInt64BE(0) % 100_000_000_000n; // 11 digits
  const first = 1 + ((hash[8] ?? 0) % 9);
  const payload = `${first}${big.toString().padStart(11, '0')}`;
  return `${payload}${luhnDigit(payload)}`;
}

/** 13 digits whose last is the Luhn check digit of the first 12: an FCN the simulator could have issued. */
export function isWellFormedFcn(fcn: string): boolean {
  return /^[1-9]\d{12}$/.test(fcn) && luhnDigit(fcn.slice(0, 12)) === Number(fcn[12]);
}
