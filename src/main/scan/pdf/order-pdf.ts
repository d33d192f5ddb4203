/**
 * One order's PDF with pdfkit. Page images are embedded as they come from the workers, with no
 * re-encoding: CCITT G4 (/CCITTFaxDecode), 1-bit Flate, or JPEG (/DCTDecode). pdfkit's own image()
 * only takes JPEG and PNG, so image XObjects are written directly (doc.ref) and drawn with a raw
 * content operator. Each page is Letter when the scan is Letter-sized (within 3 %), otherwise the
 * scan's own size; the image fills it at the scan resolution. Rotation is a page transform, not a
 * pixel operation. With a fixed creation date the output is a pure function of the input.
 */
import { assertNever } from '../../../shared/errors';
import PDFDocument from 'pdfkit';
import type { EncodedPageImage } from '../worker/page-task';
import { LETTER_PT } from '../cover-sheet/layout';

export type PdfRotation = 0 | 90 | 180 | 270;

export interface OrderPdfPage {
  readonly image: EncodedPageImage;
  readonly rotation: PdfRotation;
}

export interface OrderPdfMeta {
  /** The file name; also the PDF title. */
  readonly title: string;
  readonly courtName?: string | undefined;
  readonly courtOri?: string | undefined;
  readonly caseNumber?: string | undefined;
  readonly formId?: string | undefined;
  readonly station: string;
  /** ISO timestamp used as the PDF creation date (the batch's scan time). */
  readonly createdAt: string;
}

function imageDictionary(doc: PDFKit.PDFDocument, image: EncodedPageImage): PDFKit.PDFKitReference {
  const base = {
    Type: 'XObject',
    Subtype: 'Image',
    Width: image.width,
    Height: image.height,
    ColorSpace: 'DeviceGray',
  };
  switch (image.encoding) {
    case 'ccitt-g4':
      return doc.ref({
        ...base,
        BitsPerComponent: 1,
        Filter: 'CCITTFaxDecode',
        // BlackIs1 false (the default): the filter yields 0 for black, which DeviceGray shows as black.
        DecodeParms: { K: -1, Columns: image.width, Rows: image.height },
      });
    case 'flate-1bit':
      // Our bits are 1 = black; DeviceGray's 1 is white, hence the inverted Decode array.
      return doc.ref({ ...base, BitsPerComponent: 1, Filter: 'FlateDecode', Decode: [1, 0] });
    case 'jpeg':
      return doc.ref({ ...base, BitsPerComponent: 8, Filter: 'DCTDecode' });
    default:
      return assertNever(image.encoding, 'image encoding');
  }
}

function pageSize(image: EncodedPageImage): { width: number; height: number } {
  const width = (image.width / image.dpi) * 72;
  const height = (image.height / image.dpi) * 72;
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= b * 0.03;
  if (near(width, LETTER_PT.width) && near(height, LETTER_PT.height)) return { ...LETTER_PT };
  if (near(width, LETTER_PT.height) && near(height, LETTER_PT.width))
    return { width: LETTER_PT.height, height: LETTER_PT.width };
  return { width, height };
}

/** The image matrix in PDF user space (origin bottom-left) for an image of w × h pt turned clockwise. */
function placement(w: number, h: number, rotation: PdfRotation): readonly number[] {
  switch (rotation) {
    case 0:
      return [w, 0, 0, h, 0, 0];
    case 90:
      return [0, -w, h, 0, 0, w];
    case 180:
      return [-w, 0, 0, -h, w, h];
    case 270:
      return [0, w, -h, 0, h, 0];
    default:
      return assertNever(rotation, 'rotation');
  }
}

const fmt = (n: number): string => String(Math.round(n * 1000) / 1000);

export async function renderOrderPdf(
  pages: readonly OrderPdfPage[],
  meta: OrderPdfMeta,
): Promise<Uint8Array> {
  if (pages.length === 0) throw new Error('An order PDF needs at least one page.');
  const keywords = [meta.caseNumber, meta.courtOri, meta.formId].filter((k): k is string => !!k);
  const doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    displayTitle: true,
    info: {
      Title: meta.title,
      Subject: [meta.courtName ?? meta.courtOri, meta.caseNumber ? `case ${meta.caseNumber}` : undefined]
        .filter(Boolean)
        .join(', '),
      Keywords: keywords.join(', '),
      Author: meta.station,
      Creator: 'CCPOR Station',
      CreationDate: new Date(meta.createdAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  pages.forEach((page, i) => {
    const upright = pageSize(page.image);
    const turned = page.rotation === 90 || page.rotation === 270;
    const size = turned ? { width: upright.height, height: upright.width } : upright;
    doc.addPage({ size: [size.width, size.height], margin: 0 });
    const ref = imageDictionary(doc, page.image);
    ref.end(Buffer.from(page.image.bytes.buffer, page.image.bytes.byteOffset, page.image.bytes.byteLength));
    const name = `Im${i + 1}`;
    (doc.page as unknown as { xobjects: Record<string, PDFKit.PDFKitReference> }).xobjects[name] = ref;
    const m = placement(upright.width, upright.height, page.rotation).map(fmt).join(' ');
    // pdfkit's page space is flipped (origin top-left); undo that for this one operator.
    doc.addContent(`q 1 0 0 -1 0 ${fmt(size.height)} cm ${m} cm /${name} Do Q`);
  });
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
