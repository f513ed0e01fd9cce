import { keychainStoreFromEnv } from './keychain-store';
import { PassphraseStore } from './passphrase-store';
import type { SecretStore } from './secret-store';
import { vaultChoice } from './store-choice';
import type { VaultKindChoice } from './store-choice';

export type { VaultKindChoice } from './store-choice';

/**
 * Choose the secret store from the environment (ARCHITECTURE §4), by {@link vaultChoice}:
 * `ANCHORAGE_VAULT=file` → the passphrase file (passphrase from `ANCHORAGE_VAULT_PASSPHRASE`, checked on
 * first use so that `status` can report it); `keychain` or unset → the OS keychain.
 * `ANCHORAGE_KEYCHAIN_SERVICE` renames the keychain service (default `Anchorage`), so that tests and
 * separate `--home` directories can keep separate vault keys in one keychain. Synchronous, for the app and
 * tests; the core's composition root uses store-choice.ts's `openSecretStore`, which loads the passphrase
 * store only when it is chosen.
 */
export function createSecretStore(dataDir: string, env: NodeJS.ProcessEnv = process.env): SecretStore {
  return createStoreOfKind(dataDir, vaultChoice(env), env);
}

/**
 * The store of one kind, whatever `ANCHORAGE_VAULT` says: the target of a migration. The passphrase file
 * takes `passphrase`, else `ANCHORAGE_VAULT_PASSPHRASE`.
 */
function createStoreOfKind(
  dataDir: string,
  kind: VaultKindChoice,
  env: NodeJS.ProcessEnv = process.env,
  passphrase?: string,
): SecretStore {
  if (kind === 'file') {
    return new PassphraseStore(dataDir, { passphrase: passphrase ?? env.ANCHORAGE_VAULT_PASSPHRASE });
  }
  return keychainStoreFromEnv(env);
}
