import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countOf, formatClockTime, formatDateTime, formatWhen } from '../../src/renderer/format/wording';

describe('wording', () => {
  it('writes times on a 12-hour clock with AM/PM', () => {
    const afternoon = new Date(2026, 11, 5, 16, 5);
    const morning = new Date(2026, 11, 5, 9, 30);
    expect(formatClockTime(afternoon)).toBe('4:05 PM');
    expect(formatClockTime(morning)).toBe('9:30 AM');
    expect(formatClockTime(new Date(2026, 11, 5, 0, 5))).toBe('12:05 AM');
    expect(formatClockTime(new Date(2026, 11, 5, 12, 0))).toBe('12:00 PM');
    expect(formatDateTime(afternoon)).toBe('12/05/2026 at 4:05 PM');
    expect(formatWhen(morning.toISOString(), afternoon)).toBe('today at 9:30 AM');
    expect(formatWhen(morning.toISOString(), new Date(2026, 11, 6, 8, 0))).toBe('12/05/2026 at 9:30 AM');
    expect(formatWhen(null)).toBe('never');
  });

  it('agrees the noun with the count', () => {
    expect(countOf(1, 'page')).toBe('1 page');
    expect(countOf(0, 'order')).toBe('0 orders');
    expect(countOf(1200, 'change')).toBe('1,200 changes');
    expect(countOf(2, 'copy', 'copies')).toBe('2 copies');
  });
});

/** British spellings a person could read on screen or in a message (US English is the rule). */
const BRITISH =
  /\b(colou?rs?|organis\w*|behaviour\w*|licence\w*|favour\w*|centre\w*|catalogue\w*|recognis\w*|authoris\w*|realis\w*|analys(e|ed|ing)|cheque\w*|programme\w*|grey)\b/i;
const SQL = /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE|ALTER)\b/;
const US_FORMS = /\b(color\w*)\b/i;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** The text a user can see: string literals and JSX text, not identifiers or comments. */
function visibleText(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const literals = [...withoutComments.matchAll(/'([^'\n]*)'|"([^"\n]*)"|`([^`]*)`|>([^<>{}\n]+)</g)];
  return (
    literals
      // Interpolated code (`${summary.organisations}`) is not text.
      .map((m) => (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').replace(/\$\{[^}]*\}/g, ''))
      // Sentences, not keys or identifiers; table names are the schema's, never shown.
      .filter((text) => /\s/.test(text.trim()) && !SQL.test(text))
  );
}

describe('US English on every screen and in every message', () => {
  it('has no British spelling in text shown to a person', () => {
    const found: string[] = [];
    const files = ['src/renderer', 'src/main', 'src/shared', 'src/server'].flatMap(sources);
    // Migration names are the schema's history, never shown.
    for (const file of files.filter((f) => !f.includes('/migrations/'))) {
      for (const text of visibleText(readFileSync(file, 'utf8'))) {
        const british = BRITISH.exec(text);
        if (british && !US_FORMS.test(british[0]))
          found.push(`${file}: "${british[0]}" in "${text.slice(0, 80)}"`);
      }
    }
    expect(found).toEqual([]);
  });
});
