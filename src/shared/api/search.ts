/** Statewide search and the conflicting-orders check. Query values arrive as strings. */
import { z } from 'zod';
import { orderFormIdSchema } from '../forms';
import { ORDER_TYPE } from '../codes';
import { caseNumberSchema, fcnSchema, isoDateSchema, namePartSchema, oriSchema } from '../order/primitives';
import { personNameSchema } from '../order/schema';
import { orderStatusSchema } from './orders';

export const NAME_MATCH_MODES = ['smart', 'exact', 'prefix', 'fuzzy', 'phonetic'] as const;
export type NameMatchMode = (typeof NAME_MATCH_MODES)[number];
/**
 * How a found name matched what was typed, best first: the same name, a similar spelling (the typed
 * name begins it, shares most of its letters, or is one or two letters off), or only the same sound.
 */
export const SEARCH_MATCH_KINDS = ['exact', 'similar', 'sounds_like'] as const;
export type SearchMatchKind = (typeof SEARCH_MATCH_KINDS)[number];
export const SEARCH_SORTS = ['relevance', 'issueDate', 'expirationDate', 'updatedAt', 'caseNumber'] as const;

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).max(20)]);

export const searchQuerySchema = z.strictObject({
  /** Last name of the person (required for a name search). */
  lastName: namePartSchema.optional(),
  firstName: namePartSchema.optional(),
  /** Whose name: the restrained person (with aliases), a protected person, or either. */
  person: z.enum(['restrained', 'protected', 'any']).optional(),
  /** smart = exact, prefix, trigram similarity and Double Metaphone together, best first. */
  match: z.enum(NAME_MATCH_MODES).optional(),
  dob: isoDateSchema.optional(),
  caseNumber: caseNumberSchema.optional(),
  fcn: fcnSchema.optional(),
  orderType: oneOrMany(ORDER_TYPE.schema).optional(),
  formId: oneOrMany(orderFormIdSchema).optional(),
  status: oneOrMany(orderStatusSchema).optional(),
  courtOri: oriSchema.optional(),
  issuedFrom: isoDateSchema.optional(),
  issuedTo: isoDateSchema.optional(),
  expiresFrom: isoDateSchema.optional(),
  expiresTo: isoDateSchema.optional(),
  /** county (the caller's, or `county`) or statewide. */
  scope: z.enum(['county', 'statewide']).optional(),
  county: z
    .string()
    .regex(/^[A-Za-z][A-Za-z .'-]{1,39}$/, { error: 'Not a county name.' })
    .optional(),
  sort: z.enum(SEARCH_SORTS).optional(),
  dir: z.enum(['asc', 'desc']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const personSummarySchema = z.object({
  last: z.string().optional(),
  first: z.string().optional(),
  middle: z.string().optional(),
  suffix: z.string().optional(),
});

export const searchHitSchema = z.object({
  orderId: z.uuid(),
  status: orderStatusSchema,
  version: z.int(),
  courtOri: z.string(),
  county: z.string(),
  caseNumber: z.string().nullable(),
  formId: z.string().nullable(),
  orderType: z.string().nullable(),
  issueDate: z.string().nullable(),
  expirationDate: z.string().nullable(),
  fcn: z.string().nullable(),
  sealed: z.boolean(),
  restrainedName: personSummarySchema,
  restrainedDob: z.string().nullable(),
  protectedNames: z.array(personSummarySchema),
  /** Which name matched (for name searches), and how well (1 = exact). */
  matchedOn: z.enum(['restrained', 'alias', 'protected']).nullable(),
  /**
   * How that name matched (null when no name was searched). Optional so a station still reads the
   * answers of a registry from before it was added.
   */
  match: z.enum(SEARCH_MATCH_KINDS).nullable().optional(),
  /** The name that matched, as the registry indexes it (upper case, Latin letters): `LAST, FIRST`. */
  matchedName: z.string().nullable().optional(),
  score: z.number().nullable(),
  updatedAt: z.string(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchResultSchema = z.object({
  hits: z.array(searchHitSchema),
  total: z.int(),
  page: z.int(),
  pageSize: z.int(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

/** POST /conflicts: other active orders against a restrained person, statewide. */
export const conflictRequestSchema = z.strictObject({
  name: personNameSchema,
  dob: isoDateSchema,
  /** The order being entered, left out of the answer. */
  excludeOrderId: z.uuid().optional(),
});
export type ConflictRequest = z.infer<typeof conflictRequestSchema>;

export const conflictResponseSchema = z.object({
  conflicts: z.array(searchHitSchema),
});
