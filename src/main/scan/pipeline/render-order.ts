/**
 * Rendering one order of a batch model to PDF bytes: the included pages, in the model's order and
 * rotation, with their stored images. A pure function of (model, images, metadata), so the UI calls
 * it again after any edit and gets exactly what the pipeline would have produced.
 */
import { renderOrderPdf, type OrderPdfPage } from '../pdf/order-pdf';
import type { PageImageStore } from './image-store';
import { type Batch, orderById, pageById } from './model';
import type { DraftInfo, StationContext } from './naming';

export interface RenderOrderMeta {
  readonly fileName: string;
  readonly station: StationContext;
  readonly draft?: DraftInfo | undefined;
}

/** Number of pages that would go into the order's PDF. */
export function includedPageCount(batch: Batch, orderId: string): number {
  return orderById(batch, orderId)?.pages.filter((p) => p.included).length ?? 0;
}

export async function renderOrder(
  batch: Batch,
  orderId: string,
  images: PageImageStore,
  meta: RenderOrderMeta,
): Promise<Uint8Array> {
  const order = orderById(batch, orderId);
  if (!order) throw new Error(`There is no order ${orderId} in this batch.`);
  const pages: OrderPdfPage[] = [];
  for (const entry of order.pages) {
    if (!entry.included) continue;
    const page = pageById(batch, entry.pageId);
    if (!page?.image) continue;
    const { ref, ...image } = page.image;
    pages.push({ image: { ...image, bytes: await images.get(ref) }, rotation: entry.rotation });
  }
  return renderOrderPdf(pages, {
    title: meta.fileName,
    courtName: meta.station.courtName,
    courtOri: meta.station.courtOri,
    caseNumber: meta.draft?.caseNumber,
    formId: meta.draft?.formId,
    station: meta.station.station,
    createdAt: batch.startedAt,
  });
}
