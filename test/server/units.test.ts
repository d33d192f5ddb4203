/** Pure parts of the registry: TOTP (RFC 6238 vectors), passwords, tokens, config, ranges, names, blobs. */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/server/auth/password';
import { digestToken, newRefreshToken, TokenSigner } from '../../src/server/auth/tokens';
import { base32Decode, base32Encode, hotp, matchTotp, totpAt, totpStep } from '../../src/server/auth/totp';
import { FileBlobStore } from '../../src/server/blobs/filesystem';
import { ChecksumMismatchError } from '../../src/server/blobs/store';
import { ConfigError, DEFAULT_CONFIG, loadConfig } from '../../src/server/config';
import { parseRange } from '../../src/server/http/range';
import { todayIn } from '../../src/server/orders/clock';
import { decodeCursor, encodeCursor } from '../../src/server/queue/changes';
import { normalizeCaseNumber, normalizeName } from '../../src/server/search/normalize';
import { Prng } from '../../src/server/seed/prng';
import { typo } from '../../src/server/seed/names';

describe('TOTP (RFC 6238 / RFC 4226)', () => {
  // RFC 6238 Appendix B: the seeds are the ASCII strings below; 8-digit codes.
  const seeds = {
    sha1: base32Encode(Buffer.from('12345678901234567890')),
    sha256: base32Encode(Buffer.from('12345678901234567890123456789012')),
    sha512: base32Encode(Buffer.from('1234567890123456789012345678901234567890123456789012345678901234')),
  };
  const vectors: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  it.each(vectors)('at %i s gives the RFC values', (time, sha1, sha256, sha512) => {
    expect(totpAt(seeds.sha1, time, 8, 'sha1')).toBe(sha1);
    expect(totpAt(seeds.sha256, time, 8, 'sha256')).toBe(sha256);
    expect(totpAt(seeds.sha512, time, 8, 'sha512')).toBe(sha512);
  });

  it('matches RFC 4226 HOTP test values', () => {
    const key = Buffer.from('12345678901234567890');
    expect([0, 1, 2, 9].map((c) => hotp(key, c))).toEqual(['755224', '287082', '359152', '520489']);
  });

  it('accepts one step of drift, refuses replays and older steps', () => {
    const secret = seeds.sha1;
    const now = 1_700_000_000;
    const previous = totpAt(secret, now - 30);
    expect(matchTotp(secret, previous, now, 0)).toBe(totpStep(now) - 1);
    expect(matchTotp(secret, totpAt(secret, now - 90), now, 0)).toBeNull();
    const current = totpAt(secret, now);
    expect(matchTotp(secret, current, now, totpStep(now))).toBeNull();
    expect(matchTotp(secret, '12345', now, 0)).toBeNull();
  });

  it('round-trips Base32', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255, 7]);
    expect(base32Decode(base32Encode(bytes)).equals(bytes)).toBe(true);
    expect(() => base32Decode('not base32!')).toThrow();
  });
});

describe('passwords', () => {
  it('hash with PBKDF2 and a random salt, and verify', async () => {
    const a = await hashPassword('correct horse', 1000);
    const b = await hashPassword('correct horse', 1000);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsf', a)).toBe(false);
    expect(await verifyPassword('correct horse', { ...a, iterations: 1001 })).toBe(false);
  });
});

describe('tokens', () => {
  it('verify their own signature only', () => {
    const signer = new TokenSigner('x'.repeat(40));
    const claims = {
      sid: '6f1c0b8e-3a52-4d7e-9a0b-1c2d3e4f5a6b',
      uid: '0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a',
      exp: 123,
    };
    const token = signer.sign(claims);
    expect(signer.verify(token)).toEqual(claims);
    // Correctly signed but malformed claims are not a token (issue 12): ids are UUIDs, expiry whole.
    expect(signer.verify(signer.sign({ ...claims, sid: 's' }))).toBeNull();
    expect(signer.verify(signer.sign({ ...claims, exp: 1.5 }))).toBeNull();
    expect(new TokenSigner('y'.repeat(40)).verify(token)).toBeNull();
    const [payload, mac] = token.split('.');
    const tampered = `${Buffer.from(JSON.stringify({ sid: 's', uid: 'admin', exp: 999 })).toString('base64url')}.${mac}`;
    expect(signer.verify(tampered)).toBeNull();
    expect(signer.verify(`${payload}`)).toBeNull();
    expect(signer.verify(`${token}.x`)).toBeNull();
  });
  it('keep refresh tokens only as digests', () => {
    const t = newRefreshToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(digestToken(t)).toBe(createHash('sha256').update(t).digest('hex'));
  });
});

