/**
 * The station's settings behind one module. Storage is a key-value file: `conf` under plain Node
 * (tests, the browser host), electron-store in the Electron shell (it extends `conf`, so both fit
 * `SettingsBackend`). Every value read from the file is checked against the shared schema: a value
 * someone broke by hand falls back to its default, and the problem is reported, never silently used.
 */
import { CodedError } from '../../shared/errors';
import {
  DEFAULT_SETTINGS,
  settingsPatchSchema,
  stationSettingsSchema,
  type SettingsPatch,
  type StationSettings,
} from '../../shared/ipc/settings';

/** What both `conf` and electron-store offer: the whole store as one object. */
export interface SettingsBackend {
  store: Record<string, unknown>;
  readonly path: string;
}

export class SettingsError extends CodedError {}

type Listener = (settings: StationSettings) => void;

export class SettingsService {
  readonly #backend: SettingsBackend;
  #current: StationSettings;
  readonly #listeners = new Set<Listener>();
  /** Problems found in the file when it was read (shown in the settings screen, logged at start). */
  readonly problems: readonly string[];

  constructor(backend: SettingsBackend, defaults: StationSettings = DEFAULT_SETTINGS) {
    this.#backend = backend;
    const { settings, problems } = readSettings(backend.store, defaults);
    this.#current = settings;
    this.problems = problems;
  }

  get(): StationSettings {
    return this.#current;
  }

  /** Validates the change as a whole and writes it; an invalid change writes nothing. */
  update(patch: SettingsPatch): StationSettings {
    const parsedPatch = settingsPatchSchema.safeParse(patch);
    if (!parsedPatch.success) throw invalid(parsedPatch.error.issues[0]);
    const next = stationSettingsSchema.safeParse({ ...this.#current, ...parsedPatch.data });
    if (!next.success) throw invalid(next.error.issues[0]);
    this.#backend.store = { ...next.data };
    this.#current = next.data;
    for (const listener of this.#listeners) listener(next.data);
    return next.data;
  }

  onChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

function invalid(issue: { path: PropertyKey[]; message: string } | undefined): SettingsError {
  const field = issue?.path.map(String).join('.') ?? '';
  return new SettingsError(
    'INVALID_SETTING',
    issue ? `${field === '' ? 'Settings' : field}: ${issue.message}` : 'The settings are not valid.',
    field === '' ? undefined : field,
  );
}

/** Each top-level key on its own: one broken value does not cost the others. */
function readSettings(
  stored: Record<string, unknown>,
  defaults: StationSettings,
): { settings: StationSettings; problems: string[] } {
  const problems: string[] = [];
  const merged: Record<string, unknown> = { ...defaults };
  const shape = stationSettingsSchema.shape;
  for (const key of Object.keys(stored)) {
    if (!Object.hasOwn(shape, key)) {
      problems.push(`Unknown setting "${key}" was ignored.`);
      continue;
    }
    const field = shape[key as keyof typeof shape];
    const parsed = field.safeParse(stored[key]);
    if (parsed.success) merged[key] = parsed.data;
    else
      problems.push(
        `Setting "${key}" is not valid (${parsed.error.issues[0]?.message ?? 'invalid'}); the default is used.`,
      );
  }
  return { settings: stationSettingsSchema.parse(merged), problems };
}
