import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../../src/main/store/secret-store';
import { openStationStore } from '../../../src/main/app/station-store';
import { useTempDir } from '../../support/temp';

const tempDir = useTempDir('store-crash-');

/** Runs the saver until it has acknowledged `after` saves, then SIGKILLs it; returns the last acknowledged version per draft. */
function runAndKill(dataDir: string, keyDir: string, after: number): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    // node --import tsx: one process, so SIGKILL hits the writer itself (not an npx wrapper).
    const script = join(import.meta.dirname, 'fixtures/save-forever.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir, keyDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged = new Map<string, number>();
    let count = 0;
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const [, id, version] = line.split(' ');
        if (id && version) acknowledged.set(id, Number(version));
        count += 1;
        if (count === after) process.kill(child.pid!, 'SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || count >= after) resolve(acknowledged);
      else reject(new Error(`saver exited early (${code}): ${stderr}`));
    });
  });
}

describe('station store under SIGKILL', () => {
  it('keeps every acknowledged save, with its outbox rows, and an intact database', async () => {
    const dataDir = tempDir();
    const keyDir = join(tempDir(), 'keys');
    const kills = [40, 97, 153];
    let expected = new Map<string, number>();
    for (const after of kills) {
      const acknowledged = await runAndKill(dataDir, keyDir, after);
      expected = new Map([...expected, ...acknowledged]);
    }
    const store = await openStationStore({ dataDir, secrets: new FileSecretStore(keyDir) });
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    for (const [id, version] of expected) {
      const draft = store.drafts.mustGet(id);
      // The save in flight at the kill may or may not have committed; none acknowledged is missing.
      expect(draft.localVersion).toBeGreaterThanOrEqual(version);
      const saves = store.outbox.forRecord(id).filter((e) => e.kind === 'order.save');
      expect(saves).toHaveLength(draft.localVersion);
      for (const doc of store.documents.forDraft(id))
        expect(store.blobs.get(doc.sha256).length).toBe(doc.byteSize);
    }
    console.log(
      `crash test: ${kills.length} kills, ${expected.size} drafts, versions ${[...expected.values()].join(',')}`,
    );
    store.close();
  }, 120_000);
});
