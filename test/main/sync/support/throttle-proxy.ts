/**
 * A loopback TCP proxy that behaves like a slow link: each direction carries at most `bitsPerSecond`
 * shared by every connection (a full-duplex line), with an optional one-way latency. It counts
 * the bytes that cross it in each direction: the bytes on the wire, HTTP headers included.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

class Direction {
  bytes = 0;
  private nextFree = 0;

  constructor(
    private readonly bytesPerMs: number,
    private readonly latencyMs: number,
  ) {}

  /** When a chunk of `size` bytes sent now has crossed the link (ms timestamp). */
  schedule(size: number): number {
    const now = performance.now();
    this.nextFree = Math.max(this.nextFree, now) + size / this.bytesPerMs;
    this.bytes += size;
    return this.nextFree + this.latencyMs;
  }
}

/** Largest slice scheduled at once: small enough that connections interleave fairly. */
const SLICE = 8 * 1024;
/** Bytes in flight per connection and direction before the source is paused (backpressure). */
const WINDOW = 64 * 1024;

export class ThrottleProxy {
  readonly up: Direction;
  readonly down: Direction;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly target: { host: string; port: number },
    bitsPerSecond: number,
    latencyMs = 0,
  ) {
    const bytesPerMs = bitsPerSecond / 8 / 1000;
    this.up = new Direction(bytesPerMs, latencyMs);
    this.down = new Direction(bytesPerMs, latencyMs);
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      this.sockets.add(client).add(upstream);
      client.on('close', () => this.sockets.delete(client));
      upstream.on('close', () => this.sockets.delete(upstream));
      this.pipe(client, upstream, this.up);
      this.pipe(upstream, client, this.down);
      const end = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end);
      upstream.on('error', end);
    });
  }

  get wireBytes(): number {
    return this.up.bytes + this.down.bytes;
  }

  resetCounts(): void {
    this.up.bytes = 0;
    this.down.bytes = 0;
  }

  /** Carries `from` → `to` through `link`: slices leave in order, each when the link has carried it. */
  private pipe(from: Socket, to: Socket, link: Direction): void {
    const queue: { at: number; slice: Buffer }[] = [];
    let inFlight = 0;
    let ended = false;
    let timer: NodeJS.Timeout | null = null;
    const drain = () => {
      timer = null;
      const now = performance.now();
      while (queue.length > 0 && (queue[0]?.at ?? Infinity) <= now + 0.5) {
        const { slice } = queue.shift()!;
        inFlight -= slice.length;
        if (!to.destroyed) to.write(slice);
      }
      if (inFlight < WINDOW && from.isPaused()) from.resume();
      if (queue.length > 0) timer = setTimeout(drain, Math.max(0, (queue[0]?.at ?? now) - now));
      else if (ended) to.end();
    };
    from.on('data', (chunk: Buffer) => {
      for (let offset = 0; offset < chunk.length; offset += SLICE) {
        const slice = chunk.subarray(offset, offset + SLICE);
        queue.push({ at: link.schedule(slice.length), slice });
        inFlight += slice.length;
      }
      if (inFlight >= WINDOW) from.pause();
      timer ??= setTimeout(drain, Math.max(0, (queue[0]?.at ?? 0) - performance.now()));
    });
    from.on('end', () => {
      ended = true;
      if (queue.length === 0 && timer === null) to.end();
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address !== null ? address.port : 0;
    return this.port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) =>
      this.server.close(() => {
        resolve();
      }),
    );
  }
}
