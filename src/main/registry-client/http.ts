/**
 * The transport under the registry client: axios with keep-alive agents, a timeout on every
 * request, no redirects (a redirect could lead off https), and every HTTP status returned to the
 * caller rather than thrown. Network failures become RegistryErrors in plain words.
 */
import { STATION_ID_HEADER } from '../../shared/api/station';
import axios, { AxiosError, type AxiosInstance } from 'axios';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { networkError, RegistryError } from './errors';

export interface HttpRequest {
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  /** Path under the base URL, starting with '/'. */
  readonly path: string;
  readonly query?: Readonly<Record<string, unknown>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export interface HttpOptions {
  readonly baseUrl: URL;
  /** Inactivity timeout for each request (default 10 s). */
  readonly timeoutMs?: number;
  /** The station's name, sent on every request (STATION_ID_HEADER) so the registry's audit names it. */
  readonly stationId?: () => string;
}

/** Encodes a query the way Fastify reads it: arrays as repeated keys (status=a&status=b). */
export function encodeQuery(query: Readonly<Record<string, unknown>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      params.append(key, typeof item === 'string' ? item : JSON.stringify(item));
    }
  }
  return params.toString();
}

export class RegistryHttp {
  readonly baseUrl: URL;
  readonly timeoutMs: number;
  private readonly axios: AxiosInstance;
  /** Shared with the tus stack, so image chunks reuse the same connections. */
  readonly agents: { readonly http: HttpAgent; readonly https: HttpsAgent };

  private readonly stationId: (() => string) | undefined;

  constructor(options: HttpOptions) {
    this.stationId = options.stationId;
    this.baseUrl = options.baseUrl;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    // Keep-alive: the sync worker sends many small requests; a new TCP (and TLS) handshake for
    // each would double their cost on a slow link.
    this.agents = {
      http: new HttpAgent({ keepAlive: true, maxSockets: 16 }),
      https: new HttpsAgent({ keepAlive: true, maxSockets: 16 }),
    };
    this.axios = axios.create({
      baseURL: this.baseUrl.origin,
      maxRedirects: 0,
      validateStatus: () => true,
      responseType: 'arraybuffer',
      decompress: true,
      httpAgent: this.agents.http,
      httpsAgent: this.agents.https,
      // A stray HTTP(S)_PROXY in the environment must not route order data elsewhere.
      proxy: false,
      transitional: { clarifyTimeoutError: true },
    });
  }

  /** Full URL of a path under the registry (for tus, which makes its own requests). */
  url(path: string): string {
    return new URL(`${this.basePath()}${path}`, this.baseUrl.origin).toString();
  }

  private basePath(): string {
    return this.baseUrl.pathname.replace(/\/+$/, '');
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    const query = request.query ? encodeQuery(request.query) : '';
    const hasBody = request.body !== undefined;
    try {
      const response = await this.axios.request<ArrayBuffer>({
        method: request.method,
        url: `${this.basePath()}${request.path}${query === '' ? '' : `?${query}`}`,
        ...(hasBody ? { data: JSON.stringify(request.body) } : {}),
        headers: {
          accept: 'application/json',
          ...(hasBody ? { 'content-type': 'application/json' } : {}),
          ...(this.stationId ? { [STATION_ID_HEADER]: this.stationId() } : {}),
          ...request.headers,
        },
        timeout: timeoutMs,
        ...(request.signal ? { signal: request.signal } : {}),
      });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers as Record<string, unknown>)) {
        if (typeof value === 'string') headers[name.toLowerCase()] = value;
        else if (typeof value === 'number') headers[name.toLowerCase()] = String(value);
      }
      return { status: response.status, headers, body: Buffer.from(response.data) };
    } catch (error) {
      if (error instanceof RegistryError) throw error;
      if (error instanceof AxiosError || axios.isCancel(error)) {
        const code = (error as AxiosError).code;
        throw networkError(code, this.baseUrl.host, timeoutMs);
      }
      throw error;
    }
  }

  /** Closes idle keep-alive connections (on stop, so the process can exit). */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}
