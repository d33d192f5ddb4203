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
import { mayUseBlob } from '../blobs/access';
import type { RegistryContext } from '../context';
import { ApiError } from '../http/errors';
import { parseRange } from '../http/range';
import { SECURITY_HEADERS } from '../http/security-headers';
import { UPLOADS_PATH } from '../uploads/tus';
import type { ZodApp } from './types';

export function registerImageRoutes(app: ZodApp, ctx: RegistryContext): void {
  // tus sends its chunks as application/offset+octet-stream: leave the body for tus to read.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => {
    done(null);
  });
  const tus = async (request: { raw: IncomingMessage }, reply: { hijack(): void; raw: ServerResponse }) => {
    reply.hijack();
    // tus writes the raw response itself, past Fastify's onSend: the security headers go on first.
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (value !== undefined) reply.raw.setHeader(name, value);
    }
    reply.raw.setHeader('cache-control', 'no-store');
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
        // A download, never a page: a browser that opens the link saves the file instead of rendering it.
        .header('content-disposition', `attachment; filename="${request.params.sha256}.pdf"`)
        .header('x-content-type-options', 'nosniff')
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
    const p = await ctx.principal(request);
    // Bytes the caller may not use are reported as absent, not as forbidden: the digest says nothing.
    const info = (await mayUseBlob(ctx.db, p, sha256)) ? await ctx.blobs.stat(sha256) : null;
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
