/**
 * fast-check arbitraries from the JSON Schemas of the registry's OpenAPI document: values that
 * mostly fit the schema (so requests get past validation and reach the services and the database),
 * and hostile variants of them (a field of the wrong type, an extra key, a broken string, a date
 * the database cannot hold). Covers the subset of JSON Schema the zod → OpenAPI transform emits.
 */
import fc from 'fast-check';

export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
}

/** Strings that broke parsers and databases somewhere, plus shapes the registry's fields expect. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  'x\uD800y',
  '\uDC00',
  '\u0000',
  '\u0301\u0301',
  "'; DROP TABLE orders; --",
  '%',
  '_',
  '\\',
  '0000-01-01T00:00:00Z',
  '275760-09-13T00:00:00Z',
  '0000-01-01',
  '2024-02-30',
  '9999-12-31',
  '24:00',
  'NaN',
  '-1',
  '1e309',
  'Иванов',
  'Παπαδόπουλος',
  '张伟',
  '💥'.repeat(30),
  'A'.repeat(300),
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
];

const PLAUSIBLE_STRINGS: readonly string[] = [
  '2025-06-01',
  '1980-05-17',
  '09:30',
  'Smith',
  'García',
  'CA001013J',
  'DV-130',
  'T-DV24-000123',
  '1234567890123',
  'PERSONAL',
  '2026-01-01T00:00:00Z',
];

/** Built once per pattern: compiling a regular expression into an arbitrary is the slow part. */
const byPattern = new Map<string, fc.Arbitrary<string> | null>();

function regexArbitrary(pattern: string, maxLength: number | undefined): fc.Arbitrary<string> | null {
  const key = `${pattern}\u0000${maxLength ?? ''}`;
  if (byPattern.has(key)) return byPattern.get(key) ?? null;
  let arb: fc.Arbitrary<string> | null;
  try {
    const matching = fc.stringMatching(new RegExp(pattern, 'u'));
    arb = maxLength === undefined ? matching : matching.filter((s) => s.length <= maxLength);
  } catch {
    arb = null; // a pattern fast-check cannot generate from (\p{…} classes): plain strings instead
  }
  byPattern.set(key, arb);
  return arb;
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return fc.uuid({ version: 4 });
  if (schema.format === 'date-time') {
    return fc
      .date({ min: new Date('1950-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  const options: fc.Arbitrary<string>[] = [
    fc.string({ maxLength: Math.min(schema.maxLength ?? 20, 20) }),
    fc.constantFrom(...PLAUSIBLE_STRINGS),
    // Calendar dates: many fields are dates whose schema says only "string".
    fc
      .date({ min: new Date('1930-01-01'), max: new Date('2060-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  ];
  const matching = schema.pattern === undefined ? null : regexArbitrary(schema.pattern, schema.maxLength);
  if (matching !== null) options.push(matching, matching);
  return fc.oneof(...options);
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? schema.exclusiveMinimum ?? -1_000_000;
  const max = schema.maximum ?? schema.exclusiveMaximum ?? 1_000_000;
  const lo = Math.max(min, -1_000_000_000);
  const hi = Math.min(max, 1_000_000_000);
  return integer
    ? fc.oneof(fc.integer({ min: lo, max: hi }), fc.integer({ min: Math.max(lo, 0), max: Math.min(hi, 5) }))
    : fc.double({ min: lo, max: hi, noNaN: true });
}

/** Values shaped like `schema` (depth-limited). */
export function fromSchema(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives !== undefined) return fc.oneof(...alternatives.map((s) => fromSchema(s, depth)));
  if (schema.allOf !== undefined && schema.allOf[0] !== undefined) return fromSchema(schema.allOf[0], depth);
  const types = typeof schema.type === 'string' ? [schema.type] : (schema.type ?? []);
  if (types.length > 1) return fc.oneof(...types.map((t) => fromSchema({ ...schema, type: t }, depth)));
  switch (types[0]) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (depth > 6 || schema.items === undefined) return fc.constant([]);
      return fc.array(fromSchema(schema.items, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
      });
    }
    case 'object': {
      const props = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      if (depth > 6) return fc.constant({});
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, sub] of Object.entries(props)) record[key] = fromSchema(sub, depth + 1);
      return fc.record(record, { requiredKeys: [...required].filter((k) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

type Json = unknown;

/** One change that makes a valid-shaped value hostile. */
export type Mutation =
  | { readonly kind: 'none' }
  | { readonly kind: 'leaf'; readonly pick: number; readonly value: Json }
  | { readonly kind: 'extraKey'; readonly key: string; readonly value: Json }
  | { readonly kind: 'drop'; readonly pick: number };

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('leaf' as const),
      pick: fc.nat(),
      value: fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom<Json>('x\uD800y', '\uDC00', 'ab\uDBFFcd') },
        { weight: 4, arbitrary: fc.constantFrom<Json>(...HOSTILE_STRINGS) },
        { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, -1, 0, 2 ** 53, 1e308, [], {}, ['x']) },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('extraKey' as const),
      key: fc.constantFrom('admin', '__proto__', 'constructor', 'status', 'x\uD800'),
      value: fc.constantFrom<Json>(true, 'x', 1),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }) },
);

/** Every path to a value inside `root` (objects and arrays walked), the root first. */
function paths(root: Json, prefix: readonly (string | number)[] = []): (readonly (string | number)[])[] {
  const out: (readonly (string | number)[])[] = [prefix];
  if (Array.isArray(root)) root.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (typeof root === 'object' && root !== null) {
    for (const [k, v] of Object.entries(root)) out.push(...paths(v, [...prefix, k]));
  }
  return out;
}

type Change = { readonly drop: true } | { readonly drop: false; readonly value: Json };

/** A copy of `root` with the value at `path` replaced, or removed (`drop`). */
function setAt(root: Json, path: readonly (string | number)[], change: Change): Json {
  const [head, ...rest] = path;
  if (head === undefined) return change.drop ? undefined : change.value;
  const removing = change.drop && rest.length === 0;
  if (Array.isArray(root)) {
    const index = Number(head);
    if (removing) return root.filter((_, i) => i !== index);
    return root.map((item: Json, i) => (i === index ? setAt(item, rest, change) : item));
  }
  const entries = Object.entries(root as Record<string, Json>);
  if (removing) return Object.fromEntries(entries.filter(([k]) => k !== String(head)));
  return Object.fromEntries(entries.map(([k, v]) => [k, k === String(head) ? setAt(v, rest, change) : v]));
}

function valueAt(root: Json, path: readonly (string | number)[]): Json {
  let node = root;
  for (const key of path) node = (node as Record<string | number, Json> | null)?.[key];
  return node;
}

export function applyMutation(value: Json, m: Mutation): Json {
  switch (m.kind) {
    case 'none':
      return value;
    case 'leaf': {
      // A string replaces a string (a free-text field is where a broken one gets furthest).
      const all = paths(value);
      const strings = all.filter((p) => typeof valueAt(value, p) === 'string');
      const pool = typeof m.value === 'string' && strings.length > 0 ? strings : all;
      return setAt(value, pool[m.pick % pool.length] ?? [], { drop: false, value: m.value });
    }
    case 'drop': {
      const all = paths(value).filter((p) => p.length > 0);
      const target = all[m.pick % Math.max(1, all.length)];
      return target === undefined ? value : setAt(value, target, { drop: true });
    }
    case 'extraKey':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
      // defineProperty: a literal `__proto__` key must become an own property, as JSON.parse makes it.
      return Object.defineProperty({ ...value }, m.key, { value: m.value, enumerable: true });
  }
}
