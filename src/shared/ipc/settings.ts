/**
 * Station settings: what a court's IT or the clerk sets once per workstation. One schema for the
 * settings file (main), the settings form (renderer, through react-hook-form) and the API boundary.
 */
import { z } from 'zod';
import { courtSchema } from '../order/schema';
import { parseNamingTemplate, DEFAULT_NAMING_TEMPLATE } from '../naming';
import { CodedError } from '../errors';

/** How pages are scanned: the choices the issue's scan station offers (300 dpi, gray or bilevel, simplex or duplex). */
export const scanProfileSchema = z.strictObject({
  resolutionDpi: z.union([z.literal(200), z.literal(300), z.literal(400), z.literal(600)]),
  /** 'bilevel' is the compact black-and-white record; 'gray' keeps stamps and photos. */
  output: z.enum(['bilevel', 'gray']),
  duplex: z.boolean(),
  /** How the batch is split into orders. */
  separation: z.enum(['cover-sheet', 'patch-t', 'fixed-count', 'single']),
  /** Pages per order when separation is 'fixed-count'. */
  fixedCount: z.int().min(1).max(500),
});
export type ScanProfile = z.infer<typeof scanProfileSchema>;

export const DEFAULT_SCAN_PROFILE: ScanProfile = {
  resolutionDpi: 300,
  output: 'bilevel',
  duplex: false,
  separation: 'cover-sheet',
  fixedCount: 2,
};

export const namingTemplateSchema = z
  .string()
  .max(200, { error: 'Use at most 200 characters.' })
  .superRefine((value, ctx) => {
    try {
      parseNamingTemplate(value);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: error instanceof CodedError ? error.message : 'The naming template is not valid.',
      });
    }
  });

export const registryUrlSchema = z
  .string()
  .trim()
  .max(300, { error: 'Use at most 300 characters.' })
  .regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[^\s@]*)?$/, {
    error: 'Enter the registry address, e.g. https://ccpor.example.gov',
  });

export const stationNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'Enter a name for this station.' })
  .max(40, { error: 'Use at most 40 characters.' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, {
    error: 'Use letters, digits, spaces, periods, hyphens and underscores.',
  });

export const stationSettingsSchema = z.strictObject({
  registryUrl: registryUrlSchema,
  court: courtSchema,
  stationName: stationNameSchema,
  /** The scanner picked last, by its driver id (e.g. 'sane:test'); null until one is chosen. */
  scannerDeviceId: z.string().min(1).max(300).nullable(),
  scanProfile: scanProfileSchema,
  namingTemplate: namingTemplateSchema,
  /**
   * Hours after an online sign-in during which the same user may unlock this station offline
   * (local work only: drafts and scanning; no search). 0 turns offline unlock off.
   */
  offlineUnlockHours: z.int().min(0).max(72),
  /** Minutes without input before the screen locks (CJIS: at most 30). The court's policy. */
  lockAfterMinutes: z.int().min(1).max(30),
});
export type StationSettings = z.infer<typeof stationSettingsSchema>;

export const DEFAULT_SETTINGS: StationSettings = {
  registryUrl: 'http://127.0.0.1:4300',
  court: {
    ori: 'CA001013J',
    county: 'Alameda',
    name: 'Superior Court of California, County of Alameda (demo)',
  },
  stationName: 'Station-1',
  scannerDeviceId: null,
  scanProfile: DEFAULT_SCAN_PROFILE,
  namingTemplate: DEFAULT_NAMING_TEMPLATE,
  offlineUnlockHours: 12,
  lockAfterMinutes: 10,
};

/**
 * Settings that bind the station to a court and its policy: set by provisioning or a local or
 * state administrator, never by an operator (who may pick a scanner and a scan profile).
 */
export const BINDING_SETTINGS = [
  'registryUrl',
  'court',
  'stationName',
  'namingTemplate',
  'offlineUnlockHours',
  'lockAfterMinutes',
] as const satisfies readonly (keyof StationSettings)[];

/** A change to some settings; nested objects are replaced whole. */
export const settingsPatchSchema = stationSettingsSchema.partial();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
