/**
 * An eSCL responder built from the published protocol (Mopria/Apple eSCL: ScannerCapabilities,
 * ScannerStatus, POST ScanJobs → 201 + Location, GET {job}/NextDocument → page / 503 not ready /
 * 404 no more, DELETE {job}), serving generated page images over real HTTP on loopback.
 * Scripted faults: busy (503 on POST), a jam at page k (404 with AdfState ScannerAdfJam), an
 * empty feeder, pages not ready yet, and a scanner that disappears (server and sockets closed).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import sharp from 'sharp';
import { parseScanSettings } from '../../../../src/main/scan/drivers/escl/escl-xml';

export interface ResponderScript {
  /** Sheets in the feeder (each gives two pages in duplex). */
  sheets: number;
  /** 1-based page at which the feeder jams: NextDocument answers 404 and the status shows ScannerAdfJam. */
  jamAtPage?: number;
  /** How many POSTs to /ScanJobs answer 503 before one is accepted. */
  busyPosts?: number;
  /** Busy with another job (e.g. a copy at the panel): State=Processing and POSTs refused with 409. */
  busyWithOtherJob?: boolean;
  /** How many times each page answers 503 before it is ready. */
  notReadyPerPage?: number;
  format?: 'image/png' | 'image/jpeg';
  /**
   * Pages (1-based) served damaged: 'cut' = the first half of the image as a whole HTTP answer (a
   * scanner that lost part of its buffer), 'noise' = bytes that are no image, 'dropped' = the full
   * length announced but the connection closed halfway through the body (the scanner lost power).
   */
  damagedPages?: Record<number, 'cut' | 'noise' | 'dropped'>;
}

interface Job {
  readonly settings: Record<string, string | undefined>;
  pagesServed: number;
  notReadyLeft: number;
  deleted: boolean;
}

const CAPS_INPUT = (maxWidth: number, maxHeight: number, formats: readonly string[]): string => `
      <scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>${maxWidth}</scan:MaxWidth>
      <scan:MinHeight>16</scan:MinHeight><scan:MaxHeight>${maxHeight}</scan:MaxHeight>
      <scan:SettingProfiles><scan:SettingProfile>
        <scan:ColorModes><scan:ColorMode>BlackAndWhite1</scan:ColorMode><scan:ColorMode>Grayscale8</scan:ColorMode><scan:ColorMode>RGB24</scan:ColorMode></scan:ColorModes>
        <scan:DocumentFormats>${formats.map((f) => `<pwg:DocumentFormat>${f}</pwg:DocumentFormat>`).join('')}${formats.map((f) => `<scan:DocumentFormatExt>${f}</scan:DocumentFormatExt>`).join('')}</scan:DocumentFormats>
        <scan:SupportedResolutions><scan:DiscreteResolutions>
          <scan:DiscreteResolution><scan:XResolution>75</scan:XResolution><scan:YResolution>75</scan:YResolution></scan:DiscreteResolution>
          <scan:DiscreteResolution><scan:XResolution>150</scan:XResolution><scan:YResolution>150</scan:YResolution></scan:DiscreteResolution>
          <scan:DiscreteResolution><scan:XResolution>300</scan:XResolution><scan:YResolution>300</scan:YResolution></scan:DiscreteResolution>
        </scan:DiscreteResolutions></scan:SupportedResolutions>
      </scan:SettingProfile></scan:SettingProfiles>`;

export class EsclResponder {
  readonly requests: string[] = [];
  readonly jobs = new Map<string, Job>();
  state: 'Idle' | 'Processing' = 'Idle';
  adfState = 'ScannerAdfLoaded';
  #server: Server | undefined;
  #sockets = new Set<Socket>();
  #pages: Buffer[] = [];
  #busyLeft = 0;
  #port = 0;

