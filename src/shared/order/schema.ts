/**
 * The protective order as the station and the registry hold it (one shape for drafts and records).
 * Fields follow the Judicial Council forms (DV-110, CR-160, EPO-001, CLETS-001) and the CARPOS/NCIC
 * Protection Order File; see shared/domain/notes.md. Everything a clerk may not have typed yet is
 * optional here; `validateForTransaction` decides what a CARPOS transaction needs.
 */
import { z } from 'zod';
import { CONDITION, EYES, FIREARMS_KNOWN, HAIR, RACE, RELATIONSHIP, SERVICE_METHOD, SEX } from '../codes';
import { orderFormIdSchema } from '../forms';
import {
  caseNumberSchema,
  fcnSchema,
  isoDateSchema,
  isoTimeSchema,
  line,
  namePartSchema,
  oriSchema,
  paragraph,
  phoneSchema,
  stateCodeSchema,
  uuidSchema,
  zipSchema,
} from './primitives';

export const personNameSchema = z.strictObject({
  last: namePartSchema.optional(),
  first: namePartSchema.optional(),
  middle: namePartSchema.optional(),
  suffix: line(4)
    .regex(/^[A-Za-z.]+$/, { error: 'A suffix is letters, e.g. JR or III.' })
    .optional(),
});
export type PersonName = z.infer<typeof personNameSchema>;

export const addressSchema = z.strictObject({
  street: line(80).optional(),
  city: line(40).optional(),
  state: stateCodeSchema.optional(),
  zip: zipSchema.optional(),
});
export type Address = z.infer<typeof addressSchema>;

/** Hard bounds a typo cannot pass; plausibility ranges are checked by validation with a clearer message. */
const ageSchema = z.int().min(0).max(130);

export const restrainedPersonSchema = z.strictObject({
  name: personNameSchema,
  aliases: z.array(personNameSchema).max(10),
  sex: SEX.schema.optional(),
  race: RACE.schema.optional(),
  dob: isoDateSchema.optional(),
  age: ageSchema.optional(),
  heightInches: z.int().min(0).max(120).optional(),
  weightLbs: z.int().min(0).max(1500).optional(),
  hair: HAIR.schema.optional(),
  eyes: EYES.schema.optional(),
  /** Scars, marks and tattoos, as written. */
  marks: line(200).optional(),
  address: addressSchema.optional(),
  /** Relationship of the restrained person to the (first) protected person. */
  relationship: RELATIONSHIP.schema.optional(),
  /** From the confidential CLETS-001 form. */
  employer: line(80).optional(),
  phone: phoneSchema.optional(),
});
export type RestrainedPerson = z.infer<typeof restrainedPersonSchema>;

export const protectedPersonSchema = z.strictObject({
  name: personNameSchema,
  sex: SEX.schema.optional(),
  dob: isoDateSchema.optional(),
  age: ageSchema.optional(),
});
export type ProtectedPerson = z.infer<typeof protectedPersonSchema>;

export const courtSchema = z.strictObject({
  ori: oriSchema,
  county: line(40),
  name: line(120),
});
export type Court = z.infer<typeof courtSchema>;

export const hearingSchema = z.strictObject({
  date: isoDateSchema.optional(),
  time: isoTimeSchema.optional(),
  department: line(20).optional(),
  room: line(20).optional(),
  judicialOfficer: line(80).optional(),
});
export type Hearing = z.infer<typeof hearingSchema>;

export const conditionsSchema = z.strictObject({
  codes: z
    .array(CONDITION.schema)
    .max(CONDITION.codes.length)
    .refine((codes) => new Set(codes).size === codes.length, {
      error: 'Each condition may be listed once.',
    }),
  /** Condition 08 and terms without a code (including verbal service terms) go here. */
  miscellaneous: paragraph(1000).optional(),
});
export type Conditions = z.infer<typeof conditionsSchema>;

export const firearmsSchema = z.strictObject({
  /** The order prohibits owning, possessing or buying firearms and ammunition. */
  prohibited: z.boolean(),
  /** CLETS-001: does the restrained person have firearms? */
  possessesFirearms: FIREARMS_KNOWN.schema.optional(),
  /** Hours allowed to relinquish firearms (24 or 48 on most forms). */
  relinquishWithinHours: z.int().min(1).max(720).optional(),
  details: paragraph(500).optional(),
});
export type Firearms = z.infer<typeof firearmsSchema>;

export const serviceRecordSchema = z.strictObject({
  servedBy: line(80).optional(),
  agency: line(80).optional(),
  agencyOri: oriSchema.optional(),
  date: isoDateSchema.optional(),
  time: isoTimeSchema.optional(),
  method: SERVICE_METHOD.schema.optional(),
});
export type ServiceRecord = z.infer<typeof serviceRecordSchema>;

export const protectiveOrderSchema = z.strictObject({
  id: uuidSchema,
  court: courtSchema,
  caseNumber: caseNumberSchema.optional(),
  lawEnforcementCaseNumber: line(25).optional(),
  formId: orderFormIdSchema.optional(),
  /** The revision date of the paper form the order was issued on. */
  formRevision: isoDateSchema.optional(),
  issueDate: isoDateSchema.optional(),
  issueTime: isoTimeSchema.optional(),
  expirationDate: isoDateSchema.optional(),
  expirationTime: isoTimeSchema.optional(),
  hearing: hearingSchema.optional(),
  conditions: conditionsSchema,
  firearms: firearmsSchema,
  /** Federal firearms prohibition (18 U.S.C. § 922(g)(8)) applies. */
  bradyIndicator: z.boolean(),
  sealed: z.boolean(),
  restrainedPerson: restrainedPersonSchema,
  protectedPersons: z.array(protectedPersonSchema).max(20),
  service: serviceRecordSchema.optional(),
  /** DOJ file control number, assigned by CARPOS on entry. */
  fcn: fcnSchema.optional(),
  /** The order this draft was cloned from, if any. */
  clonedFrom: uuidSchema.optional(),
});
export type ProtectiveOrder = z.infer<typeof protectiveOrderSchema>;

/** A blank draft for a court, with every list empty and every flag off. */
export function emptyOrder(id: string, court: Court): ProtectiveOrder {
  return {
    id,
    court,
    conditions: { codes: [] },
    firearms: { prohibited: false },
    bradyIndicator: false,
    sealed: false,
    restrainedPerson: { name: {}, aliases: [] },
    protectedPersons: [],
  };
}
