// Choosing the secret store from the environment (ARCHITECTURE §4). Constructing a store touches nothing,
// so no keychain is needed here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnchorageError } from '../../../../../shared/errors';
import { KeychainStore } from '../../../../../main/core/vault/keychain-store';
import { PassphraseStore } from '../../../../../main/core/vault/passphrase-store';
import { DEFAULT_SERVICE } from '../../../../../main/core/vault/secret-store';
import { createSecretStore } from '../../../../../main/core/vault/select-store';

const dataDir = mkdtempSync(join(tmpdir(), 'anchorage-select-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('createSecretStore', () => {
  it('uses the OS keychain when ANCHORAGE_VAULT is unset, empty or "keychain"', () => {
    for (const env of [
      {},
      { ANCHORAGE_VAULT: '' },
      { ANCHORAGE_VAULT: 'keychain' },
      { ANCHORAGE_VAULT: ' Keychain ' },
    ]) {
      const store = createSecretStore(dataDir, env);
      expect(store).toBeInstanceOf(KeychainStore);
      expect(store.kind).toBe('keychain');
      expect((store as KeychainStore).service).toBe(DEFAULT_SERVICE);
    }
    expect(DEFAULT_SERVICE).toBe('Anchorage');
    expect(
      (createSecretStore(dataDir, { ANCHORAGE_KEYCHAIN_SERVICE: 'Anchorage-test' }) as KeychainStore).service,
    ).toBe('Anchorage-test');
  });

  it('uses the passphrase file for ANCHORAGE_VAULT=file, with the passphrase from ANCHORAGE_VAULT_PASSPHRASE', async () => {
    const store = createSecretStore(dataDir, {
      ANCHORAGE_VAULT: 'file',
      ANCHORAGE_VAULT_PASSPHRASE: 'a long pass phrase',
    });
    expect(store).toBeInstanceOf(PassphraseStore);
    expect(store.kind).toBe('passphrase-file');
    await store.set('vault-key', 'v');
    expect(await new PassphraseStore(dataDir, { passphrase: 'a long pass phrase' }).get('vault-key')).toBe(
      'v',
    );

    // Without the passphrase the store is still created, so that `status` can explain; using it fails.
    const missing = createSecretStore(dataDir, { ANCHORAGE_VAULT: 'file' });
    expect(await missing.status()).toMatchObject({ state: 'locked' });
    await expect(missing.get('vault-key')).rejects.toMatchObject({ code: 'VAULT_PASSPHRASE_REQUIRED' });
  });

  it('rejects any other value with INVALID_INPUT naming the allowed ones', () => {
    let error: unknown;
    try {
      createSecretStore(dataDir, { ANCHORAGE_VAULT: 'kernel' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AnchorageError);
    expect((error as AnchorageError).code).toBe('INVALID_INPUT');
    expect((error as AnchorageError).message).toContain('"kernel"');
    expect((error as AnchorageError).hint).toContain('keychain, file');
  });
});
