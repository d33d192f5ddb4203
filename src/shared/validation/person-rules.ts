/**
 * Rules about the people named in an order: who they are and, for the restrained person, the NCIC
 * descriptors an officer in the field needs to recognise them.
 */
import { SEX } from '../codes';
import type { PersonName, ProtectiveOrder, RestrainedPerson } from '../order/schema';
import { ageOn, compareIsoDates } from '../util/dates';
import { feetAndInches, LIMITS, type IssueList, type ValidationContext } from './issue';
import { formatCourtDate as court } from '../util/typed-date';

export function checkName(name: PersonName, field: string, who: string, issues: IssueList): void {
  if (name.last === undefined)
    issues.error('LAST_NAME_REQUIRED', `${field}.last`, `Enter the ${who}'s last name.`);
  if (name.first === undefined)
    issues.error('FIRST_NAME_REQUIRED', `${field}.first`, `Enter the ${who}'s first name.`);
}

/** Date of birth and stated age: present, plausible, and in agreement with each other. */
export function checkDobAndAge(
  person: { dob?: string; age?: number },
  field: string,
  who: string,
  ctx: ValidationContext,
  asOf: string | undefined,
  issues: IssueList,
  required: boolean,
): void {
  if (person.dob === undefined && person.age === undefined) {
    if (required)
      issues.error(
        'DOB_OR_AGE_REQUIRED',
        `${field}.dob`,
        `Enter the ${who}'s date of birth, or age if it is not known.`,
      );
    return;
  }
  if (person.dob === undefined) return;
  if (compareIsoDates(person.dob, ctx.today) > 0) {
    issues.error(
      'DOB_IN_FUTURE',
      `${field}.dob`,
      `The ${who}'s date of birth ${court(person.dob)} is in the future.`,
    );
    return;
  }
  const reference = asOf !== undefined && compareIsoDates(asOf, person.dob) >= 0 ? asOf : ctx.today;
  const age = ageOn(person.dob, reference);
  if (age > LIMITS.maxAgeYears) {
    issues.error(
      'DOB_IMPLAUSIBLE',
      `${field}.dob`,
      `A date of birth of ${court(person.dob)} makes the ${who} ${age} years old.`,
    );
    return;
  }
  // The age on a form is written when the petition is filed, often weeks before the order issues.
  if (person.age !== undefined && person.age !== age && person.age !== age - 1) {
    issues.error(
      'AGE_DISAGREES_WITH_DOB',
      `${field}.age`,
      `The ${who}'s age (${person.age}) does not agree with the date of birth ${court(person.dob)} (${age} on ${court(reference)}).`,
    );
  }
}

export function checkRestrainedDescriptors(
  person: RestrainedPerson,
  ctx: ValidationContext,
  asOf: string | undefined,
  issues: IssueList,
): void {
  const field = 'restrainedPerson';
  const who = 'restrained person';
  checkName(person.name, `${field}.name`, who, issues);
  if (person.sex === undefined) {
    issues.error(
      'SEX_REQUIRED',
      `${field}.sex`,
      `Choose the restrained person's gender (${SEX.entries.map((e) => e.label).join(', ')}).`,
    );
  }
  if (person.race === undefined)
    issues.error('RACE_REQUIRED', `${field}.race`, "Choose the restrained person's race.");
  checkDobAndAge(person, field, who, ctx, asOf, issues, true);
  const age = person.dob !== undefined ? ageOn(person.dob, asOf ?? ctx.today) : person.age;
  if (age !== undefined && age >= 0 && age < LIMITS.youngRestrainedAge) {
    issues.warning(
      'RESTRAINED_PERSON_VERY_YOUNG',
      `${field}.dob`,
      `The restrained person would be ${age} years old. Confirm the date of birth.`,
    );
  }
  if (person.heightInches === undefined) {
    issues.error('HEIGHT_REQUIRED', `${field}.heightInches`, "Enter the restrained person's height.");
  } else if (person.heightInches < LIMITS.heightInches.min || person.heightInches > LIMITS.heightInches.max) {
    issues.error(
      'HEIGHT_OUT_OF_RANGE',
      `${field}.heightInches`,
      `A height of ${feetAndInches(person.heightInches)} is outside ${feetAndInches(LIMITS.heightInches.min)} to ${feetAndInches(LIMITS.heightInches.max)}. Check it.`,
    );
  }
  if (person.weightLbs === undefined) {
    issues.error('WEIGHT_REQUIRED', `${field}.weightLbs`, "Enter the restrained person's weight in pounds.");
  } else if (person.weightLbs < LIMITS.weightLbs.min || person.weightLbs > LIMITS.weightLbs.max) {
    issues.error(
      'WEIGHT_OUT_OF_RANGE',
      `${field}.weightLbs`,
      `A weight of ${person.weightLbs} lb is outside ${LIMITS.weightLbs.min}–${LIMITS.weightLbs.max} lb. Check it.`,
    );
  }
  if (person.hair === undefined)
    issues.error('HAIR_REQUIRED', `${field}.hair`, "Choose the restrained person's hair color.");
  if (person.eyes === undefined)
    issues.warning('EYES_MISSING', `${field}.eyes`, "The restrained person's eye color is not entered.");
  if (person.relationship === undefined) {
    issues.warning(
      'RELATIONSHIP_MISSING',
      `${field}.relationship`,
      'The relationship to the protected person is not entered.',
    );
  }
}

export function checkProtectedPersons(
  order: ProtectiveOrder,
  ctx: ValidationContext,
  issues: IssueList,
): void {
  if (order.protectedPersons.length === 0) {
    issues.error('PROTECTED_PERSON_REQUIRED', 'protectedPersons', 'Add at least one protected person.');
    return;
  }
  order.protectedPersons.forEach((person, i) => {
    const field = `protectedPersons.${i}`;
    const who = i === 0 ? 'protected person' : `protected person ${i + 1}`;
    checkName(person.name, `${field}.name`, who, issues);
    checkDobAndAge(person, field, who, ctx, order.issueDate, issues, false);
  });
}
