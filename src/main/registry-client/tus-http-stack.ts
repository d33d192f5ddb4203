/**
 * The HTTP stack tus-js-client sends through: Node http(s) with keep-alive, an inactivity timeout
 * on every request (tus-js-client's own Node stack has none, so a stalled connection would hang an
 * upload for ever), and every request pinned to the registry's checked origin: an upload URL the
 * registry hands back is used for its path only, never to send image bytes to another host.
 */
import {
  request as httpRequest,
  type Agent as HttpAgent,
  type ClientRequest,
  type IncomingMessage,
} from 'node:http';
import { request as httpsRequest, type Agent as HttpsAgent } from 'node:https';
import type { HttpRequest, HttpResponse, HttpStack } from 'tus-js-client';

export interface TusStackOptions {
  readonly origin: URL;
  readonly agents: { readonly http: HttpAgent; readonly https: HttpsAgent };
  readonly timeoutMs: number;
}

/** An error with a Node-style code, so network failures map to plain words (errors.ts). */
export class TusNetworkError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

class TusResponse implements HttpResponse {
  constructor(
    private readonly res: IncomingMessage,
    private readonly body: string,
  ) {}
  getStatus(): number {
    return this.res.statusCode ?? 0;
  }
  getHeader(header: string): string | undefined {
    const value = this.res.headers[header.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  }
  getBody(): string {
    return this.body;
  }
  getUnderlyingObject(): unknown {
    return this.res;
  }
}

class TusRequest implements HttpRequest {
  private readonly headers: Record<string, string> = {};
  private progress: (bytesSent: number) => void = () => undefined;
  private req: ClientRequest | null = null;

  constructor(
    private readonly method: string,
    private readonly url: string,
    private readonly options: TusStackOptions,
  ) {}

  getMethod(): string {
    return this.method;
  }
  getURL(): string {
    return this.url;
  }
  setHeader(header: string, value: string): void {
    this.headers[header] = value;
  }
  getHeader(header: string): string | undefined {
    return this.headers[header];
  }
  setProgressHandler(handler: (bytesSent: number) => void): void {
    this.progress = handler;
  }

  send(body: unknown = null): Promise<HttpResponse> {
    const given = new URL(this.url, this.options.origin);
    const target = new URL(`${given.pathname}${given.search}`, this.options.origin);
    const secure = target.protocol === 'https:';
    const bytes = body instanceof Uint8Array ? body : null;
    return new Promise((resolve, reject) => {
      const req = (secure ? httpsRequest : httpRequest)(target, {
        method: this.method,
        headers: { ...this.headers, ...(bytes ? { 'Content-Length': String(bytes.length) } : {}) },
        agent: secure ? this.options.agents.https : this.options.agents.http,
      });
      this.req = req;
      req.setTimeout(this.options.timeoutMs, () => {
        req.destroy(new TusNetworkError('ETIMEDOUT', `no answer within ${this.options.timeoutMs} ms`));
      });
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          resolve(new TusResponse(res, Buffer.concat(chunks).toString('utf8')));
        });
        // A connection cut mid-answer may end with 'close' alone (no 'error'): never wait for ever.
        res.on('close', () => {
          if (!res.complete)
            reject(new TusNetworkError('ECONNRESET', 'the connection was cut during the answer'));
        });
      });
      if (bytes) {
        req.end(bytes, () => {
          this.progress(bytes.length);
        });
      } else req.end();
    });
  }

  abort(): Promise<void> {
    this.req?.destroy();
    return Promise.resolve();
  }

  getUnderlyingObject(): unknown {
    return this.req;
  }
}

export class TusHttpStack implements HttpStack {
  constructor(private readonly options: TusStackOptions) {}
  createRequest(method: string, url: string): HttpRequest {
    return new TusRequest(method, url, this.options);
  }
  getName(): string {
    return 'CcporTusHttpStack';
  }
}
