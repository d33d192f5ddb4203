/**
 * The registry's composition root: `buildRegistry(config)` opens the database, migrates it, wires
 * the services and returns the Fastify instance (not yet listening). Tests and the CLI both use it.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import { UserAdminService } from './auth/admin';
import { AuthService } from './auth/service';
import { FileBlobStore } from './blobs/filesystem';
import type { RegistryConfig } from './config';
import type { RegistryContext } from './context';
import { migrate } from './db/migrations/runner';
import { openDb } from './db/open';
import type { Db } from './db/types';
import { principalResolver } from './http/authenticate';
import { refusalAuditor } from './audit/refusals';
import { installErrorHandling } from './http/error-handler';
import { installRequestContext } from './http/request-context';
import { installSecurityHeaders } from './http/security-headers';
import { installUnicodeCheck } from './http/unicode';
import { createSystemJobs } from './jobs/system-jobs';
import { loggerOptions } from './http/logging';
import { installRateLimits } from './http/rate-limits';
import { ImageService } from './orders/images';
import { OrderService } from './orders/service';
import { QueueService } from './queue/service';
import { registerAdminRoutes } from './routes/admin';
import { registerStationAuditRoutes } from './routes/station-audit';
import { registerAuthRoutes } from './routes/auth';
import { registerCarposRoutes } from './routes/carpos';
import { registerHealthRoutes } from './routes/health';
import { registerImageRoutes } from './routes/images';
import { registerOrderRoutes } from './routes/orders';
import { registerSearchRoutes } from './routes/search';
import { registerSyncRoutes } from './routes/sync';
import type { ZodApp } from './routes/types';
import { SearchService } from './search/service';
import { createUploadServer } from './uploads/tus';

export interface BuildOptions {
  /** Where JSON logs go (default stdout); tests capture them here. */
  readonly logStream?: DestinationStream;
  /** An already open database (tests share one per file); closed with the app unless `keepDbOpen`. */
  readonly db?: Db;
  readonly keepDbOpen?: boolean;
  /** The clock, for lockout and claim expiry tests. */
  readonly now?: () => Date;
}

export type RegistryApp = FastifyInstance & { registry: RegistryContext };

export async function buildRegistry(
  config: RegistryConfig,
  options: BuildOptions = {},
): Promise<RegistryApp> {
  const db = options.db ?? (await openDb(config));
  const now = options.now ?? (() => new Date());
  await migrate(db, { appRole: config.databaseAppRole });

  const logger = options.logStream
    ? { ...loggerOptions(config.logLevel), stream: options.logStream }
    : loggerOptions(config.logLevel);
  const app = Fastify({
    loggerInstance: undefined,
    logger,
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => randomUUID(),
    ...(config.tls
      ? { https: { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) } }
      : {}),
  }).withTypeProvider<ZodTypeProvider>() as unknown as ZodApp;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installRequestContext(app);
  installSecurityHeaders(app, config.corsOrigins);
  installUnicodeCheck(app);
  installErrorHandling(app, refusalAuditor(db));

  const auth = new AuthService(db, config, now);
  const blobs = new FileBlobStore(join(config.dataDir, 'blobs'));
  const staging = createUploadServer({
    directory: join(config.dataDir, 'uploads'),
    maxSize: config.maxUploadBytes,
    corsOrigins: config.corsOrigins,
    auth,
    auditRefusal: refusalAuditor(db),
  });
  const orders = new OrderService(db, config.timeZone, now);
  const jobs = createSystemJobs(config, { db, orders, now, log: app.log });
  const ctx: RegistryContext = {
    config,
    db,
    blobs,
    staging,
    auth,
    orders,
    images: new ImageService(db, blobs, staging, orders, now),
    search: new SearchService(db, config.timeZone, now),
    queue: new QueueService(db, config.claimMinutes, now),
    users: new UserAdminService(db, config, now),
    principal: principalResolver(auth),
    jobs,
  };
  app.decorate('registry', ctx);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'CCPOR Registry API',
        version: '1.0.0',
        description: 'The central CCPOR service: orders, images, statewide search, users and audit.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  const signInLimit = await installRateLimits(app, config);
  registerHealthRoutes(app, ctx);
  registerAuthRoutes(app, ctx, signInLimit);
  registerOrderRoutes(app, ctx);
  registerImageRoutes(app, ctx);
  registerSearchRoutes(app, ctx);
  registerSyncRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerStationAuditRoutes(app, ctx);
  registerCarposRoutes(app, ctx);
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, () => app.swagger());

  app.addHook('onReady', (done) => {
    jobs.start();
    done();
  });
  app.addHook('onClose', async () => {
    await jobs.stop(); // before the database closes: a pass in flight finishes its transaction
    if (!options.keepDbOpen) await db.close();
  });
  return app as unknown as RegistryApp;
}
