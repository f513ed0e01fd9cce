import { AnchorageError } from '../../../shared/errors';
import { keychainStoreFromEnv } from './keychain-store';
import type { SecretStore } from './secret-store';

const ALLOWED = ['keychain', 'file'] as const;

/** The stores as `ANCHORAGE_VAULT` (and `vault migrate --to`) names them. */
export type VaultKindChoice = (typeof ALLOWED)[number];

/**
 * Which store `ANCHORAGE_VAULT` names (ARCHITECTURE §4): `file` → the passphrase file; `keychain` or unset →
 * the OS keychain; anything else is refused, naming the allowed values.
 */
export function vaultChoice(env: NodeJS.ProcessEnv): VaultKindChoice {
  const choice = (env.ANCHORAGE_VAULT ?? '').trim().toLowerCase();
  if (choice === 'file') return 'file';
  if (choice === '' || choice === 'keychain') return 'keychain';
  throw new AnchorageError(
    'INVALID_INPUT',
    `ANCHORAGE_VAULT is "${env.ANCHORAGE_VAULT}", which is not a known secret store.`,
    `Set ANCHORAGE_VAULT to one of: ${ALLOWED.join(', ')} (or leave it unset for the OS keychain).`,
  );
}

/**
 * The store `ANCHORAGE_VAULT` names, as {@link createSecretStore} (select-store.ts) makes it, with the
 * passphrase store's module (and zod, which its documents are validated with) loaded only when it is the one
 * chosen: the composition root's path, so that a command on the OS keychain never loads them (issue 11 §3).
 */
export async function openSecretStore(dataDir: string, env: NodeJS.ProcessEnv): Promise<SecretStore> {
  return openStoreOfKind(dataDir, vaultChoice(env), env);
}

/** The store of one kind, loaded as {@link openSecretStore} does: the target of a migration. */
export async function openStoreOfKind(
  dataDir: string,
  kind: VaultKindChoice,
  env: NodeJS.ProcessEnv,
  passphrase?: string,
): Promise<SecretStore> {
  if (kind === 'keychain') return keychainStoreFromEnv(env);
  const { PassphraseStore } = await import('./passphrase-store');
  return new PassphraseStore(dataDir, { passphrase: passphrase ?? env.ANCHORAGE_VAULT_PASSPHRASE });
}
