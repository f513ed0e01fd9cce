// The OS keychain store against a real Secret Service (gnome-keyring in a private D-Bus session, from
// scripts/with-keyring.sh; ARCHITECTURE §7). Items are checked with libsecret's own secret-tool.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnchorageError } from '../../../../../shared/errors';
import { KeychainStore } from '../../../../../main/core/vault/keychain-store';
import { snapshot } from '../../../../support/fs';
import { requireKeyringSession, runVaultChild, secretToolLookup, secretToolStore } from './keyring-env';

const service = `anchorage-test-${randomBytes(4).toString('hex')}`;
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'anchorage-keychain-'));
  dirs.push(dir);
  return dir;
}

beforeAll(() => requireKeyringSession());
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('KeychainStore on the Secret Service', () => {
  it('sets, gets, overwrites and deletes, and libsecret sees the same item', async () => {
    const store = new KeychainStore({ service });
    expect(store.kind).toBe('keychain');
    expect(await store.get('round-trip')).toBeUndefined();

    await store.set('round-trip', 'first value');
    expect(await store.get('round-trip')).toBe('first value');
    // Pinned to the Secret Service, not the kernel keyring: a client nobody here wrote finds it.
    expect(secretToolLookup(service, 'round-trip')).toBe('first value');

    await store.set('round-trip', 'second value');
    expect(await new KeychainStore({ service }).get('round-trip')).toBe('second value');

    await store.delete('round-trip');
    expect(await store.get('round-trip')).toBeUndefined();
    expect(secretToolLookup(service, 'round-trip')).toBeUndefined();
    await store.delete('round-trip'); // absent: not an error
  });

  it('keeps services apart', async () => {
    const a = new KeychainStore({ service: `${service}-a` });
    const b = new KeychainStore({ service: `${service}-b` });
    await a.set('vault-key', 'value-a');
    expect(await b.get('vault-key')).toBeUndefined();
    await a.delete('vault-key');
  });

  it('reports itself available', async () => {
    const status = await new KeychainStore({ service }).status();
    expect(status).toMatchObject({ kind: 'keychain', state: 'available' });
  });

  it('reads an item another client wrote, and refuses to choose between two items for one account', async () => {
    // libsecret's secret-tool writes, Anchorage reads (the read is a search off the main thread on Linux).
    const store = new KeychainStore({ service: `${service}-foreign` });
    secretToolStore(`${service}-foreign`, 'vault-key', 'written by secret-tool');
    expect(await store.get('vault-key')).toBe('written by secret-tool');
    // A second item for the same account (another attribute set): neither is taken; the pinned read says why.
    secretToolStore(`${service}-foreign`, 'vault-key', 'a second item', ['target', 'elsewhere']);
    const error = await store.get('vault-key').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnchorageError);
    expect((error as AnchorageError).code).toBe('KEYCHAIN_UNAVAILABLE');
    expect((error as AnchorageError).message).toContain('matched by 2 credentials');
    expect((error as AnchorageError).message).not.toContain('a second item');
  });

  it('rejects account names that could not name an item', async () => {
    const error = await new KeychainStore({ service }).get('').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnchorageError);
    expect((error as AnchorageError).code).toBe('INVALID_INPUT');
  });
});

describe('without a Secret Service', () => {
  // A fresh process each: the bus address is read when the connection is made.
  const cases: Array<[string, (env: NodeJS.ProcessEnv) => void]> = [
    [
      'the bus address points at no socket',
      (env) => (env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/anchorage-test-bus'),
    ],
    ['no bus address is set', (env) => delete env.DBUS_SESSION_BUS_ADDRESS],
  ];
  for (const [name, change] of cases) {
    it(`fails with KEYCHAIN_UNAVAILABLE and writes nothing when ${name}`, async () => {
      const dataDir = tempDir();
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        VAULT_TEST_DATA_DIR: dataDir,
        ANCHORAGE_KEYCHAIN_SERVICE: service,
      };
      delete env.ANCHORAGE_VAULT;
      delete env.DISPLAY; // no X11 autolaunch of a bus either
      change(env);
      const before = snapshot(dataDir);

      const result = await runVaultChild(['put', 'some-secret'], {
        env,
        stdin: Buffer.from('value').toString('base64'),
      });

      expect(result.json).toMatchObject({ ok: false, code: 'KEYCHAIN_UNAVAILABLE' });
      if (result.json.ok) return;
      // It explains why there is no silent fallback, and offers the passphrase file.
      expect(result.json.message).toMatch(/kernel keyring.*reboot/);
      expect(result.json.hint).toContain('ANCHORAGE_VAULT=file');
      expect(result.json.hint).toContain('ANCHORAGE_VAULT_PASSPHRASE');
      expect(snapshot(dataDir)).toEqual(before);
    });
  }
});

describe('with the keychain locked', () => {
  // Locking the shared login collection would break tests running in parallel, so the child process
  // gets a keyring of its own (a nested scripts/with-keyring.sh), locks it, tries, and unlocks it again.
  it('fails with KEYCHAIN_LOCKED and the hint, writes nothing, and works again once unlocked', async () => {
    const result = await runVaultChild(['locked-scenario'], { ownKeyring: true });
    const report = result.json as Record<string, unknown> & { ok: boolean };
    expect(report.ok, result.stderr).toBe(true);
    expect(report.locked).toBe(true);

    for (const attempt of ['getSeed', 'putOther', 'putFresh']) {
      expect(report[attempt], attempt).toMatchObject({ ok: false, code: 'KEYCHAIN_LOCKED' });
      const failure = report[attempt] as { message: string; hint: string };
      expect(failure.message).toMatch(/^The keychain is locked\./);
      expect(failure.hint).toMatch(/Unlock it/);
      expect(failure.hint).toContain('ANCHORAGE_VAULT=file');
      expect(failure.hint).toContain('ANCHORAGE_VAULT_PASSPHRASE');
      expect(failure.message).not.toContain('seed-secret');
    }
    expect(report.afterA).toEqual(report.beforeA);
    expect(report.afterB).toEqual(report.beforeB);
    expect(report.beforeB).toEqual([]);
    expect(report.status).toMatchObject({ kind: 'keychain', state: 'locked', records: 1 });
    expect(report.recovered).toBe('seed-secret');
  });
});
