/**
 * Descriptor codes for people in an order. Sex, hair and eye codes follow the NCIC code manual;
 * race codes follow California DOJ's CLETS race table, which is finer than NCIC's five.
 * Verify against the DOJ CLETS Strategic Plan / NCIC manual before production; they are data for that reason.
 */
import { defineCodeTable } from './code-table';

export const SEX = defineCodeTable('sex', [
  { code: 'M', label: 'Male' },
  { code: 'F', label: 'Female' },
  { code: 'X', label: 'Nonbinary' },
  { code: 'U', label: 'Unknown' },
]);
export type SexCode = (typeof SEX.codes)[number];

export const RACE = defineCodeTable('race', [
  { code: 'A', label: 'Other Asian' },
  { code: 'B', label: 'Black' },
  { code: 'C', label: 'Chinese' },
  { code: 'D', label: 'Cambodian' },
  { code: 'F', label: 'Filipino' },
  { code: 'G', label: 'Guamanian' },
  { code: 'H', label: 'Hispanic' },
  { code: 'I', label: 'American Indian or Alaska Native' },
  { code: 'J', label: 'Japanese' },
  { code: 'K', label: 'Korean' },
  { code: 'L', label: 'Laotian' },
  { code: 'O', label: 'Other' },
  { code: 'P', label: 'Pacific Islander' },
  { code: 'S', label: 'Samoan' },
  { code: 'U', label: 'Hawaiian' },
  { code: 'V', label: 'Vietnamese' },
  { code: 'W', label: 'White' },
  { code: 'X', label: 'Unknown' },
  { code: 'Z', label: 'Asian Indian' },
]);
export type RaceCode = (typeof RACE.codes)[number];

export const HAIR = defineCodeTable('hair', [
  { code: 'BAL', label: 'Bald' },
  { code: 'BLK', label: 'Black' },
  { code: 'BLN', label: 'Blond or strawberry' },
  { code: 'BLU', label: 'Blue' },
  { code: 'BRO', label: 'Brown' },
  { code: 'GRN', label: 'Green' },
  { code: 'GRY', label: 'Gray or partially gray' },
  { code: 'ONG', label: 'Orange' },
  { code: 'PLE', label: 'Purple' },
  { code: 'PNK', label: 'Pink' },
  { code: 'RED', label: 'Red or auburn' },
  { code: 'SDY', label: 'Sandy' },
  { code: 'WHI', label: 'White' },
  { code: 'XXX', label: 'Unknown' },
]);
export type HairCode = (typeof HAIR.codes)[number];

export const EYES = defineCodeTable('eyes', [
  { code: 'BLK', label: 'Black' },
  { code: 'BLU', label: 'Blue' },
  { code: 'BRO', label: 'Brown' },
  { code: 'GRN', label: 'Green' },
  { code: 'GRY', label: 'Gray' },
  { code: 'HAZ', label: 'Hazel' },
  { code: 'MAR', label: 'Maroon' },
  { code: 'MUL', label: 'Multicolored' },
  { code: 'PNK', label: 'Pink' },
  { code: 'XXX', label: 'Unknown' },
]);
export type EyeCode = (typeof EYES.codes)[number];

/** The restrained person's relationship to the protected person, as asked on DV-100/DV-110 item 2. */
export const RELATIONSHIP = defineCodeTable('relationship', [
  { code: 'SPOUSE', label: 'Married or registered domestic partners' },
  { code: 'FORMER_SPOUSE', label: 'Formerly married or registered domestic partners' },
  { code: 'DATING', label: 'Dating or engaged' },
  { code: 'FORMER_DATING', label: 'Used to date or used to be engaged' },
  { code: 'COPARENT', label: 'Have a child together' },
  { code: 'COHABITANT', label: 'Live together or used to live together' },
  { code: 'PARENT', label: 'Parent, stepparent or parent-in-law' },
  { code: 'CHILD', label: 'Child, stepchild or legally adopted child' },
  { code: 'SIBLING', label: 'Brother, sister, or sibling-in-law' },
  { code: 'GRANDPARENT', label: 'Grandparent or grandchild' },
  { code: 'OTHER_RELATIVE', label: 'Other relative' },
  { code: 'CAREGIVER', label: 'Caregiver' },
  { code: 'COWORKER', label: 'Coworker or employer' },
  { code: 'ACQUAINTANCE', label: 'Acquaintance, neighbour or friend' },
  { code: 'STRANGER', label: 'Stranger' },
  { code: 'OTHER', label: 'Other' },
]);
export type RelationshipCode = (typeof RELATIONSHIP.codes)[number];
