/**
 * How a station API method is declared: the schema of its one argument (checked at the boundary,
 * in the main process, for every call) and the type of its result (a phantom type: results come
 * from our own code, so they are typed rather than re-validated).
 */
import type { z } from 'zod';
import type { Problem } from '../errors';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  /** Never read at run time; carries the result type. */
  readonly output?: O;
}

/** Declares a method: `method<ResultType>()(inputSchema)`. */
export function method<O>() {
  return <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });
}

/** Every call answers with data, never a thrown error: codes survive any transport (IPC, WebSocket). */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Problem };

export type MethodInput<M> = M extends MethodSpec<infer I> ? z.input<I> : never;
export type MethodParsed<M> = M extends MethodSpec<infer I> ? z.output<I> : never;
export type MethodOutput<M> = M extends MethodSpec<z.ZodType, infer O> ? O : never;
