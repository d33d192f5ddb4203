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
  /** The window of every rate limit below, seconds. */
  rateLimitWindowSeconds: z.int().min(1).max(3600),
  /** Requests per window from one client address, all routes together (image upload chunks excepted). */
  rateLimitPerAddress: z.int().min(1).max(10_000_000),
  /** Sign-in attempts per window from one client address. */
  signInLimitPerAddress: z.int().min(1).max(1_000_000),
  /** Sign-in attempts per window for one user name, whether or not it exists. */
  signInLimitPerAccount: z.int().min(1).max(1_000_000),
  /** Browser origins allowed to call the registry (CORS); empty: none (the station is not a browser page). */
  corsOrigins: z.array(z.url({ protocol: /^https?$/ }).max(200)).max(50),
  /** Longest CLETS certification an administrator may record, days from today (CLETS recertifies every two years). */
  cletsCertificationMaxDays: z
    .int()
    .min(1)
    .max(5 * 366),
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
  /** The DOJ CARPOS gateway worker: 'auto' = the simulator when `demo` is on, otherwise off. */
  carposGateway: z.enum(['auto', 'simulator', 'off']),
  /** How often the gateway looks for orders to send, ms. */
  carposPollMs: z.int().min(50).max(3_600_000),
  /** Longest wait for DOJ's answer before the attempt counts as "DOJ unavailable", ms. */
  carposTimeoutMs: z.int().min(100).max(600_000),
  /** First retry delay after DOJ was unavailable (doubles per attempt up to carposRetryMaxMs), ms. */
  carposRetryMs: z.int().min(10).max(3_600_000),
  carposRetryMaxMs: z
    .int()
    .min(10)
    .max(24 * 3_600_000),
  /** DOJ simulator: delay before each answer, ms. */
  carposSimLatencyMs: z.int().min(0).max(600_000),
  /** DOJ simulator: the first N calls fail as "DOJ unavailable" (exercises retries). */
  carposSimFailFirst: z.int().min(0).max(1_000_000),
  /** DOJ simulator: unavailable for the whole run. */
  carposSimUnavailable: z.boolean(),
  /** The expiry sweep (in-force orders past their expiration become expired): 'auto' = on when `demo` is on, and in `npm run registry` (main.ts). */
  expirySweep: z.enum(['auto', 'on', 'off']),
  expirySweepSeconds: z
    .int()
    .min(1)
    .max(24 * 3600),
});
export type RegistryConfig = z.infer<typeof configSchema>;
export type RegistryConfigInput = Partial<RegistryConfig>;

export const DEFAULT_CONFIG: RegistryConfig = {
  host: '127.0.0.1',
  port: 4300,
  databaseUrl: null,
  // A few connections per core: more only queue inside PostgreSQL and switch between processes
  // (bench:search at concurrency 32 on 2 cores had a lower p95 with 10 than with 40).
  databasePoolSize: 10,
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
  rateLimitWindowSeconds: 60,
  rateLimitPerAddress: 3000,
  signInLimitPerAddress: 30,
  signInLimitPerAccount: 10,
  corsOrigins: [],
  cletsCertificationMaxDays: 730,
  bodyLimitBytes: 1024 * 1024,
  maxUploadBytes: 200 * 1024 * 1024,
  claimMinutes: 30,
  timeZone: 'America/Los_Angeles',
  banner: DEFAULT_BANNER,
  logLevel: 'info',
  demo: false,
  carposGateway: 'auto',
  carposPollMs: 2000,
  carposTimeoutMs: 10_000,
  carposRetryMs: 2000,
  carposRetryMaxMs: 5 * 60_000,
  carposSimLatencyMs: 300,
  carposSimFailFirst: 0,
  carposSimUnavailable: false,
  expirySweep: 'auto',
  expirySweepSeconds: 60,
};

/** Environment variable → setting. Numbers and booleans are parsed; see README for each. */
const ENV: Record<string, { key: keyof RegistryConfig; type: 'string' | 'int' | 'bool' | 'list' }> = {
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
  REGISTRY_RATE_LIMIT_WINDOW_SECONDS: { key: 'rateLimitWindowSeconds', type: 'int' },
  REGISTRY_RATE_LIMIT_PER_ADDRESS: { key: 'rateLimitPerAddress', type: 'int' },
  REGISTRY_SIGN_IN_LIMIT_PER_ADDRESS: { key: 'signInLimitPerAddress', type: 'int' },
  REGISTRY_SIGN_IN_LIMIT_PER_ACCOUNT: { key: 'signInLimitPerAccount', type: 'int' },
  REGISTRY_CORS_ORIGINS: { key: 'corsOrigins', type: 'list' },
  REGISTRY_CLETS_MAX_DAYS: { key: 'cletsCertificationMaxDays', type: 'int' },
  REGISTRY_BODY_LIMIT: { key: 'bodyLimitBytes', type: 'int' },
  REGISTRY_MAX_UPLOAD_BYTES: { key: 'maxUploadBytes', type: 'int' },
  REGISTRY_CLAIM_MINUTES: { key: 'claimMinutes', type: 'int' },
  REGISTRY_TIME_ZONE: { key: 'timeZone', type: 'string' },
  REGISTRY_BANNER: { key: 'banner', type: 'string' },
  REGISTRY_LOG_LEVEL: { key: 'logLevel', type: 'string' },
  REGISTRY_DEMO: { key: 'demo', type: 'bool' },
  REGISTRY_CARPOS_GATEWAY: { key: 'carposGateway', type: 'string' },
  REGISTRY_CARPOS_POLL_MS: { key: 'carposPollMs', type: 'int' },
  REGISTRY_CARPOS_TIMEOUT_MS: { key: 'carposTimeoutMs', type: 'int' },
  REGISTRY_CARPOS_RETRY_MS: { key: 'carposRetryMs', type: 'int' },
  REGISTRY_CARPOS_RETRY_MAX_MS: { key: 'carposRetryMaxMs', type: 'int' },
  REGISTRY_CARPOS_SIM_LATENCY_MS: { key: 'carposSimLatencyMs', type: 'int' },
  REGISTRY_CARPOS_SIM_FAIL_FIRST: { key: 'carposSimFailFirst', type: 'int' },
  REGISTRY_CARPOS_SIM_UNAVAILABLE: { key: 'carposSimUnavailable', type: 'bool' },
  REGISTRY_EXPIRY_SWEEP: { key: 'expirySweep', type: 'string' },
  REGISTRY_EXPIRY_SWEEP_SECONDS: { key: 'expirySweepSeconds', type: 'int' },
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
    } else if (type === 'list') {
      out[key] = raw
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
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
