/** Which fields of two orders differ, as dotted paths ("restrainedPerson.dob", "protectedPersons.1"). */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function differingFields(mine: unknown, theirs: unknown, prefix = ''): string[] {
  if (Object.is(mine, theirs)) return [];
  if (Array.isArray(mine) && Array.isArray(theirs)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(mine.length, theirs.length); i += 1) {
      const path = prefix === '' ? String(i) : `${prefix}.${i}`;
      if (i >= mine.length || i >= theirs.length) out.push(path);
      else out.push(...differingFields(mine[i], theirs[i], path));
    }
    return out;
  }
  if (isPlainObject(mine) && isPlainObject(theirs)) {
    const keys = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])].sort();
    return keys.flatMap((key) => {
      const a = mine[key];
      const b = theirs[key];
      // An absent field and an explicit undefined are the same to the schema.
      if (a === undefined && b === undefined) return [];
      return differingFields(a, b, prefix === '' ? key : `${prefix}.${key}`);
    });
  }
  return [prefix === '' ? '(whole order)' : prefix];
}
