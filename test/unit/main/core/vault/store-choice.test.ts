// The composition root's secret store (store-choice.ts): the same choice as createSecretStore, with the
// passphrase store's module loaded only when it is chosen (issue 11 §3). Constructing a store touches nothing,
// so no keychain is needed here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeychainStore } from '../../../../../main/core/vault/keychain-store';
import { PassphraseStore } from '../../../../../main/core/vault/passphrase-store';
import { createSecretStore } from '../../../../../main/core/vault/select-store';
import { openSecretStore, openStoreOfKind } from '../../../../../main/core/vault/store-choice';

const dataDir = mkdtempSync(join(tmpdir(), 'anchorage-store-choice-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('openSecretStore', () => {
  it('makes the store createSecretStore makes, for every value of ANCHORAGE_VAULT', async () => {
    for (const env of [
      {},
      { ANCHORAGE_VAULT: '' },
      { ANCHORAGE_VAULT: ' Keychain ', ANCHORAGE_KEYCHAIN_SERVICE: 'Anchorage-choice' },
      { ANCHORAGE_VAULT: 'FILE', ANCHORAGE_VAULT_PASSPHRASE: 'a long pass phrase' },
    ]) {
      const opened = await openSecretStore(dataDir, env);
      const made = createSecretStore(dataDir, env);
      expect(opened.constructor).toBe(made.constructor);
      expect(opened.kind).toBe(made.kind);
      if (made instanceof KeychainStore) expect((opened as KeychainStore).service).toBe(made.service);
    }
  });

  it('uses the passphrase it is given for the file store, else ANCHORAGE_VAULT_PASSPHRASE', async () => {
    const env = { ANCHORAGE_VAULT_PASSPHRASE: 'the passphrase from env' };
    await (await openStoreOfKind(dataDir, 'file', env, 'the passphrase given')).set('vault-key', 'v');
    const given = new PassphraseStore(dataDir, { passphrase: 'the passphrase given' });
    expect(await given.get('vault-key')).toBe('v');
    const fromEnv = await openStoreOfKind(dataDir, 'file', env);
    expect(fromEnv).toBeInstanceOf(PassphraseStore);
    // The file was sealed under the given passphrase: the one from the environment is refused.
    await expect(fromEnv.get('vault-key')).rejects.toMatchObject({ code: 'VAULT_PASSPHRASE_WRONG' });
  });

  it('refuses an unknown store as createSecretStore does, before loading anything', async () => {
    const env = { ANCHORAGE_VAULT: 'kernel' };
    let sync: unknown;
    try {
      createSecretStore(dataDir, env);
    } catch (e) {
      sync = e;
    }
    expect(sync).toMatchObject({ code: 'INVALID_INPUT' });
    await expect(openSecretStore(dataDir, env)).rejects.toEqual(sync);
  });
});
