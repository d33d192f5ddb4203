/**
 * An OrderSink that writes each order's PDF into a directory, durably (temp, fsync, rename) and
 * without ever replacing another order's file: the final name is claimed with link(2), which fails
 * if the name exists, rather than rename(2), which would overwrite. A manifest (orders.json) maps
 * order ids to their files so a re-render replaces its own file only.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex, writeFileDurably } from './image-store';
import { OrderNameTakenError, type DeliveryReceipt, type OrderDelivery, type OrderSink } from './order-sink';

interface ManifestEntry {
  readonly fileName: string;
  readonly revision: number;
  readonly draftId?: string | undefined;
  readonly sha256: string;
}

export class DirectoryOrderSink implements OrderSink {
  private manifest: Record<string, ManifestEntry> | null = null;

  constructor(private readonly dir: string) {}

  async takenNames(): Promise<ReadonlySet<string>> {
    await mkdir(this.dir, { recursive: true });
    const names = await readdir(this.dir);
    return new Set(names.map((n) => n.toLowerCase()));
  }

  async deliver(delivery: OrderDelivery): Promise<DeliveryReceipt> {
    await mkdir(this.dir, { recursive: true });
    const manifest = await this.loadManifest();
    const key = `${delivery.batchId}/${delivery.orderId}`;
    const previous = manifest[key];
    const fileName = previous?.fileName ?? delivery.fileName;
    const path = join(this.dir, fileName);
    if (previous) {
      // Our own file for this order: replace it atomically.
      await writeFileDurably(path, delivery.pdf);
    } else {
      const tmp = join(this.dir, `.tmp-${randomBytes(6).toString('hex')}`);
      const handle = await open(tmp, 'wx');
      try {
        await handle.writeFile(delivery.pdf);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await link(tmp, path);
      } catch (error) {
        await unlink(tmp);
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new OrderNameTakenError(fileName);
        throw error;
      }
      await unlink(tmp);
      await this.syncDir();
    }
    const sha256 = sha256Hex(delivery.pdf);
    manifest[key] = { fileName, revision: delivery.revision, draftId: delivery.draftId, sha256 };
    await this.saveManifest(manifest);
    return { location: path, fileName, sha256, size: delivery.pdf.length };
  }

  private async loadManifest(): Promise<Record<string, ManifestEntry>> {
    if (this.manifest) return this.manifest;
    try {
      this.manifest = JSON.parse(await readFile(join(this.dir, '.orders.json'), 'utf8')) as Record<
        string,
        ManifestEntry
      >;
    } catch {
      this.manifest = {};
    }
    return this.manifest;
  }

  private async saveManifest(manifest: Record<string, ManifestEntry>): Promise<void> {
    const tmp = join(this.dir, `.orders.json.${randomBytes(4).toString('hex')}`);
    await writeFileDurably(tmp, new TextEncoder().encode(JSON.stringify(manifest, null, 1)));
    await rename(tmp, join(this.dir, '.orders.json'));
  }

  private async syncDir(): Promise<void> {
    const d = await open(this.dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  }
}
