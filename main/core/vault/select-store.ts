import { AnchorageError } from '../../../shared/errors';
import { keychainStoreFromEnv } from './keychain-store';
import { PassphraseStore } from './passphrase-store';
import type { SecretStore } from './secret-store';

const ALLOWED = ['keychain', 'file'] as const;

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
