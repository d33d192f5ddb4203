/**
 * File operations of the hot folder: listing with sizes and times, reading a file whole (and only
 * when no one else holds it), moving a file aside without overwriting anything, and removing the
 * very file that was taken (not a newer one under the same name).
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { freeName, isCandidateName } from './folder-names';

export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
}

/** Candidate files in the folder (not subfolders, not temporary or hidden names) with size and time. */
export async function listCandidates(folder: string): Promise<Map<string, FileStamp>> {
  const found = new Map<string, FileStamp>();
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (!entry.isFile() || !isCandidateName(entry.name)) continue;
    try {
      const s = await stat(join(folder, entry.name));
      found.set(entry.name, { size: s.size, mtimeMs: s.mtimeMs });
    } catch {
      // gone between listing and stat: the next poll will not see it either
    }
  }
  return found;
}

export type ReadOutcome =
  | { readonly kind: 'read'; readonly bytes: Uint8Array; readonly stamp: FileStamp }
  | { readonly kind: 'locked' }
  | { readonly kind: 'vanished' };

/**
 * Reads the whole file. On Windows it is opened read-write, which fails while the capture software
 * still holds it open without sharing; on every OS the size must match after reading.
 */
export async function readWhole(path: string): Promise<ReadOutcome> {
  let handle;
  try {
    handle = await open(path, process.platform === 'win32' ? 'r+' : 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'vanished' };
    if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') return { kind: 'locked' };
    throw error;
  }
  try {
    const before = await handle.stat();
    const buffer = await handle.readFile();
    const after = await handle.stat();
    if (buffer.length !== after.size || before.size !== after.size || before.mtimeMs !== after.mtimeMs) {
      return { kind: 'locked' }; // still changing under us: try again at the next poll
    }
    return {
      kind: 'read',
      bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
      stamp: { size: after.size, mtimeMs: after.mtimeMs },
    };
  } finally {
    await handle.close();
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Moves `name` into `folder/sub/`, never overwriting: a taken name becomes "name (2).ext". Returns the new path. */
export async function moveAside(folder: string, name: string, sub: string): Promise<string> {
  const target = join(folder, sub);
  await mkdir(target, { recursive: true });
  const free = freeName(name, new Set(await readdir(target)));
  const destination = join(target, free);
  await rename(join(folder, name), destination);
  return destination;
}

/**
 * Removes `folder/name` if it is still the file described by `stamp` (same size and modification
 * time); a newer file under the same name is a new scan and stays. Returns whether it was removed.
 * A plain unlink: overwriting first gives nothing on journalling file systems and SSDs (the old
 * blocks live on elsewhere), and the folder is meant to be on the station's own disk.
 */
export async function removeIfUnchanged(folder: string, name: string, stamp: FileStamp): Promise<boolean> {
  const path = join(folder, name);
  const now = await stat(path).catch(() => null);
  if (now?.isFile() !== true || now.size !== stamp.size || now.mtimeMs !== stamp.mtimeMs) return false;
  try {
    await unlink(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
