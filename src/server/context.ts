/** The registry's services, built once per process by `buildRegistry` and shared by the routes. */
import type { FastifyRequest } from 'fastify';
import type { UserAdminService } from './auth/admin';
import type { UserPrincipal } from './auth/principal';
import type { AuthService } from './auth/service';
import type { BlobStore } from './blobs/store';
import type { RegistryConfig } from './config';
import type { Db } from './db/types';
import type { ImageService } from './orders/images';
import type { SystemJobs } from './jobs/system-jobs';
import type { OrderService } from './orders/service';
import type { QueueService } from './queue/service';
import type { SearchService } from './search/service';
import type { UploadStaging } from './uploads/tus';

export interface RegistryContext {
  readonly config: RegistryConfig;
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly staging: UploadStaging;
  readonly auth: AuthService;
  readonly orders: OrderService;
  readonly images: ImageService;
  readonly search: SearchService;
  readonly queue: QueueService;
  readonly users: UserAdminService;
  /** The signed-in user of a request, or an ApiError 401. */
  readonly principal: (request: FastifyRequest) => Promise<UserPrincipal>;
  /** Background work: the DOJ CARPOS gateway worker and the expiry sweep (see jobs/system-jobs.ts). */
  readonly jobs: SystemJobs;
}
