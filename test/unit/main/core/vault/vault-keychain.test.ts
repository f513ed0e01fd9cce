// The vault on the real Secret Service (scripts/with-keyring.sh): the key lives in the keychain and only
// there, a new process finds it, and racing processes agree on one key (ARCHITECTURE §4, §7).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnchorageError } from '../../../../../shared/errors';
import { KeychainStore } from '../../../../../main/core/vault/keychain-store';
import { Vault, VAULT_KEY_ACCOUNT } from '../../../../../main/core/vault/vault';
import { filesContaining, snapshot } from '../../../../support/fs';
import {
  requireKeyringSession,
  runVaultChild,
  secretToolClear,
  secretToolCount,
  secretToolLookup,
} from './keyring-env';

const dirs: string[] = [];
const services: string[] = [];

function fresh(): { dataDir: string; service: string; store: KeychainStore } {
  const dataDir = mkdtempSync(join(tmpdir(), 'anchorage-vault-kc-'));
  const service = `anchorage-test-${randomBytes(4).toString('hex')}`;
  dirs.push(dataDir);
  services.push(service);
  return { dataDir, service, store: new KeychainStore({ service }) };
}

function childEnv(dataDir: string, service: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    VAULT_TEST_DATA_DIR: dataDir,
    ANCHORAGE_KEYCHAIN_SERVICE: service,
  };
  delete env.ANCHORAGE_VAULT;
  return env;
}

beforeAll(() => requireKeyringSession());
afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  for (const service of services) await new KeychainStore({ service }).delete(VAULT_KEY_ACCOUNT);
});

describe('Vault with the keychain store', () => {
  it('round-trips across instances and processes; the key is in the keychain and nowhere on disk', async () => {
    const { dataDir, service, store } = fresh();
    const secret = Buffer.from(
      `-----BEGIN PRIVATE KEY-----\nMARKER-${randomBytes(8).toString('hex')}\n-----END PRIVATE KEY-----\n`,
    );
    await new Vault(dataDir, store).put('ca-key', secret);

    // A second instance has no cached key: it reads the keychain, like a new process would.
    expect(Buffer.from(await new Vault(dataDir, new KeychainStore({ service })).get('ca-key'))).toEqual(
      secret,
    );

    // And a real new process.
    const child = await runVaultChild(['get', 'ca-key'], { env: childEnv(dataDir, service) });
    expect(child.json).toMatchObject({ ok: true, value: secret.toString('base64') });

    // libsecret's client sees one 256-bit base64 key…
    const key = secretToolLookup(service, VAULT_KEY_ACCOUNT);
    expect(key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const raw = Buffer.from(key ?? '', 'base64');
    expect(raw).toHaveLength(32);
    // …which appears in no file of the data directory, in any encoding, and neither does the secret.
    for (const needle of [raw, key ?? '', raw.toString('hex'), secret, 'MARKER-', '-----BEGIN']) {
      expect(filesContaining(dataDir, needle)).toEqual([]);
    }
    expect(snapshot(dataDir).map((e) => e.path)).toEqual([
      'vault',
      'vault.json',
      join('vault', 'ca-key.json'),
    ]);
  });

  it('never makes a new key beside records whose key has gone from the keychain', async () => {
    const { dataDir, service, store } = fresh();
    await new Vault(dataDir, store).put('orphan', Buffer.from('value'));
    secretToolClear(service, VAULT_KEY_ACCOUNT);

    for (const attempt of [
      () => new Vault(dataDir, store).get('orphan'),
      () => new Vault(dataDir, store).put('another', Buffer.from('x')),
    ]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AnchorageError);
      expect((error as AnchorageError).code).toBe('VAULT_KEY_MISSING');
      expect((error as AnchorageError).hint).toMatch(/will not create a new key/);
    }
    expect(secretToolLookup(service, VAULT_KEY_ACCOUNT)).toBeUndefined();
    expect(await new Vault(dataDir, store).status()).toMatchObject({
      state: 'unavailable',
      key: 'absent',
      records: 1,
    });
  });

  it('ten processes putting at once into an empty vault end with one key that opens every record', async () => {
    const { dataDir, service } = fresh();
    const env = childEnv(dataDir, service);
    // Each child loads, prints `ready`, and waits on stdin; all are released together so they race.
    let releaseAll!: () => void;
    const released = new Promise<void>((resolve) => (releaseAll = resolve));
    let ready = 0;
    const values = Array.from({ length: 10 }, (_, i) =>
      Buffer.from(`secret number ${i} ${randomBytes(4).toString('hex')}`),
    );
    const children = values.map((value, i) =>
      runVaultChild(['put', `record-${i}`], {
        env,
        stdin: value.toString('base64'),
        release: released,
        onReady: () => {
          if (++ready === values.length) releaseAll();
        },
      }),
    );
    const results = await Promise.all(children);
    for (const result of results) expect(result.json, result.stderr).toMatchObject({ ok: true });

    expect(secretToolCount(service)).toBe(1);
    const vault = new Vault(dataDir, new KeychainStore({ service }));
    expect(await vault.list()).toHaveLength(10);
    for (const [i, value] of values.entries())
      expect(Buffer.from(await vault.get(`record-${i}`))).toEqual(value);
  });

  it('measures one keychain read and one Vault.get in a fresh process (credential_process latency)', async () => {
    const { dataDir, service, store } = fresh();
    await new Vault(dataDir, store).put('latency', randomBytes(3300)); // about an RSA-4096 PEM
    const env = childEnv(dataDir, service);
    const timings: Record<string, number[]> = { keychainGet: [], vaultGet: [], vaultGetProcess: [] };
    for (let i = 0; i < 3; i++) {
      const keychain = await runVaultChild(['store-get', VAULT_KEY_ACCOUNT], { env });
      expect(keychain.json).toMatchObject({ ok: true, found: true });
      timings.keychainGet?.push(Number((keychain.json as Record<string, unknown>).ms));
      const started = performance.now();
      const get = await runVaultChild(['get', 'latency'], { env });
      timings.vaultGetProcess?.push(performance.now() - started);
      expect(get.json).toMatchObject({ ok: true });
      timings.vaultGet?.push(Number((get.json as Record<string, unknown>).ms));
    }
    const median = (xs: number[] = []): string =>
      [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]?.toFixed(1) ?? '?';
    console.log(
      `vault latency (median of 3, fresh process each): keychain get ${median(timings.keychainGet)} ms, ` +
        `Vault.get ${median(timings.vaultGet)} ms, whole child process (node + tsx) ${median(timings.vaultGetProcess)} ms`,
    );
    // A generous bound: a keychain read that takes seconds would make every AWS SDK call crawl.
    expect(Number(median(timings.vaultGet))).toBeLessThan(1000);
  });
});
