import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession } from '../../../../../main/core/aws/roles-anywhere-client';
import { SessionCache, recordId } from '../../../../../main/core/aws/session-cache';
import type { CachedSession } from '../../../../../shared/credentials';
import { createSecretStore } from '../../../../../main/core/vault/select-store';
import { Vault } from '../../../../../main/core/vault/vault';
import type { Emulator } from '../../../../emulator';
import { emulatorFor, makePki, sessionParams } from './roles-anywhere-client.fixtures';
import type { Pki } from './roles-anywhere-client.fixtures';

const PASSPHRASE = 'correct horse battery staple';
const ROOT = process.cwd();

let dataDir: string;
let emulator: Emulator;
let pki: Pki;

function vaultFor(dir: string): Vault {
  return new Vault(
    dir,
    createSecretStore(dir, { ANCHORAGE_VAULT: 'file', ANCHORAGE_VAULT_PASSPHRASE: PASSPHRASE }),
  );
}

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'anchorage-session-'));
  pki = await makePki({ keyType: 'ec-p256' });
  emulator = await emulatorFor(pki.root.certificatePem);
});

afterEach(async () => {
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const create = (): Promise<CachedSession> => createSession(sessionParams(pki, emulator));

/** Every byte of every file under `dir`. */
function allFiles(dir: string): Buffer[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [readFileSync(path)];
  });
}

