/**
 * Lockout for names that have no account, kept in memory: after `threshold` failures an unknown
 * name answers 423 like a real locked account, so the status of a sign-in never tells whether a name
 * exists. Bounded (oldest names forgotten first); per process, which is enough to hide existence
 * because a real lock and a phantom one look the same from outside.
 */
import type { Attempt, LockoutPolicy } from './lockout';

interface Entry {
  count: number;
  lockedUntil: number | null;
}

export class UnknownNameLockout {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly policy: LockoutPolicy,
    private readonly capacity = 10_000,
  ) {}

  /** Same decision as `beginAttempt`: null when locked, else the attempt's place in the count. */
  attempt(name: string, now: Date): Attempt | null {
    const key = name.toLowerCase();
    const t = now.getTime();
    const entry = this.entries.get(key) ?? { count: 0, lockedUntil: null };
    if (entry.lockedUntil !== null && entry.lockedUntil > t) return null;
    if (entry.lockedUntil !== null) entry.count = 0;
    entry.count += 1;
    entry.lockedUntil = entry.count >= this.policy.threshold ? t + this.policy.lockMs : null;
    this.entries.delete(key); // re-inserted last: the Map's order is least recently used first
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    return { count: entry.count, tookLock: entry.lockedUntil === null ? null : new Date(entry.lockedUntil) };
  }

  lockedUntil(name: string): Date | null {
    const until = this.entries.get(name.toLowerCase())?.lockedUntil ?? null;
    return until === null ? null : new Date(until);
  }
}
