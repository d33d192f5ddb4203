/**
 * A loopback HTTP proxy that misbehaves on purpose, for the sync fault tests: per request it may
 * pass it on, delay it, stall it (never answer), cut the connection before or after the registry
 * handled it, cut an upload half-way (the registry keeps the bytes that arrived), answer 500
 * itself (before or after forwarding), send it to the registry twice, or hold it back until the
 * next request has gone first (reordering). Which fault applies is decided per request by a
 * function the test sets, so runs are reproducible from a seed. The Host header is passed
 * unchanged, so the registry's tus upload URLs name the proxy.
 */
import {
  request as httpRequest,
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';

export const FAULTS = [
  'pass',
  'delay',
  'stall',
  'cut-before',
  'cut-after',
  'cut-mid-answer',
  'cut-upload',
  'error-before',
  'error-after',
  'duplicate',
  'reorder',
] as const;
export type Fault = (typeof FAULTS)[number];

export interface ProxiedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

export interface ProxyLogEntry {
  readonly method: string;
  readonly url: string;
  readonly fault: Fault;
  readonly uploadOffset: number | null;
  readonly bytesForwarded: number;
  readonly status: number | null;
}

interface Upstream {
  readonly host: string;
  readonly port: number;
}

interface UpstreamAnswer {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

export class FaultProxy {
  readonly log: ProxyLogEntry[] = [];
  readonly counts: Record<Fault, number> = Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<
    Fault,
    number
  >;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private held: (() => void) | null = null;
  port = 0;

  constructor(
    private upstream: Upstream,
    public decide: (request: ProxiedRequest) => Fault = () => 'pass',
    private readonly delayMs: () => number = () => 50,
  ) {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  setUpstream(upstream: Upstream): void {
    this.upstream = upstream;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(port = 0): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address !== null ? address.port : 0;
    return this.port;
  }

  async close(): Promise<void> {
    this.held?.();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) =>
      this.server.close(() => {
        resolve();
      }),
    );
  }

  /** Cuts every open client connection (as a network drop would). */
  dropConnections(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) chunks.push(chunk as Buffer);
    } catch {
      return;
    }
    const request: ProxiedRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body: Buffer.concat(chunks),
    };
    const fault = request.url === '/healthz' ? 'pass' : this.decide(request);
    this.counts[fault] += 1;
    const offsetHeader = req.headers['upload-offset'];
    const entry = {
      method: request.method,
      url: request.url,
      fault,
      uploadOffset: typeof offsetHeader === 'string' ? Number(offsetHeader) : null,
      bytesForwarded: 0,
      status: null as number | null,
    };
    this.log.push(entry);
    // A request arriving releases one held back for reordering, after this one was sent on.
    const release = this.held;
    this.held = null;
    try {
      await this.apply(fault, request, res, entry);
    } catch {
      res.destroy();
    } finally {
      release?.();
    }
  }

  private async apply(
    fault: Fault,
    request: ProxiedRequest,
    res: ServerResponse,
    entry: { bytesForwarded: number; status: number | null },
  ): Promise<void> {
    const forward = async (): Promise<UpstreamAnswer> => {
      entry.bytesForwarded += request.body.length;
      const answer = await this.forward(request);
      entry.status = answer.status;
      return answer;
    };
    switch (fault) {
      case 'pass': {
        this.reply(res, await forward());
        return;
      }
      case 'delay':
        await sleep(this.delayMs());
        {
          this.reply(res, await forward());
          return;
        }
      case 'stall':
        // Never answer: the client's timeout must notice. The socket is closed when the client gives up.
        await new Promise<void>((resolve) => res.on('close', resolve));
        return;
      case 'cut-before':
        res.socket?.destroy();
        return;
      case 'cut-after':
        await forward();
        res.socket?.destroy();
        return;
      case 'cut-mid-answer': {
        const answer = await forward();
        res.writeHead(answer.status, {
          ...answer.headers,
          'content-length': String(Math.max(answer.body.length, 2)),
        });
        res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
        await sleep(5);
        res.socket?.destroy();
        return;
      }
      case 'cut-upload': {
        if (request.body.length < 2) {
          this.reply(res, await forward());
          return;
        }
        const half = request.body.subarray(0, Math.floor(request.body.length / 2));
        entry.bytesForwarded += half.length;
        await this.forwardPartial(request, half);
        res.socket?.destroy();
        return;
      }
      case 'error-before':
        res.writeHead(502, { 'content-type': 'text/plain' }).end('proxy: bad gateway');
        return;
      case 'error-after':
        await forward();
        res.writeHead(500, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            code: 'INTERNAL_ERROR',
            message: 'Injected failure after the registry answered.',
          }),
        );
        return;
      case 'duplicate': {
        const [first] = await Promise.all([forward(), forward()]);
        this.reply(res, first);
        return;
      }
      case 'reorder': {
        // Hold until the next request has been forwarded (or 300 ms), then go.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 300);
          this.held = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.reply(res, await forward());
        return;
      }
    }
  }

  private reply(res: ServerResponse, answer: UpstreamAnswer): void {
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    headers['content-length'] = String(answer.body.length);
    res.writeHead(answer.status, headers).end(answer.body);
  }

  private forward(request: ProxiedRequest): Promise<UpstreamAnswer> {
    return new Promise((resolve, reject) => {
      const headers = { ...request.headers, 'content-length': String(request.body.length) };
      delete headers['transfer-encoding'];
      delete headers.connection;
      const up = httpRequest(
        {
          host: this.upstream.host,
          port: this.upstream.port,
          method: request.method,
          path: request.url,
          headers,
          agent: false,
        },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (c: Buffer) => chunks.push(c));
          answer.on('error', reject);
          answer.on('end', () => {
            resolve({
              status: answer.statusCode ?? 502,
              headers: answer.headers,
              body: Buffer.concat(chunks),
            });
          });
        },
      );
      up.on('error', reject);
      up.end(request.body);
    });
  }

  /** Sends the headers and `part` of the body, then cuts the connection (an upload interrupted mid-way). */
  private async forwardPartial(request: ProxiedRequest, part: Buffer): Promise<void> {
    await new Promise<void>((resolve) => {
      const headers = { ...request.headers, 'content-length': String(request.body.length) };
      delete headers['transfer-encoding'];
      delete headers.connection;
      const up = httpRequest({
        host: this.upstream.host,
        port: this.upstream.port,
        method: request.method,
        path: request.url,
        headers,
        agent: false,
      });
      up.on('error', () => {
        resolve();
      });
      up.write(part, () => {
        // Give the registry a moment to read what arrived before the connection goes.
        setTimeout(() => {
          up.destroy();
          resolve();
        }, 50);
      });
    });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
