import { AnchorageError } from '../../../shared/errors';
import { keychainStoreFromEnv } from './keychain-store';
import { PassphraseStore } from './passphrase-store';
import type { SecretStore } from './secret-store';

const ALLOWED = ['keychain', 'file'] as const;

/** The stores as `ANCHORAGE_VAULT` (and `vault migrate --to`) names them. */
export type VaultKindChoice = (typeof ALLOWED)[number];

/**
 * Choose the secret store from the environment (ARCHITECTURE §4):
 * `ANCHORAGE_VAULT=file` → the passphrase file (passphrase from `ANCHORAGE_VAULT_PASSPHRASE`, checked on
 * first use so that `status` can report it); `keychain` or unset → the OS keychain.
 * `ANCHORAGE_KEYCHAIN_SERVICE` renames the keychain service (default `Anchorage`), so that tests and
 * separate `--home` directories can keep separate vault keys in one keychain.
 */
export function createSecretStore(dataDir: string, env: NodeJS.ProcessEnv = process.env): SecretStore {
  const choice = (env.ANCHORAGE_VAULT ?? '').trim().toLowerCase();
  if (choice === 'file') return new PassphraseStore(dataDir, { passphrase: env.ANCHORAGE_VAULT_PASSPHRASE });
  if (choice === '' || choice === 'keychain') return keychainStoreFromEnv(env);
  throw new AnchorageError(
    'INVALID_INPUT',
    `ANCHORAGE_VAULT is "${env.ANCHORAGE_VAULT}", which is not a known secret store.`,
    `Set ANCHORAGE_VAULT to one of: ${ALLOWED.join(', ')} (or leave it unset for the OS keychain).`,
  );
}

/**
 * The store of one kind, whatever `ANCHORAGE_VAULT` says: the target of a migration. The passphrase file
 * takes `passphrase`, else `ANCHORAGE_VAULT_PASSPHRASE`.
 */
export function createStoreOfKind(
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
