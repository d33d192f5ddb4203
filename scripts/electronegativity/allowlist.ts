/**
 * The judgement of `npm run check:electron`: which of electronegativity's findings fail the check.
 * A high or medium finding fails unless the allowlist accepts it with a reason (one entry accepts
 * up to `count` findings of one check in one file, so a second occurrence is not waved through);
 * low and informational findings are printed as notes. An entry that no longer matches anything
 * fails too, so the list only ever holds explanations of findings that exist.
 */
import { z } from 'zod';

export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  /** The check's id, e.g. PRELOAD_JS_CHECK. */
  readonly check: string;
  readonly severity: Severity;
  /** Repository-relative path, or 'N/A' for a finding about the application as a whole. */
  readonly file: string;
  readonly line: number;
  readonly description: string;
}

const reason = z.string().min(20, { error: 'Give the reason in a sentence.' });

export const allowlistSchema = z.strictObject({
  /** Checks not run at all (e.g. those that need the internet), each with why. */
  excludedChecks: z.array(z.strictObject({ check: z.string().min(1), reason })),
  accepted: z.array(
    z.strictObject({
      check: z.string().min(1),
      file: z.string().min(1),
      count: z.int().min(1).optional(),
      reason,
    }),
  ),
});
export type Allowlist = z.infer<typeof allowlistSchema>;
export type AcceptedEntry = Allowlist['accepted'][number];

export interface Judgement {
  readonly accepted: readonly { readonly finding: Finding; readonly reason: string }[];
  readonly unexplained: readonly Finding[];
  readonly notes: readonly Finding[];
  readonly unusedEntries: readonly AcceptedEntry[];
}

export function failsWithoutReason(severity: Severity): boolean {
  return severity === 'MEDIUM' || severity === 'HIGH';
}

export function judge(findings: readonly Finding[], allowlist: Allowlist): Judgement {
  const left = new Map(allowlist.accepted.map((entry) => [entry, entry.count ?? 1]));
  const accepted: { finding: Finding; reason: string }[] = [];
  const unexplained: Finding[] = [];
  const notes: Finding[] = [];
  for (const finding of findings) {
    if (!failsWithoutReason(finding.severity)) {
      notes.push(finding);
      continue;
    }
    const entry = allowlist.accepted.find(
      (e) => e.check === finding.check && e.file === finding.file && (left.get(e) ?? 0) > 0,
    );
    if (entry === undefined) {
      unexplained.push(finding);
      continue;
    }
    left.set(entry, (left.get(entry) ?? 0) - 1);
    accepted.push({ finding, reason: entry.reason });
  }
  const unusedEntries = allowlist.accepted.filter((e) => left.get(e) === (e.count ?? 1));
  return { accepted, unexplained, notes, unusedEntries };
}

export function passes(judgement: Judgement): boolean {
  return judgement.unexplained.length === 0 && judgement.unusedEntries.length === 0;
}
