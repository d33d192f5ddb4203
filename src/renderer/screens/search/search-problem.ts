/**
 * A refusal from the station or the registry in plain words: the field as the form labels it,
 * never an internal name such as `query.dob`.
 */
import type { Problem } from '../../../shared/errors';
import { aboutField, DOB_FORMAT_MESSAGE, SEARCH_FIELDS, type SearchField } from './search-criteria';

export interface SearchProblem {
  /** The form field the problem is about, when it is one of them. */
  readonly field: SearchField | null;
  readonly message: string;
}

const isSearchField = (name: string): name is SearchField =>
  (SEARCH_FIELDS as readonly string[]).includes(name);

/** `query.dob` or `dob` → `dob`: the station names the query's fields under `query`. */
function fieldOf(problem: Problem): string | null {
  if (problem.field === undefined || problem.field === '') return null;
  return problem.field.replace(/^query\./, '').split('.')[0] ?? null;
}

/** The station's validator puts the dotted field name in front of its message: drop it. */
function withoutFieldName(message: string): string {
  return message.replace(/^[A-Za-z_$][\w$]*(?:\.[\w$]+)*: /, '');
}

export function searchProblem(problem: Problem): SearchProblem {
  const field = fieldOf(problem);
  const message = withoutFieldName(problem.message);
  if (field === null || !isSearchField(field)) return { field: null, message };
  // The registry asks for ISO dates; the person typed the court's format, so answer in that.
  if (field === 'dob') return { field, message: DOB_FORMAT_MESSAGE };
  return { field, message: aboutField(field, message) };
}