describe('SessionCache', () => {
  it('serves the second call from the cache: one CreateSession', async () => {
    const cache = new SessionCache(dataDir, vaultFor(dataDir));
    const first = await cache.getOrCreate('dev', create);
    const second = await cache.getOrCreate('dev', create);
    expect(first.fromCache).toBe(false);
    expect(second.fromCache).toBe(true);
    expect(second.credentials).toEqual(first.credentials);
    expect(emulator.stats().createSession).toBe(1);
    // Another process (a new Vault and cache over the same directory) sees it too.
    const third = await new SessionCache(dataDir, vaultFor(dataDir)).getOrCreate('dev', create);
    expect(third.fromCache).toBe(true);
    expect(emulator.stats().createSession).toBe(1);
  });

  it('refreshes credentials with less than the margin left', async () => {
    const vault = vaultFor(dataDir);
    await new SessionCache(dataDir, vault).getOrCreate('dev', create);
    // 3600 s sessions: 56 minutes later 4 minutes remain, under the 5-minute default margin.
    const later = new SessionCache(dataDir, vault, () => new Date(Date.now() + 56 * 60_000));
    expect(await later.get('dev')).toBeUndefined();
    expect(await later.get('dev', 120)).toBeDefined();
    const refreshed = await later.getOrCreate('dev', create);
    expect(refreshed.fromCache).toBe(false);
    expect(emulator.stats().createSession).toBe(2);
    // A margin the user raised makes even fresh credentials stale.
    const eager = await new SessionCache(dataDir, vault).getOrCreate('dev', create, {
      minRemainingSeconds: 3600,
    });
    expect(eager.fromCache).toBe(false);
    expect(emulator.stats().createSession).toBe(3);
  });

  it('judges expiry on AWS’s clock when ours was off', async () => {
    const vault = vaultFor(dataDir);
    const cache = new SessionCache(dataDir, vault);
    const expiration = new Date(Date.now() + 10 * 60_000).toISOString();
    const base = { accessKeyId: 'ASIAX', secretAccessKey: 's', sessionToken: 't', expiration, roleArn: 'r' };
    await cache.put('skewed', { ...base, clockOffsetMs: 6 * 60_000 }); // AWS is 6 min ahead of us
    expect(await cache.get('skewed')).toBeUndefined(); // 10 − 6 = 4 min left < 5
    await cache.put('skewed', base);
    expect(await cache.get('skewed')).toBeDefined();
  });

  it('bypasses the cache with noCache, and keeps the new session for the next caller', async () => {
    const cache = new SessionCache(dataDir, vaultFor(dataDir));
    const first = await cache.getOrCreate('dev', create);
    const forced = await cache.getOrCreate('dev', create, { noCache: true });
    expect(forced.fromCache).toBe(false);
    expect(forced.credentials.accessKeyId).not.toBe(first.credentials.accessKeyId);
    expect(emulator.stats().createSession).toBe(2);
    expect((await cache.getOrCreate('dev', create)).credentials.accessKeyId).toBe(
      forced.credentials.accessKeyId,
    );
  });

  it('misses when the profile’s fingerprint changed, and after clear()', async () => {
    const cache = new SessionCache(dataDir, vaultFor(dataDir));
    await cache.getOrCreate('dev', create, { fingerprint: 'role-a' });
    expect((await cache.getOrCreate('dev', create, { fingerprint: 'role-a' })).fromCache).toBe(true);
    expect((await cache.getOrCreate('dev', create, { fingerprint: 'role-b' })).fromCache).toBe(false);
    await cache.clear('dev');
    expect(await cache.get('dev')).toBeUndefined();
    expect(emulator.stats().createSession).toBe(2);
  });

  it('keeps profiles apart, including names that differ only in case', async () => {
    const cache = new SessionCache(dataDir, vaultFor(dataDir));
    const a = await cache.getOrCreate('Prod', create);
    const b = await cache.getOrCreate('prod', create);
    expect(a.credentials.accessKeyId).not.toBe(b.credentials.accessKeyId);
    expect(recordId('prod')).toBe('session.prod');
    expect(recordId('Prod')).toMatch(/^session-h\.[0-9a-f]{40}$/);
  });

  it('treats a damaged record as a miss and replaces it', async () => {
    const vault = vaultFor(dataDir);
    const cache = new SessionCache(dataDir, vault);
    await vault.put(recordId('dev'), new TextEncoder().encode('not json'));
    const result = await cache.getOrCreate('dev', create);
    expect(result.fromCache).toBe(false);
    expect((await cache.getOrCreate('dev', create)).fromCache).toBe(true);
  });

  it('takes no lock on the warm path', async () => {
    const cache = new SessionCache(dataDir, vaultFor(dataDir));
    await cache.getOrCreate('dev', create);
    // A lock held by a live process (our parent): a cache hit must not wait for it.
    mkdirSync(join(dataDir, 'locks'), { recursive: true });
    const holder = JSON.stringify({ pid: process.ppid, token: 'ab'.repeat(12) });
    writeFileSync(join(dataDir, 'locks', 'session-dev.lock'), holder);
    const started = Date.now();
    const hit = await cache.getOrCreate('dev', create, { lockTimeoutMs: 2000 });
    expect(hit.fromCache).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    // …while a miss does wait for it, and says so when it gives up.
    await expect(cache.getOrCreate('other', create, { lockTimeoutMs: 300 })).resolves.toBeDefined(); // other lock file
    await expect(
      cache.getOrCreate('dev', create, { lockTimeoutMs: 300, minRemainingSeconds: 3600 }),
    ).rejects.toMatchObject({ code: 'LOCK_TIMEOUT' });
  });

  it('stores nothing secret in clear in the data directory', async () => {
    const cache = new SessionCache(dataDir, vaultFor(dataDir));
    const { credentials } = await cache.getOrCreate('dev', create);
    const files = allFiles(dataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const bytes of files) {
      for (const secret of [
        credentials.secretAccessKey,
        credentials.sessionToken,
        credentials.sessionToken.slice(0, 40),
      ]) {
        expect(bytes.includes(Buffer.from(secret))).toBe(false);
        expect(bytes.includes(Buffer.from(Buffer.from(secret).toString('base64')))).toBe(false);
      }
    }
  });

  it('makes exactly one CreateSession for 20 concurrent processes', async () => {
    // The real credential_process shape: each process opens the vault (passphrase file), reads the client
    // key from it, and asks the cache. The key goes through the vault, not argv or env.
    const vault = vaultFor(dataDir);
    await vault.put('key.client', pki.privateKeyPkcs8);
    const script = join(dataDir, 'child.mts');
    writeFileSync(
      script,
      `
import { createSession } from ${JSON.stringify(resolve(ROOT, 'main/core/aws/roles-anywhere-client.ts'))};
import { SessionCache } from ${JSON.stringify(resolve(ROOT, 'main/core/aws/session-cache.ts'))};
import { createSecretStore } from ${JSON.stringify(resolve(ROOT, 'main/core/vault/select-store.ts'))};
import { Vault } from ${JSON.stringify(resolve(ROOT, 'main/core/vault/vault.ts'))};
const env = process.env;
const dataDir = env.TEST_DATA_DIR!;
const vault = new Vault(dataDir, createSecretStore(dataDir, env));
const cache = new SessionCache(dataDir, vault);
const result = await cache.getOrCreate('ci', async () =>
  createSession({
    certificateDer: Buffer.from(env.TEST_CERT_B64!, 'base64'),
    privateKeyPkcs8: await vault.get('key.client'),
    trustAnchorArn: env.TEST_TA!, profileArn: env.TEST_PROFILE!, roleArn: env.TEST_ROLE!,
    region: env.TEST_REGION!, durationSeconds: 3600, endpoint: env.TEST_ENDPOINT!,
  }),
);
process.stdout.write(JSON.stringify({ accessKeyId: result.credentials.accessKeyId, fromCache: result.fromCache }));
`,
    );
    const params = sessionParams(pki, emulator);
    const env = {
      ...process.env,
      ANCHORAGE_VAULT: 'file',
      ANCHORAGE_VAULT_PASSPHRASE: PASSPHRASE,
      TEST_DATA_DIR: dataDir,
      TEST_CERT_B64: Buffer.from(pki.certificateDer).toString('base64'),
      TEST_TA: params.trustAnchorArn,
      TEST_PROFILE: params.profileArn,
      TEST_ROLE: params.roleArn,
      TEST_REGION: params.region,
      TEST_ENDPOINT: emulator.url,
    };
    const run = (): Promise<{ accessKeyId: string; fromCache: boolean }> =>
      new Promise((done, fail) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script], {
          cwd: ROOT,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        child.on('error', fail);
        child.on('close', (code) =>
          code === 0 ? done(JSON.parse(out)) : fail(new Error(`child exited ${code}: ${err}`)),
        );
      });
    const results = await Promise.all(Array.from({ length: 20 }, run));
    expect(emulator.stats().createSession).toBe(1);
    expect(new Set(results.map((r) => r.accessKeyId)).size).toBe(1);
    expect(results.filter((r) => !r.fromCache)).toHaveLength(1);
  }, 120_000);
});
