/** The search form's checks before anything is sent, and refusals put in the form's own words. */
import { describe, expect, it } from 'vitest';
import {
  DOB_FORMAT_MESSAGE,
  NOTHING_TO_SEARCH_MESSAGE,
  searchCriteria,
  type SearchFields,
} from '../../src/renderer/screens/search/search-criteria';
import { searchProblem } from '../../src/renderer/screens/search/search-problem';

const TODAY = '2026-12-05';
const EMPTY: SearchFields = { lastName: '', firstName: '', dob: '', caseNumber: '', fcn: '' };
const criteria = (fields: Partial<SearchFields>) =>
  searchCriteria({ ...EMPTY, ...fields }, { today: TODAY, scope: 'statewide' });

describe('search criteria', () => {
  it.each(['07/10/1982', '7/10/82', '1982-07-10', '07101982'])(
    'reads the date of birth %s as 1982-07-10',
    (dob) => {
      const result = criteria({ lastName: 'Garcia', dob });
      expect(result).toEqual({
        ok: true,
        dob: '1982-07-10',
        query: { scope: 'statewide', match: 'smart', pageSize: 50, lastName: 'Garcia', dob: '1982-07-10' },
      });
    },
  );

  it('places a two-digit year of birth in the past, never ahead of today', () => {
    expect(criteria({ dob: '1/2/26' })).toMatchObject({ ok: true, dob: '2026-01-02' });
    expect(criteria({ dob: '12/31/27' })).toMatchObject({ ok: true, dob: '1927-12-31' });
  });

  it('refuses a date of birth it cannot read, naming the field as labelled', () => {
    for (const dob of ['13/45/1982', '02/30/1990', 'July 10', '1982']) {
      expect(criteria({ lastName: 'Garcia', dob })).toEqual({
        ok: false,
        errors: { dob: 'Date of birth: enter the date as MM/DD/YYYY' },
        general: null,
      });
    }
    expect(DOB_FORMAT_MESSAGE).not.toMatch(/query|dob/);
  });

  it('refuses a date of birth in the future', () => {
    expect(criteria({ dob: '01/01/2030' })).toMatchObject({
      ok: false,
      errors: { dob: 'Date of birth: the date is in the future; check the year.' },
    });
  });

  it('reports every field with a problem at once, each by its label', () => {
    const result = criteria({ lastName: 'G4rcia', dob: 'yesterday', caseNumber: '#1', fcn: '123' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      lastName: 'Last name: use letters, spaces, hyphens, apostrophes and periods only.',
      dob: 'Date of birth: enter the date as MM/DD/YYYY',
      caseNumber:
        'Case number: a case number is up to 25 letters, digits, spaces, periods, hyphens or slashes.',
      fcn: 'FCN: a file control number (FCN) is exactly 13 digits.',
    });
  });

  it('asks for a last name with a first name rather than searching without it', () => {
    expect(criteria({ firstName: 'Maria' })).toEqual({
      ok: false,
      errors: { lastName: 'Last name: enter the last name too; a first name is searched only with it.' },
      general: null,
    });
  });

  it('asks for something to search by when the form is empty or only spaces', () => {
    expect(criteria({ lastName: '   ' })).toEqual({
      ok: false,
      errors: {},
      general: NOTHING_TO_SEARCH_MESSAGE,
    });
  });

  it('sends trimmed values and leaves empty fields out', () => {
    expect(criteria({ lastName: ' Nguyen ', caseNumber: 'FL-2026-004711 ' })).toMatchObject({
      ok: true,
      query: { lastName: 'Nguyen', caseNumber: 'FL-2026-004711' },
    });
  });
});

describe('refusals in the form’s words', () => {
  it('turns the station’s "query.dob: …" into the labelled date message', () => {
    expect(
      searchProblem({
        code: 'INVALID_ARGUMENT',
        message: 'query.dob: Enter a real date as YYYY-MM-DD.',
        field: 'query.dob',
      }),
    ).toEqual({ field: 'dob', message: DOB_FORMAT_MESSAGE });
  });

  it('names a registry refusal of a name by its label', () => {
    expect(
      searchProblem({
        code: 'NAME_NOT_SEARCHABLE',
        message: 'The name has no letters to search by. Type the name as written on the order.',
        field: 'lastName',
      }),
    ).toEqual({
      field: 'lastName',
      message: 'Last name: the name has no letters to search by. Type the name as written on the order.',
    });
  });

  it('drops an internal field name the form does not show, and keeps a problem without a field as is', () => {
    expect(
      searchProblem({
        code: 'INVALID_ARGUMENT',
        message: 'query.scope: Invalid option.',
        field: 'query.scope',
      }),
    ).toEqual({ field: null, message: 'Invalid option.' });
    expect(searchProblem({ code: 'OFFLINE', message: 'The registry cannot be reached.' })).toEqual({
      field: null,
      message: 'The registry cannot be reached.',
    });
  });
});
