/**
 * One eSCL scan job: POST /ScanJobs (retried with backoff while the device answers 503 busy), then
 * GET {job}/NextDocument until 404, retrying 503 ("page not ready yet"). A 404 or an error answer
 * is checked against /ScannerStatus, so a jam that ends the job early is reported as a jam and not
 * as the end of the stack. Pages are fetched when the consumer asks for the next one.
 */
import type { ScanError, ScanEvent, ScanJob, ScanSettings } from '../../driver';
import { inspectImage } from '../image-check';
import { makePage } from '../pages';
import { asScanError, scanFailure } from '../scan-error';
import { bodyText, httpRequest, isAbort, pause, type HttpReply } from './escl-http';
import { scanRequest } from './escl-settings';
import { parseStatus, scanSettingsXml, type EsclCapabilities, type EsclStatus } from './escl-xml';

export interface EsclTiming {
  readonly requestTimeoutMs: number;
  /** How long to keep retrying a busy (503) device before DEVICE_BUSY. */
  readonly busyTimeoutMs: number;
  /** How long to wait for one page that keeps answering 503 before IO_ERROR. */
  readonly pageTimeoutMs: number;
  readonly firstRetryMs: number;
  readonly maxRetryMs: number;
}

export interface EsclJobOptions {
  readonly baseUrl: string;
  readonly settings: ScanSettings;
  readonly capabilities: () => Promise<EsclCapabilities>;
  readonly formats: readonly string[] | undefined;
  readonly timing: EsclTiming;
}

/** What /ScannerStatus says about why a scan cannot go on, if anything. */
export function statusError(status: EsclStatus, feeder: boolean, pages: number): ScanError | undefined {
  const adf = status.adfState ?? '';
  const detail = `eSCL ScannerStatus: State=${status.state ?? '?'}${adf === '' ? '' : ` AdfState=${adf}`}`;
  if (/Jam|Mispick|Multipick/i.test(adf)) return scanFailure('PAPER_JAM', detail);
  if (/DoorOpen|HatchOpen|CoverOpen/i.test(adf)) return scanFailure('COVER_OPEN', detail);
  if (feeder && pages === 0 && /Empty/i.test(adf)) return scanFailure('FEEDER_EMPTY', detail);
  if (status.state === 'Down') return scanFailure('DEVICE_GONE', detail);
  return undefined;
}

export class EsclScanJob implements ScanJob {
  readonly events: AsyncIterable<ScanEvent>;
  readonly #options: EsclJobOptions;
  readonly #abort = new AbortController();
  #jobUrl: string | undefined;
  #cancelling: Promise<void> | undefined;

  constructor(options: EsclJobOptions) {
    this.#options = options;
    this.events = this.#events();
  }