describe('configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccpor-config-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('defaults to PGlite on loopback port 4300 with 600,000 PBKDF2 iterations', () => {
    const c = loadConfig({}, {});
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 4300,
      databaseUrl: null,
      pbkdf2Iterations: 600_000,
      lockoutThreshold: 5,
      lockoutMinutes: 10,
      claimMinutes: 30,
      tls: null,
    });
    expect(c.dataDir).toMatch(/\.data\/registry$/);
  });

  it('layers file, then environment, then overrides', () => {
    const file = join(dir, 'registry.json');
    writeFileSync(file, JSON.stringify({ port: 5000, claimMinutes: 45, banner: 'From the file' }));
    const c = loadConfig(
      { claimMinutes: 5 },
      { REGISTRY_CONFIG: file, REGISTRY_PORT: '6000', DATABASE_URL: 'postgres://x/y', REGISTRY_DEMO: '1' },
    );
    expect(c).toMatchObject({
      port: 6000,
      claimMinutes: 5,
      banner: 'From the file',
      databaseUrl: 'postgres://x/y',
      demo: true,
    });
  });

  it('names the setting that is wrong', () => {
    expect(() => loadConfig({}, { REGISTRY_PORT: 'eighty' })).toThrow(/REGISTRY_PORT/);
    expect(() => loadConfig({ pbkdf2Iterations: 10 }, {})).toThrow(/pbkdf2Iterations/);
    expect(() => loadConfig({}, { REGISTRY_TLS_CERT: '/x.pem' })).toThrow(ConfigError);
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ prot: 1 }));
    expect(() => loadConfig({}, { REGISTRY_CONFIG: file })).toThrow(/prot/);
    expect(DEFAULT_CONFIG.pbkdf2Iterations).toBeGreaterThanOrEqual(600_000);
  });
});

describe('HTTP ranges', () => {
  it('parse the single-range forms and refuse impossible ones', () => {
    expect(parseRange(undefined, 100)).toEqual({ kind: 'all' });
    expect(parseRange('bytes=0-9', 100)).toEqual({ kind: 'range', range: { start: 0, end: 9 } });
    expect(parseRange('bytes=90-', 100)).toEqual({ kind: 'range', range: { start: 90, end: 99 } });
    expect(parseRange('bytes=-10', 100)).toEqual({ kind: 'range', range: { start: 90, end: 99 } });
    expect(parseRange('bytes=50-500', 100)).toEqual({ kind: 'range', range: { start: 50, end: 99 } });
    expect(parseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=9-3', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-1,5-6', 100)).toEqual({ kind: 'all' });
  });
});

describe('normalisation and small helpers', () => {
  it('folds names and case numbers the same way for indexing and searching', () => {
    expect(normalizeName("  Nuñez-O'Brien  ")).toBe('NUNEZ OBRIEN');
    expect(normalizeName('García')).toBe('GARCIA');
    expect(normalizeName(undefined)).toBe('');
    expect(normalizeCaseNumber('dv-24 000.123')).toBe('DV24000123');
    expect(normalizeCaseNumber('--')).toBeNull();
  });
  it('computes the court date in its time zone', () => {
    // 2026-03-01 06:00 UTC is still 2026-02-28 in California.
    expect(todayIn('America/Los_Angeles', new Date('2026-03-01T06:00:00Z'))).toBe('2026-02-28');
  });
  it('round-trips change-feed cursors and refuses foreign ones', () => {
    expect(decodeCursor(encodeCursor('42'))).toBe('42');
    expect(decodeCursor(undefined)).toBe('0');
    expect(() => decodeCursor('abc')).toThrow(/cursor/);
  });
  it('generates the same data from the same seed', () => {
    const a = new Prng(7);
    const b = new Prng(7);
    expect([a.uuid(), a.int(1, 100), typo(a, 'Hernandez')]).toEqual([
      b.uuid(),
      b.int(1, 100),
      typo(b, 'Hernandez'),
    ]);
    expect(new Prng(7).uuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('filesystem blob store', () => {
  const root = mkdtempSync(join(tmpdir(), 'ccpor-blobs-'));
  const store = new FileBlobStore(root);
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('stores bytes under their SHA-256 and reads them back, whole or by range', async () => {
    const bytes = Buffer.from('%PDF-1.7 hello blob');
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(await store.put(Readable.from([bytes]))).toEqual({ sha256: sha, size: bytes.length });
    expect(await store.stat(sha)).toEqual({ sha256: sha, size: bytes.length });
    const read = async (s: Readable) => Buffer.concat(await s.toArray());
    expect((await read(await store.read(sha))).equals(bytes)).toBe(true);
    expect((await read(await store.read(sha, { start: 9, end: 13 }))).toString()).toBe('hello');
    expect(readdirSync(join(root, sha.slice(0, 2), sha.slice(2, 4)))).toEqual([sha]);
  });

  it('keeps nothing when the bytes do not match the expected digest', async () => {
    await expect(store.put(Readable.from([Buffer.from('other')]), 'f'.repeat(64))).rejects.toBeInstanceOf(
      ChecksumMismatchError,
    );
    expect(await store.stat('f'.repeat(64))).toBeNull();
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });
});
