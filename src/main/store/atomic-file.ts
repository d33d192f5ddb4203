/**
 * Durable file writes: temp file → fsync → rename → fsync(directory). After `writeFileDurably`
 * returns, the file survives a power cut under its final name, and no reader ever sees half of it.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function writeFileDurably(path: string, data: Uint8Array): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.tmp-${randomBytes(6).toString('hex')}`);
  const fd = openSync(temp, 'wx', 0o600);
  let renamed = false;
  try {
    try {
      let offset = 0;
      while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    renamed = true;
    fsyncDirectory(dir);
  } catch (error) {
    // A full or failing disk: leave no temp file taking the space the clerk is asked to free. Once
    // renamed, the file is whole but its directory entry may not be durable; it is not yet referred
    // to (callers refer only after this returns), so removing it keeps "referenced ⇒ durable" true.
    rmSync(renamed ? path : temp, { force: true });
    throw error;
  }
}
