/**
 * A code table: the codes CARPOS/NCIC expect with the labels a clerk reads. Tables are data so the UI,
 * validation and the registry all draw from one list, and so a corrected code is one edit.
 */
import { z } from 'zod';

export interface CodeEntry<C extends string = string> {
  readonly code: C;
  readonly label: string;
}

export interface CodeTable<C extends string> {
  readonly name: string;
  readonly entries: readonly CodeEntry<C>[];
  readonly codes: readonly [C, ...C[]];
  readonly schema: z.ZodEnum<{ [K in C]: K }>;
  label(code: C): string;
  has(code: string): code is C;
}

export function defineCodeTable<const C extends string>(
  name: string,
  entries: readonly [CodeEntry<C>, ...CodeEntry<C>[]],
): CodeTable<C> {
  const codes = entries.map((e) => e.code) as unknown as readonly [C, ...C[]];
  const byCode = new Map<string, string>(entries.map((e) => [e.code, e.label]));
  if (byCode.size !== entries.length) throw new Error(`Code table ${name} has a duplicate code`);
  return {
    name,
    entries,
    codes,
    schema: z.enum(codes as unknown as [C, ...C[]]),
    label: (code) => byCode.get(code) ?? code,
    has: (code): code is C => byCode.has(code),
  };
}
