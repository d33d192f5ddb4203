/**
 * Printing cover sheets: one Letter page per draft, with the draft id in a QR code and in Code 128,
 * the id again in text with its check character, and what a clerk needs to put the right sheet on
 * the right stack: court, case number, form. No names of any person: the sheet lies on desks and in
 * scanner trays, and the case number is enough to match it to the file.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { encodeCoverPayload, humanCoverCode } from '../../../shared/scan/cover-code';
import type { ProtectiveOrder } from '../../../shared/order/schema';
import { code128Modules } from '../separation/code128';
import { COVER_LAYOUT as L, MAX_CODE128_MODULE_PT, MIN_CODE128_MODULE_PT } from './layout';

/** What a cover sheet shows. Deliberately no person fields, so none can be printed by mistake. */
export interface CoverSheetInfo {
  readonly draftId: string;
  readonly courtName: string;
  readonly courtOri: string;
  readonly caseNumber?: string | undefined;
  readonly formId?: string | undefined;
  readonly issueDate?: string | undefined;
}

export interface CoverSheetOptions {
  /** When the sheets are printed (ISO); shown in the footer and used as the PDF date. */
  readonly printedAt: string;
  readonly station: string;
}

/** Picks from a draft only the fields a cover sheet may show. */
export function coverSheetInfoFromOrder(order: ProtectiveOrder): CoverSheetInfo {
  return {
    draftId: order.id,
    courtName: order.court.name,
    courtOri: order.court.ori,
    caseNumber: order.caseNumber,
    formId: order.formId,
    issueDate: order.issueDate,
  };
}

function drawQr(doc: PDFKit.PDFDocument, payload: string): void {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'Q' });
  const n = qr.modules.size;
  // 4-module quiet zone on each side, inside the box.
  const unit = L.qr.width / (n + 8);
  for (let r = 0; r < n; r += 1) {
    for (let c = 0; c < n; c += 1) {
      if (qr.modules.get(r, c)) doc.rect(L.qr.x + (c + 4) * unit, L.qr.y + (r + 4) * unit, unit, unit);
    }
  }
  doc.fill('black');
}

/** Draws the Code 128 symbol if it fits at a readable module width; returns whether it did. */
function drawCode128(doc: PDFKit.PDFDocument, payload: string): boolean {
  const modules = code128Modules(payload);
  const total = modules.reduce((a, b) => a + b, 0) + 20; // 10-module quiet zones
  const unit = Math.min(MAX_CODE128_MODULE_PT, L.code128.width / total);
  if (unit < MIN_CODE128_MODULE_PT) return false;
  let x = L.code128.x + (L.code128.width - total * unit) / 2 + 10 * unit;
  modules.forEach((m, i) => {
    if (i % 2 === 0) doc.rect(x, L.code128.y, m * unit, L.code128.height);
    x += m * unit;
  });
  doc.fill('black');
  return true;
}

function drawSheet(doc: PDFKit.PDFDocument, info: CoverSheetInfo, options: CoverSheetOptions): void {
  const payload = encodeCoverPayload(info.draftId);
  doc.rect(L.thickBar.x, L.thickBar.y, L.thickBar.width, L.thickBar.height).fill('black');
  doc.rect(L.thinBar.x, L.thinBar.y, L.thinBar.width, L.thinBar.height).fill('black');
  doc
    .font('Helvetica-Bold')
    .fontSize(20)
    .fillColor('black')
    .text('ORDER COVER SHEET', L.title.x, L.title.y, { width: L.title.width });

  const rows: [string, string][] = [
    ['Court', info.courtName],
    ['Court ORI', info.courtOri],
    ['Case number', info.caseNumber ?? '(not entered yet)'],
    ['Form', info.formId ?? '(not entered yet)'],
    ['Issued', info.issueDate ?? '—'],
  ];
  let y = L.details.y;
  for (const [label, value] of rows) {
    doc.font('Helvetica').fontSize(10).text(label, L.details.x, y, { width: 100 });
    doc
      .font('Helvetica-Bold')
      .fontSize(13)
      .text(value, L.details.x + 100, y - 2, { width: L.details.width - 100 });
    y += 34;
  }
  drawQr(doc, payload);
  const printed = drawCode128(doc, payload);
  doc.font('Courier-Bold').fontSize(14).text(humanCoverCode(info.draftId), L.humanCode.x, L.humanCode.y, {
    width: L.humanCode.width,
    align: 'center',
  });
  doc
    .font('Helvetica')
    .fontSize(11)
    .text(
      [
        'Put this sheet on top of the order it names, face up, and scan the stack.',
        'Every page after it, up to the next cover sheet, becomes one PDF attached to this draft.',
        'Print on one side only. Do not staple through the bars or the codes.',
        'If the station cannot read the codes it stops that order for review; the code printed under',
        'the barcode (with its check character after the dot) can then be typed in.',
        printed ? '' : 'This id is too long for the bar code: the QR code carries it alone.',
      ].join('\n'),
      L.instructions.x,
      L.instructions.y,
      { width: L.instructions.width, lineGap: 4 },
    );
  doc
    .fontSize(8)
    .fillColor('#444444')
    .text(
      `Printed ${options.printedAt} at ${options.station}. This sheet carries no personal names.`,
      L.footer.x,
      L.footer.y,
      {
        width: L.footer.width,
        align: 'center',
      },
    );
}

/** Renders one PDF with a cover sheet per draft, in the order given. */
export async function renderCoverSheets(
  sheets: readonly CoverSheetInfo[],
  options: CoverSheetOptions,
): Promise<Uint8Array> {
  if (sheets.length === 0) throw new Error('No cover sheets to print.');
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 0,
    autoFirstPage: false,
    info: {
      Title: sheets.length === 1 ? 'Order cover sheet' : `${sheets.length} order cover sheets`,
      Creator: 'CCPOR Station',
      CreationDate: new Date(options.printedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  for (const info of sheets) {
    doc.addPage({ size: 'LETTER', margin: 0 });
    drawSheet(doc, info, options);
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
