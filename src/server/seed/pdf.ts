/**
 * A specimen PDF image of an order (pdfkit), stamped as fictional demo data. Dates in the PDF
 * metadata are fixed so the same order always yields the same bytes (and the same SHA-256).
 */
import PDFDocument from 'pdfkit';
import { displayName, type ProtectiveOrder } from '../../shared/order';

export async function specimenPdf(order: ProtectiveOrder, pages = 2): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 54,
    info: {
      Title: `${order.formId ?? 'Order'} specimen`,
      Producer: 'CCPOR demo seed',
      CreationDate: new Date(Date.UTC(2026, 0, 1)),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  for (let page = 1; page <= pages; page += 1) {
    if (page > 1) doc.addPage();
    doc
      .fontSize(10)
      .fillColor('#b00')
      .text('SPECIMEN — FICTIONAL DEMO DATA — NOT A COURT ORDER', { align: 'center' });
    doc
      .moveDown()
      .fillColor('#000')
      .fontSize(16)
      .text(`${order.formId ?? ''} ${page === 1 ? 'Restraining Order' : '(continued)'}`);
    doc.fontSize(11).moveDown();
    doc.text(order.court.name);
    doc.text(`Case number: ${order.caseNumber ?? '—'}`);
    doc.text(`Restrained person: ${displayName(order.restrainedPerson.name)}`);
    doc.text(`Protected: ${order.protectedPersons.map((p) => displayName(p.name)).join('; ')}`);
    doc.text(`Issued ${order.issueDate ?? '—'}, expires ${order.expirationDate ?? '—'}`);
    doc.text(`Conditions: ${order.conditions.codes.join(', ')}`);
    doc.moveDown().fontSize(9).text(`Page ${page} of ${pages}`, { align: 'right' });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
