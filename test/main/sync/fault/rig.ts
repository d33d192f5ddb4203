/**
 * The fault rig's fixed parts, for the sync fault test and the soak: the station and registry
 * children bundled, the registry started on a free port (its data in root/registry), a clerk signed
 * in once (the session every station life uses, in root/tokens.json), and eight scanned PDFs the
 * stations attach (root/pdfs). The proxies, the kill loop and the ledger are the caller's.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryClient } from '../../../../src/main/registry-client';
import { PASSWORD, TotpCodes, USERS } from '../support/directory';
import { sleep } from '../support/fault-proxy';
import { scanPdf } from '../support/pdf';
import { freePort } from './ledger';
import { prepare, start, type Child, type Runnable } from './processes';

export interface FaultRig {
  readonly root: string;
  readonly stationRun: Runnable;
  readonly port: number;
  /** The registry's data folder (pglite/, blobs/). */
  readonly registryDir: string;
  /** A client straight to the registry (no proxy), signed in as the clerk. */
  readonly direct: RegistryClient;
  readonly tokensFile: string;
  readonly pdfDir: string;
  readonly registry: () => Child;
  /** SIGKILLs the registry at a random moment, calls `killed`, and starts it again on its files. */
  restartRegistry(random: () => number, killed: () => void): Promise<void>;
  /** Stops the registry cleanly (SIGTERM), so its files can be opened by another process. */
  stopRegistry(): Promise<void>;
  close(): Promise<void>;
}

export async function openFaultRig(prefix: string): Promise<FaultRig> {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const [stationRun, registryRun] = await Promise.all([
    prepare('station-child.ts', { inline: true, external: ['better-sqlite3-multiple-ciphers'] }),
    prepare('registry-child.ts'),
  ]);
  const port = await freePort();
  const registryDir = join(root, 'registry');
  const registryEnv = { REGISTRY_DATA_DIR: registryDir, REGISTRY_PORT: String(port) };
  let registry = start(registryRun, registryEnv);
  const direct = new RegistryClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 60_000 });
  const close = async () => {
    direct.close();
    await registry.kill();
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await registry.waitFor(/^READY$/, 300_000);
    await direct.signIn({
      username: USERS.clerk.username,
      password: PASSWORD,
      totp: new TotpCodes().next(USERS.clerk) ?? '',
    });
    const tokensFile = join(root, 'tokens.json');
    writeFileSync(tokensFile, JSON.stringify(direct.session.current()));
    const pdfDir = join(root, 'pdfs');
    mkdirSync(pdfDir);
    for (let i = 0; i < 8; i += 1) {
      writeFileSync(
        join(pdfDir, `scan-${i}.pdf`),
        await scanPdf({ seed: 900 + i, pages: 1 + (i % 3), width: 300, height: 400 }),
      );
    }
    return {
      root,
      stationRun,
      port,
      registryDir,
      direct,
      tokensFile,
      pdfDir,
      registry: () => registry,
      async restartRegistry(random, killed) {
        await sleep(random() * 500);
        await registry.kill();
        killed();
        await sleep(200 + random() * 800);
        registry = start(registryRun, registryEnv);
        await registry.waitFor(/^READY$/, 300_000);
      },
      async stopRegistry() {
        registry.process.kill('SIGTERM');
        await registry.exited;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
