/**
 * Where the vault key lives (ARCHITECTURE §4): the OS keychain, or a passphrase-protected file on
 * headless machines and CI. A SecretStore holds a few small strings under account names; the vault keeps
 * everything else encrypted on disk under the one key stored here.
 */
import type { VaultStatus } from '../../../shared/schemas/models';

/** The keychain service name items are filed under. Tests pass their own to keep out of each other's way. */
export const DEFAULT_SERVICE = 'Anchorage';

export interface SecretStore {
  readonly kind: VaultStatus['kind'];
  /** The stored value, or `undefined` when there is none. */
  get(account: string): Promise<string | undefined>;
  set(account: string, value: string): Promise<void>;
  /** Remove the value; removing an absent value is not an error. */
  delete(account: string): Promise<void>;
  /**
   * Whether the store can be used right now, without changing anything in it (`locked`: it exists but needs
   * the user). The vault adds to this (`VaultReport`).
   */
  status(): Promise<VaultStatus>;
  /** Re-wrap the store under a new passphrase, atomically (only stores that have one: the passphrase file). */
  changePassphrase?(newPassphrase: string): Promise<void>;
}

/** Account names: short and printable, since they name keychain items and JSON keys. */
export const ACCOUNT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The alternative every keychain error offers (ARCHITECTURE §4). */
export const PASSPHRASE_ALTERNATIVE =
  'or use the passphrase file instead: set ANCHORAGE_VAULT=file and ANCHORAGE_VAULT_PASSPHRASE';