  get #cancelled(): boolean {
    return this.#abort.signal.aborted;
  }

  get #feeder(): boolean {
    return this.#options.settings.source !== 'flatbed';
  }

  #url(path: string): string {
    return `${this.#options.baseUrl}/${path}`;
  }

  async #get(url: string): Promise<HttpReply> {
    return httpRequest(url, { timeoutMs: this.#options.timing.requestTimeoutMs, signal: this.#abort.signal });
  }

  async #post(url: string, body: string): Promise<HttpReply> {
    return httpRequest(url, {
      method: 'POST',
      body,
      timeoutMs: this.#options.timing.requestTimeoutMs,
      signal: this.#abort.signal,
    });
  }

  async #status(): Promise<EsclStatus | undefined> {
    try {
      const reply = await this.#get(this.#url('ScannerStatus'));
      return reply.status === 200 ? parseStatus(bodyText(reply)) : undefined;
    } catch (error) {
      if (isAbort(error)) throw error;
      return undefined; // the status is advice; the answer that sent us here still decides
    }
  }

  async *#events(): AsyncGenerator<ScanEvent> {
    let finished = false;
    try {
      const request = scanRequest(
        await this.#options.capabilities(),
        this.#options.settings,
        this.#options.formats,
      );
      const before = await this.#status();
      const early = before === undefined ? undefined : statusError(before, this.#feeder, 0);
      if (early !== undefined) throw early;
      const jobUrl = await this.#createJob(scanSettingsXml(request));
      if (jobUrl === undefined) {
        finished = true;
        return;
      }
      yield { type: 'progress', pagesScanned: 0, message: `Scan job started: ${jobUrl}` };
      let index = 0;
      for (;;) {
        const reply = await this.#nextDocument(jobUrl, index);
        if (reply === undefined) break;
        index++;
        try {
          const info = inspectImage(reply.body, `${jobUrl} page ${index}`);
          const page = makePage(
            {
              index,
              format: info.format,
              bytes: reply.body,
              origin: `${jobUrl}/NextDocument#${index}`,
              resolutionDpi: info.dpi ?? this.#options.settings.resolutionDpi,
            },
            this.#options.settings.source,
          );
          yield { type: 'page', page };
        } catch (error) {
          yield { type: 'page-error', index, error: asScanError(error, 'CORRUPT_IMAGE') };
        }
      }
      finished = true;
    } catch (error) {
      if (this.#cancelled) {
        finished = true; // a cancel the caller asked for ends the events quietly
        return;
      }
      throw asScanError(error, 'IO_ERROR');
    } finally {
      if (!finished) await this.cancel();
    }
  }

  /** POSTs the settings; retries 503 with backoff. Returns the job URL, or undefined when cancelled. */
  async #createJob(xml: string): Promise<string | undefined> {
    const { busyTimeoutMs } = this.#options.timing;
    const deadline = Date.now() + busyTimeoutMs;
    let delay = this.#options.timing.firstRetryMs;
    for (;;) {
      const reply = await this.#post(this.#url('ScanJobs'), xml);
      if (reply.status === 201 || reply.status === 200) {
        const location = reply.headers.get('location');
        if (location === null)
          throw scanFailure('IO_ERROR', 'the scanner accepted the job but gave no job address');
        this.#jobUrl = new URL(location, `${this.#options.baseUrl}/`).toString().replace(/\/$/, '');
        if (this.#cancelled) {
          await this.#deleteJob();
          return undefined;
        }
        return this.#jobUrl;
      }
      if (reply.status === 503 && Date.now() + delay < deadline) {
        await this.#backoff(delay);
        if (this.#cancelled) return undefined;
        delay = Math.min(delay * 2, this.#options.timing.maxRetryMs);
        continue;
      }
      if (reply.status === 503) {
        throw scanFailure(
          'DEVICE_BUSY',
          `the scanner stayed busy (HTTP 503) for ${Math.round(busyTimeoutMs / 1000)} s`,
        );
      }
      throw await this.#failure(`ScanJobs answered HTTP ${reply.status}`, 0, true);
    }
  }

  /** The next page, or undefined at the end of the job. */
  async #nextDocument(jobUrl: string, pages: number): Promise<HttpReply | undefined> {
    const deadline = Date.now() + this.#options.timing.pageTimeoutMs;
    let delay = this.#options.timing.firstRetryMs;
    for (;;) {
      const reply = await this.#get(`${jobUrl}/NextDocument`);
      if (reply.status === 200) return reply;
      if (reply.status === 404) {
        const status = await this.#status();
        const error = status === undefined ? undefined : statusError(status, this.#feeder, pages);
        if (error !== undefined) throw error;
        return undefined;
      }
      if (reply.status === 503 && Date.now() + delay < deadline) {
        await this.#backoff(delay);
        delay = Math.min(delay * 2, this.#options.timing.maxRetryMs);
        continue;
      }
      throw await this.#failure(`NextDocument answered HTTP ${reply.status}`, pages);
    }
  }

  /** Why a request failed, from ScannerStatus; `creating`: a refused new job on a working scanner is busy. */
  async #failure(detail: string, pages: number, creating = false): Promise<ScanError> {
    const status = await this.#status();
    const fromStatus = status === undefined ? undefined : statusError(status, this.#feeder, pages);
    if (fromStatus !== undefined) return fromStatus;
    if (creating && (status?.state === 'Processing' || status?.state === 'Testing')) {
      return scanFailure('DEVICE_BUSY', `${detail}; ScannerStatus State=${status.state}`);
    }
    return scanFailure('IO_ERROR', detail);
  }

  async #backoff(ms: number): Promise<void> {
    await pause(ms, this.#abort.signal);
    if (this.#cancelled) {
      const abort = new Error('cancelled');
      abort.name = 'AbortError';
      throw abort;
    }
  }

  async #deleteJob(): Promise<void> {
    const url = this.#jobUrl;
    if (url === undefined) return;
    this.#jobUrl = undefined;
    try {
      // Not under the job's (aborted) signal: this request must still go out.
      await httpRequest(url, {
        method: 'DELETE',
        timeoutMs: Math.min(5_000, this.#options.timing.requestTimeoutMs),
      });
    } catch {
      // The device may already have dropped the job, or be gone: nothing more to stop.
    }
  }

  /** Aborts the request in flight and DELETEs the job on the device. */
  cancel(): Promise<void> {
    this.#cancelling ??= (async () => {
      this.#abort.abort();
      await this.#deleteJob();
    })();
    return this.#cancelling;
  }
}
