/**
 * What the main thread sends a page worker and what it gets back. Byte arrays travel as transferred
 * ArrayBuffers (no copy); everything else is plain data.
 */
import type { Problem } from '../../../shared/errors';
import type { BlankResult } from '../image/blank';
import type { SeparatorReading } from '../separation/read-separator';

export type OutputMode = 'bilevel' | 'gray';
export type BilevelEncoding = 'g4' | 'flate';
export type ImageEncoding = 'ccitt-g4' | 'flate-1bit' | 'jpeg';

export interface PageProcessingOptions {
  /** 'bilevel' for the compact black-and-white record; 'gray' keeps shades (stamps, photos). */
  readonly output: OutputMode;
  readonly bilevelEncoding: BilevelEncoding;
  /** JPEG quality for gray pages (1–100). */
  readonly jpegQuality: number;
  readonly blankThresholdPercent: number;
  readonly despeckle: boolean;
}

export const DEFAULT_PROCESSING: PageProcessingOptions = {
  output: 'bilevel',
  bilevelEncoding: 'g4',
  jpegQuality: 70,
  blankThresholdPercent: 0.02,
  despeckle: true,
};

export interface PageTask {
  readonly index: number;
  readonly format: string;
  readonly bytes: Uint8Array;
  readonly resolutionDpi: number;
  readonly options: PageProcessingOptions;
}

/** A page image ready to be placed in a PDF as it is. */
export interface EncodedPageImage {
  readonly encoding: ImageEncoding;
  readonly width: number;
  readonly height: number;
  readonly dpi: number;
  readonly bytes: Uint8Array;
}

export interface PageTimings {
  readonly decodeMs: number;
  readonly analyseMs: number;
  readonly encodeMs: number;
}

export type PageTaskResult =
  | {
      readonly ok: true;
      readonly index: number;
      readonly image: EncodedPageImage;
      readonly blank: BlankResult;
      readonly separator: SeparatorReading;
      /** True when the source bytes went into the PDF without re-encoding (a gray JPEG). */
      readonly passthrough: boolean;
      readonly timings: PageTimings;
    }
  | { readonly ok: false; readonly index: number; readonly error: Problem };
