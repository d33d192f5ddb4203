/**
 * Fictional people with a realistic name distribution: a few very common surnames (weighted roughly
 * like California's most frequent ones), a long tail of rare invented surnames, aliases and typos.
 * Every person is invented; any resemblance to a real person is a coincidence of common names.
 */
import type { Prng } from './prng';

/** [surname, relative weight]; weights follow the shape (not the figures) of census frequencies. */
const COMMON_SURNAMES: readonly (readonly [string, number])[] = [
  ['Garcia', 100],
  ['Hernandez', 80],
  ['Lopez', 75],
  ['Martinez', 72],
  ['Rodriguez', 70],
  ['Gonzalez', 66],
  ['Smith', 60],
  ['Nguyen', 55],
  ['Perez', 50],
  ['Sanchez', 48],
  ['Johnson', 46],
  ['Ramirez', 44],
  ['Torres', 38],
  ['Flores', 37],
  ['Williams', 36],
  ['Kim', 34],
  ['Brown', 33],
  ['Rivera', 32],
  ['Gomez', 31],
  ['Diaz', 30],
  ['Jones', 30],
  ['Cruz', 28],
  ['Reyes', 27],
  ['Morales', 26],
  ['Lee', 26],
  ['Chavez', 25],
  ['Gutierrez', 24],
  ['Miller', 24],
  ['Davis', 23],
  ['Ruiz', 22],
  ['Wong', 21],
  ['Tran', 21],
  ['Mendoza', 20],
  ['Castillo', 19],
  ['Vasquez', 19],
  ['Jimenez', 18],
  ['Anderson', 18],
  ['Wilson', 17],
  ['Moreno', 17],
  ['Romero', 16],
  ['Herrera', 16],
  ['Alvarez', 15],
  ['Chen', 15],
  ['Le', 14],
  ['Taylor', 14],
  ['Thomas', 13],
  ['Medina', 13],
  ['Aguilar', 12],
  ['Patel', 12],
  ['Vargas', 12],
  ['Castro', 11],
  ['Ortiz', 11],
  ['Moore', 11],
  ['Jackson', 10],
  ['White', 10],
  ['Martin', 10],
  ['Thompson', 10],
  ['Harris', 9],
  ['Clark', 9],
  ['Lewis', 9],
  ['Robinson', 9],
  ['Walker', 8],
  ['Young', 8],
  ['Allen', 8],
  ['Wright', 8],
  ['Scott', 7],
  ['Green', 7],
  ['Baker', 7],
  ['Adams', 7],
  ['Nelson', 7],
  ['Hill', 6],
  ['Campbell', 6],
  ['Mitchell', 6],
  ['Roberts', 6],
  ['Carter', 6],
  ['Phillips', 6],
  ['Evans', 5],
  ['Turner', 5],
  ['Pham', 5],
  ['Huang', 5],
  ["O'Brien", 4],
  ['Garcia-Lopez', 3],
  ['Nuñez', 4],
  ['Peña', 4],
  ['Schmidt', 3],
  ['Kowalski', 2],
];

const FIRST_NAMES_F = [
  'Maria',
  'Jennifer',
  'Jessica',
  'Ashley',
  'Elizabeth',
  'Sarah',
  'Stephanie',
  'Michelle',
  'Linda',
  'Patricia',
  'Ana',
  'Rosa',
  'Guadalupe',
  'Veronica',
  'Karen',
  'Lisa',
  'Nancy',
  'Emily',
  'Sofia',
  'Isabella',
  'Mei',
  'Linh',
  'Priya',
  'Hannah',
  'Olivia',
  'Daniela',
  'Brenda',
  'Yesenia',
  'Angela',
  'Monica',
];
const FIRST_NAMES_M = [
  'Jose',
  'Juan',
  'Michael',
  'David',
  'Robert',
  'James',
  'John',
  'Daniel',
  'Carlos',
  'Luis',
  'Christopher',
  'Anthony',
  'Joseph',
  'Miguel',
  'Jesus',
  'Richard',
  'Kevin',
  'Brian',
  'Jorge',
  'Francisco',
  'Steven',
  'Eric',
  'Minh',
  'Wei',
  'Raj',
  'Thomas',
  'Mark',
  'Ricardo',
  'Alejandro',
  'Victor',
];
const SYLLABLES = [
  'ka',
  'lo',
  'mir',
  'than',
  'dor',
  'vel',
  'zan',
  'qui',
  'bre',
  'sto',
  'nak',
  'pel',
  'rus',
  'ten',
  'wil',
  'gro',
  'fen',
  'yar',
  'hol',
  'cas',
];
const MIDDLE_INITIAL = 'ABCDEFGHJKLMNPRSTW';

const TOTAL_WEIGHT = COMMON_SURNAMES.reduce((sum, [, w]) => sum + w, 0);

/** 70% of people get a common surname (weighted), 30% a rare invented one. */
export function surname(rng: Prng): string {
  if (rng.chance(0.3)) {
    const parts = rng.int(2, 3);
    let name = '';
    for (let i = 0; i < parts; i += 1) name += rng.pick(SYLLABLES);
    return name.charAt(0).toUpperCase() + name.slice(1);
  }
  let roll = rng.next() * TOTAL_WEIGHT;
  for (const [name, weight] of COMMON_SURNAMES) {
    roll -= weight;
    if (roll < 0) return name;
  }
  return 'Garcia';
}

export function firstName(rng: Prng, sex: 'M' | 'F'): string {
  return rng.pick(sex === 'F' ? FIRST_NAMES_F : FIRST_NAMES_M);
}

export function middleName(rng: Prng): string | undefined {
  return rng.chance(0.4) ? rng.pick(MIDDLE_INITIAL.split('')) : undefined;
}

/** One plausible typing error: a swapped pair, a dropped, doubled or replaced letter. */
export function typo(rng: Prng, name: string): string {
  if (name.length < 4) return `${name}${name.slice(-1)}`;
  const i = rng.int(1, name.length - 2);
  switch (rng.int(0, 3)) {
    case 0:
      return name.slice(0, i) + (name[i + 1] ?? '') + (name[i] ?? '') + name.slice(i + 2);
    case 1:
      return name.slice(0, i) + name.slice(i + 1);
    case 2:
      return name.slice(0, i) + (name[i] ?? '') + name.slice(i);
    default: {
      const vowels = 'aeiouy';
      const c = name[i] ?? 'a';
      const replacement = vowels.includes(c)
        ? rng.pick(vowels.replace(c, '').split(''))
        : c === 's'
          ? 'z'
          : 'e';
      return name.slice(0, i) + replacement + name.slice(i + 1);
    }
  }
}

export function isoDate(rng: Prng, fromYear: number, toYear: number): string {
  const year = rng.int(fromYear, toYear);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