  constructor(readonly script: ResponderScript) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.#port}/eSCL`;
  }

  /** Pages in the feeder, one distinct generated image per page (a bar whose position is the page number). */
  async start(): Promise<void> {
    const pageCount = this.script.sheets * 2;
    const width = 160;
    const height = 200;
    for (let n = 1; n <= pageCount; n++) {
      const raw = Buffer.alloc(width * height, 255);
      raw.fill(0, n * 6 * width, (n * 6 + 4) * width);
      const image = sharp(raw, { raw: { width, height, channels: 1 } }).withMetadata({ density: 150 });
      this.#pages.push(await (this.script.format === 'image/jpeg' ? image.jpeg() : image.png()).toBuffer());
    }
    this.#busyLeft = this.script.busyPosts ?? 0;
    if (this.script.sheets === 0) this.adfState = 'ScannerAdfEmpty';
    if (this.script.busyWithOtherJob === true) this.state = 'Processing';
    const server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    this.#port = typeof address === 'object' && address !== null ? address.port : 0;
    this.#server = server;
  }

  /** The scanner disappears: no new connections, open ones cut. */
  async vanish(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (server === undefined) return;
    const closed = new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
    for (const socket of this.#sockets) socket.destroy();
    await closed;
  }

  async stop(): Promise<void> {
    await this.vanish();
  }

  #xml(res: ServerResponse, status: number, body: string): void {
    res.writeHead(status, { 'Content-Type': 'text/xml' });
    res.end(body);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    this.requests.push(`${req.method ?? '?'} ${path}`);
    if (req.method === 'GET' && path === '/eSCL/ScannerCapabilities') {
      const formats = [this.script.format ?? 'image/png', 'application/pdf'];
      this.#xml(
        res,
        200,
        `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
  <pwg:Version>2.63</pwg:Version>
  <pwg:MakeAndModel>Loopback eSCL Responder</pwg:MakeAndModel>
  <scan:Manufacturer>Test</scan:Manufacturer>
  <scan:Platen><scan:PlatenInputCaps>${CAPS_INPUT(2550, 3508, formats)}</scan:PlatenInputCaps></scan:Platen>
  <scan:Adf>
    <scan:AdfSimplexInputCaps>${CAPS_INPUT(2550, 4200, formats)}</scan:AdfSimplexInputCaps>
    <scan:AdfDuplexInputCaps>${CAPS_INPUT(2550, 4200, formats)}</scan:AdfDuplexInputCaps>
    <scan:AdfOptions><scan:AdfOption>DetectPaperLoaded</scan:AdfOption><scan:AdfOption>Duplex</scan:AdfOption></scan:AdfOptions>
  </scan:Adf>
</scan:ScannerCapabilities>`,
      );
      return;
    }
    if (req.method === 'GET' && path === '/eSCL/ScannerStatus') {
      this.#xml(
        res,
        200,
        `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerStatus xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
  <pwg:Version>2.63</pwg:Version><pwg:State>${this.state}</pwg:State><scan:AdfState>${this.adfState}</scan:AdfState>
</scan:ScannerStatus>`,
      );
      return;
    }
    if (req.method === 'POST' && path === '/eSCL/ScanJobs') {
      if (this.#busyLeft > 0) {
        this.#busyLeft--;
        res.writeHead(503).end();
        return;
      }
      if (this.adfState === 'ScannerAdfEmpty' || this.script.busyWithOtherJob === true) {
        res.writeHead(409).end();
        return;
      }
      const id = randomUUID();
      const settings = parseScanSettings(Buffer.concat(chunks).toString('utf8'));
      this.jobs.set(id, {
        settings,
        pagesServed: 0,
        notReadyLeft: this.script.notReadyPerPage ?? 0,
        deleted: false,
      });
      this.state = 'Processing';
      res.writeHead(201, { Location: `/eSCL/ScanJobs/${id}` }).end();
      return;
    }
    const jobPath = /^\/eSCL\/ScanJobs\/([0-9a-f-]+)(\/NextDocument)?$/.exec(path);
    const job = jobPath?.[1] === undefined ? undefined : this.jobs.get(jobPath[1]);
    if (job === undefined) {
      res.writeHead(404).end();
      return;
    }
    if (req.method === 'DELETE' && jobPath?.[2] === undefined) {
      job.deleted = true;
      this.state = 'Idle';
      res.writeHead(200).end();
      return;
    }
    if (req.method === 'GET' && jobPath?.[2] !== undefined) {
      this.#nextDocument(job, res);
      return;
    }
    res.writeHead(405).end();
  }

  #nextDocument(job: Job, res: ServerResponse): void {
    const duplex = job.settings.duplex === 'true' && job.settings.inputSource === 'Feeder';
    const total = job.settings.inputSource === 'Platen' ? 1 : this.script.sheets * (duplex ? 2 : 1);
    const next = job.pagesServed + 1;
    if (job.deleted || next > total) {
      this.state = 'Idle';
      if (job.settings.inputSource === 'Feeder') this.adfState = 'ScannerAdfEmpty';
      res.writeHead(404).end();
      return;
    }
    if (this.script.jamAtPage === next) {
      this.adfState = 'ScannerAdfJam';
      this.state = 'Idle';
      res.writeHead(404).end();
      return;
    }
    if (job.notReadyLeft > 0) {
      job.notReadyLeft--;
      res.writeHead(503, { 'Retry-After': '1' }).end();
      return;
    }
    job.notReadyLeft = this.script.notReadyPerPage ?? 0;
    job.pagesServed = next;
    const page = this.#pages[next - 1]!;
    const damage = this.script.damagedPages?.[next];
    const contentType = this.script.format ?? 'image/png';
    if (damage === 'dropped') {
      res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': page.length });
      res.write(page.subarray(0, Math.floor(page.length / 2)), () => res.socket?.destroy());
      return;
    }
    const body =
      damage === 'cut'
        ? page.subarray(0, Math.floor(page.length / 2))
        : damage === 'noise'
          ? Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 97 + 13) % 256))
          : page;
    res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': body.length });
    res.end(body);
  }
}
