/**
 * The DOJ simulator's "criminal history" stand-in: a few clearly fictional people DOJ already knows,
 * with the date of birth on its file. An entry naming one of them with another date of birth is
 * rejected (DOJ would not attach an order to the wrong person). Tests and demos use these names.
 */
export interface DojKnownPerson {
  readonly last: string;
  readonly first: string;
  /** The date of birth DOJ holds (ISO). */
  readonly dob: string;
}

export const DOJ_KNOWN_PERSONS: readonly DojKnownPerson[] = [
  { last: 'DOJTESTPERSON', first: 'ALEX', dob: '1980-01-01' },
  { last: 'SAMPLEPERSON', first: 'JORDAN', dob: '1975-06-15' },
  { last: 'FICTIONAL', first: 'TAYLOR', dob: '1990-12-31' },
];

/** Upper case letters only, so "O'Neil-Smith" and "ONEIL SMITH" compare equal. */
export function simpleName(text: string | undefined): string {
  return (text ?? '')
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase();
}

/** The known person with this last and first name, if any. */
export function findKnownPerson(last: string | undefined, first: string | undefined): DojKnownPerson | null {
  const l = simpleName(last);
  const f = simpleName(first);
  return DOJ_KNOWN_PERSONS.find((p) => p.last === l && p.first === f) ?? null;
}
