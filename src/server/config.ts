/**
 * Registry configuration: built-in defaults, then an optional JSON file (REGISTRY_CONFIG), then
 * environment variables, each layer overriding the one before. Every setting is documented in
 * README.md ("Registry"). Tests pass overrides to `loadConfig` the same way a deployment would.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

export const DEFAULT_BANNER =
  'This is a restricted California criminal justice information system for authorized use only. ' +
  'Use of this system is monitored, recorded and audited. Unauthorized use is prohibited and is ' +
  'subject to criminal and civil penalties. Use of this system indicates consent to monitoring and recording.';

const configSchema = z.strictObject({
  host: z.string().min(1),
  port: z.int().min(0).max(65535),
  /** postgres://… ; absent means the embedded PGlite in `dataDir`/pglite. */
  databaseUrl: z.string().min(1).nullable(),
  /** Size of the pg connection pool. */
  databasePoolSize: z.int().min(1).max(200),
  /** A separate, less privileged database role the app runs as: UPDATE/DELETE on the audit log are revoked from it. */
  databaseAppRole: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/)
    .nullable(),
  /** Folder for PGlite, blobs and partial uploads. */
  dataDir: z.string().min(1),
  /** In-memory PGlite (tests and throwaway demos); ignored when databaseUrl is set. */
  pgliteInMemory: z.boolean(),
  tls: z.strictObject({ certFile: z.string().min(1), keyFile: z.string().min(1) }).nullable(),
  /** Secret for signing access tokens (≥ 32 bytes as hex or base64). Absent: random per start. */
  tokenSecret: z.string().min(32).nullable(),
  accessTokenTtlSeconds: z.int().min(30).max(3600),
  refreshTokenTtlSeconds: z
    .int()
    .min(300)
    .max(7 * 24 * 3600),
  /** PBKDF2-SHA256 iterations for new password hashes (OWASP 2023: 600,000). */
  pbkdf2Iterations: z.int().min(1000).max(10_000_000),
  lockoutThreshold: z.int().min(1).max(100),
  lockoutMinutes: z
    .int()
    .min(1)
    .max(24 * 60),
  /** Largest JSON body accepted, in bytes. */
  bodyLimitBytes: z
    .int()
    .min(1024)
    .max(50 * 1024 * 1024),
  /** Largest image upload, in bytes. */
  maxUploadBytes: z
    .int()
    .min(1024)
    .max(2 * 1024 * 1024 * 1024),
  claimMinutes: z
    .int()
    .min(1)
    .max(24 * 60),
  /** The court's calendar time zone: decides "today" for validation. */
  timeZone: z.string().min(1),
  banner: z.string().min(1).max(4000),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  /** Seed the demo data set on start when the database has no organisations. */
  demo: z.boolean(),
});
export type RegistryConfig = z.infer<typeof configSchema>;
export type RegistryConfigInput = Partial<RegistryConfig>;

export const DEFAULT_CONFIG: RegistryConfig = {
  host: '127.0.0.1',
  port: 4300,
  databaseUrl: null,
  databasePoolSize: 20,
  databaseAppRole: null,
  dataDir: '.data/registry',
  pgliteInMemory: false,
  tls: null,
  tokenSecret: null,
  accessTokenTtlSeconds: 900,
  refreshTokenTtlSeconds: 12 * 3600,
  pbkdf2Iterations: 600_000,
  lockoutThreshold: 5,
  lockoutMinutes: 10,
  bodyLimitBytes: 1024 * 1024,
  maxUploadBytes: 200 * 1024 * 1024,
  claimMinutes: 30,
  timeZone: 'America/Los_Angeles',
  banner: DEFAULT_BANNER,
  logLevel: 'info',
  demo: false,
};

/** Environment variable → setting. Numbers and booleans are parsed; see README for each. */
const ENV: Record<string, { key: keyof RegistryConfig; type: 'string' | 'int' | 'bool' }> = {
  REGISTRY_HOST: { key: 'host', type: 'string' },
  REGISTRY_PORT: { key: 'port', type: 'int' },
  DATABASE_URL: { key: 'databaseUrl', type: 'string' },
  REGISTRY_DB_POOL_SIZE: { key: 'databasePoolSize', type: 'int' },
  REGISTRY_DB_APP_ROLE: { key: 'databaseAppRole', type: 'string' },
  REGISTRY_DATA_DIR: { key: 'dataDir', type: 'string' },
  REGISTRY_TOKEN_SECRET: { key: 'tokenSecret', type: 'string' },
  REGISTRY_ACCESS_TOKEN_TTL: { key: 'accessTokenTtlSeconds', type: 'int' },
  REGISTRY_REFRESH_TOKEN_TTL: { key: 'refreshTokenTtlSeconds', type: 'int' },
  REGISTRY_PBKDF2_ITERATIONS: { key: 'pbkdf2Iterations', type: 'int' },
  REGISTRY_LOCKOUT_THRESHOLD: { key: 'lockoutThreshold', type: 'int' },
  REGISTRY_LOCKOUT_MINUTES: { key: 'lockoutMinutes', type: 'int' },
  REGISTRY_BODY_LIMIT: { key: 'bodyLimitBytes', type: 'int' },
  REGISTRY_MAX_UPLOAD_BYTES: { key: 'maxUploadBytes', type: 'int' },
  REGISTRY_CLAIM_MINUTES: { key: 'claimMinutes', type: 'int' },
  REGISTRY_TIME_ZONE: { key: 'timeZone', type: 'string' },
  REGISTRY_BANNER: { key: 'banner', type: 'string' },
  REGISTRY_LOG_LEVEL: { key: 'logLevel', type: 'string' },
  REGISTRY_DEMO: { key: 'demo', type: 'bool' },
};

export class ConfigError extends Error {}

function fromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, { key, type }] of Object.entries(ENV)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    if (type === 'int') {
      if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, not "${raw}".`);
      out[key] = Number(raw);
    } else if (type === 'bool') {
      out[key] = ['1', 'true', 'yes'].includes(raw.toLowerCase());
    } else out[key] = raw;
  }
  const cert = env.REGISTRY_TLS_CERT;
  const key = env.REGISTRY_TLS_KEY;
  if ((cert ?? '') !== '' || (key ?? '') !== '') {
    if (!cert || !key) throw new ConfigError('Set both REGISTRY_TLS_CERT and REGISTRY_TLS_KEY, or neither.');
    out.tls = { certFile: cert, keyFile: key };
  }
  return out;
}

function fromFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the registry config file ${path}: ${(error as Error).message}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(
      `The registry config file ${path} is not a JSON object: ${(error as Error).message}`,
    );
  }
}

/** Resolves the configuration; throws ConfigError naming the setting when a value is invalid. */
export function loadConfig(
  overrides: RegistryConfigInput = {},
  env: NodeJS.ProcessEnv = process.env,
): RegistryConfig {
  const file = env.REGISTRY_CONFIG ? fromFile(env.REGISTRY_CONFIG) : {};
  const merged = { ...DEFAULT_CONFIG, ...file, ...fromEnv(env), ...overrides };
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new ConfigError(`Registry setting "${where}": ${issue?.message ?? 'invalid'}.`);
  }
  return { ...result.data, dataDir: resolve(result.data.dataDir) };
}
