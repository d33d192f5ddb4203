/**
 * Images: the tus upload endpoint, linking an upload to an order, streaming an image (with Range),
 * and the blob existence check a station uses to skip re-uploading bytes the registry already has.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  linkImageRequestSchema,
  orderImageParamsSchema,
  orderIdParamsSchema,
  orderRecordSchema,
  sha256Schema,
} from '../../shared/api';
import type { RegistryContext } from '../context';
import { ApiError } from '../http/errors';
import { parseRange } from '../http/range';
import { UPLOADS_PATH } from '../uploads/tus';
import type { ZodApp } from './types';

export function registerImageRoutes(app: ZodApp, ctx: RegistryContext): void {
  // tus sends its chunks as application/offset+octet-stream: leave the body for tus to read.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => {
    done(null);
  });
  const tus = async (request: { raw: IncomingMessage }, reply: { hijack(): void; raw: ServerResponse }) => {
    reply.hijack();
    await ctx.staging.server.handle(request.raw, reply.raw);
  };
  app.route({
    method: ['POST', 'HEAD', 'PATCH', 'OPTIONS', 'DELETE'],
    url: UPLOADS_PATH,
    schema: { hide: true },
    handler: tus,
  });
  app.route({
    method: ['HEAD', 'PATCH', 'OPTIONS', 'DELETE'],
    url: `${UPLOADS_PATH}/:uploadId`,
    schema: { hide: true },
    handler: tus,
  });

  app.post(
    '/api/v1/orders/:id/images',
    {
      schema: {
        tags: ['images'],
        summary: 'Link a finished upload (or stored bytes) to an order after verifying its SHA-256',
        params: orderIdParamsSchema,
        body: linkImageRequestSchema,
        response: { 200: orderRecordSchema },
      },
    },
    async (request) =>
      ctx.images.link(await ctx.principal(request), request.params.id, request.body, request.id),
  );

  app.get(
    '/api/v1/orders/:id/images/:sha256',
    {
      schema: {
        tags: ['images'],
        summary: 'Download an image (supports Range)',
        params: orderImageParamsSchema,
      },
    },
    async (request, reply) => {
      const p = await ctx.principal(request);
      const image = await ctx.images.open(p, request.params.id, request.params.sha256, request.id);
      const range = parseRange(request.headers.range, image.size);
      void reply
        .header('accept-ranges', 'bytes')
        .header('content-type', 'application/pdf')
        .header('etag', `"${request.params.sha256}"`)
        .header('cache-control', 'private, no-store');
      if (range.kind === 'unsatisfiable') {
        void reply.header('content-range', `bytes */${image.size}`);
        throw new ApiError(416, 'RANGE_NOT_SATISFIABLE', 'The requested byte range is outside the image.');
      }
      if (range.kind === 'range') {
        const { start, end } = range.range;
        return reply
          .code(206)
          .header('content-range', `bytes ${start}-${end}/${image.size}`)
          .header('content-length', end - start + 1)
          .send(await image.read(range.range));
      }
      return reply.header('content-length', image.size).send(await image.read());
    },
  );

  const blobParams = z.strictObject({ sha256: sha256Schema });
  const blobExists = async (request: FastifyRequest, sha256: string) => {
    await ctx.principal(request);
    const info = await ctx.blobs.stat(sha256);
    if (info === null) throw new ApiError(404, 'BLOB_NOT_FOUND', 'The registry does not have these bytes.');
    return info;
  };
  app.get(
    '/api/v1/blobs/:sha256',
    {
      schema: {
        tags: ['images'],
        summary: 'Does the registry already hold these bytes? (HEAD works too)',
        params: blobParams,
        response: { 200: z.object({ sha256: sha256Schema, size: z.int() }) },
      },
    },
    async (request) => blobExists(request, request.params.sha256),
  );
}
