/** The vault: secret stores and envelope encryption (ARCHITECTURE §4). */
export { DEFAULT_SERVICE } from './secret-store';
export type { SecretStore, SecretStoreKind, SecretStoreState, SecretStoreStatus } from './secret-store';
export { KeychainStore } from './keychain-store';
export type { KeychainStoreOptions } from './keychain-store';
export { PassphraseStore } from './passphrase-store';
export type { PassphraseStoreOptions } from './passphrase-store';
export { Vault, VAULT_KEY_ACCOUNT } from './vault';
export type { VaultStatus } from './vault';
export { createSecretStore } from './select-store';
