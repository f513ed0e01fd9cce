import { createRequire } from 'node:module';
import type * as Keyring from '@napi-rs/keyring';
import type { EntryOptions } from '@napi-rs/keyring';
import { AnchorageError } from '../../../shared/errors';
import { loadKeyring } from './keyring-addon';
import { ACCOUNT_PATTERN, DEFAULT_SERVICE, PASSPHRASE_ALTERNATIVE } from './secret-store';
import type { SecretStore } from './secret-store';
import type { VaultStatus } from '../../../shared/schemas/models';

// The addon is CommonJS: require() it. An ESM import makes Node scan its 29 KB loader with cjs-module-lexer
// first, which was a third of credential_process's own start-up time (npm run bench). Loaded on the first
// keychain call: the commands that never reach the keychain (settings, list, inspect) skip its 2.4 ms.
let keyring: typeof Keyring | undefined;
const addon = () => (keyring ??= loadKeyring(createRequire(import.meta.url)));
type AsyncEntry = InstanceType<typeof Keyring.AsyncEntry>;

export interface KeychainStoreOptions {
  /** Keychain service name; tests use their own so they never touch the real `Anchorage` items. */
  service?: string;
}

/**
 * Pin Linux to the Secret Service. Left to itself keyring-rs falls back to the kernel keyutils store when no
 * Secret Service answers, and that store "is completely in-memory and will not persist across reboots"
 * (linux-keyutils-keyring-store docs; @napi-rs/keyring README, "Linux backend selection"): the vault key
 * would vanish at the next reboot and take every record with it. Ignored on macOS and Windows.
 */
const PINNED: EntryOptions = { linux: { store: 'secret-service' } };

/** The status probe reads an account nothing writes: reaching the store is enough, and no prompt appears. */
const PROBE_ACCOUNT = 'status-probe';

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, Linux Secret Service) through
 * `@napi-rs/keyring` (ARCHITECTURE §4). Values are strings: the vault stores its key base64-encoded.
 */
export class KeychainStore implements SecretStore {
  readonly kind = 'keychain' as const;
  readonly service: string;

  constructor(options: KeychainStoreOptions = {}) {
    this.service = options.service ?? DEFAULT_SERVICE;
  }

  async get(account: string): Promise<string | undefined> {
    const found = await this.search(account);
    if (found !== undefined) return found;
    return await this.read(account);
  }

  private async read(account: string): Promise<string | undefined> {
    const value = await this.call(account, 'read', (entry) => entry.getPassword());
    return value ?? undefined;
  }

  /**
   * The Secret Service read off the main thread. An entry's constructor connects to the D-Bus session bus and
   * opens a Secret Service session synchronously, blocking this thread ~5 ms (timed on Linux), and
   * credential_process is start-up bound; `findCredentialsAsync` does all of that on the addon's thread, so
   * the files are read meanwhile. It is not pinned to the Secret Service and gives no error words, so it only
   * answers when it finds exactly one item for the account; anything else (no item, no bus, a locked
   * collection, several items) takes the pinned read, with its errors. Linux only: elsewhere the constructor
   * is cheap and a search may prompt for every item.
   */
  private async search(account: string): Promise<string | undefined> {
    if (process.platform !== 'linux' || !ACCOUNT_PATTERN.test(account)) return undefined;
    try {
      const items = await addon().findCredentialsAsync(this.service, null);
      const matches = items.filter((item) => item.account === account);
      return matches.length === 1 ? matches[0]!.password : undefined;
    } catch {
      return undefined;
    }
  }

  async set(account: string, value: string): Promise<void> {
    await this.call(account, 'write', (entry) => entry.setPassword(value));
  }

  async delete(account: string): Promise<void> {
    await this.call(account, 'delete', (entry) => entry.deleteCredential());
  }

  async status(): Promise<VaultStatus> {
    try {
      // The pinned read: the probe is about the store this vault writes to, and its item never exists.
      await this.read(PROBE_ACCOUNT);
      return {
        kind: this.kind,
        state: 'available',
        detail: `${keychainName()} is reachable (service "${this.service}").`,
      };
    } catch (error) {
      if (!(error instanceof AnchorageError)) throw error;
      const state = error.code === 'KEYCHAIN_LOCKED' ? 'locked' : 'unavailable';
      return { kind: this.kind, state, detail: error.message };
    }
  }

  private async call<T>(account: string, action: string, fn: (entry: AsyncEntry) => Promise<T>): Promise<T> {
    if (!ACCOUNT_PATTERN.test(account)) {
      throw new AnchorageError(
        'INVALID_INPUT',
        `"${account}" is not a valid keychain account name.`,
        'Use letters, digits, ".", "_", ":" or "-".',
      );
    }
    const { AsyncEntry } = addon();
    try {
      // The constructor connects to the store and throws when a pinned store is unreachable.
      const entry = new AsyncEntry(this.service, account, PINNED);
      return await fn(entry);
    } catch (error) {
      throw keychainError(error, action, account);
    }
  }
}

/** What the keychain is called on this platform, for messages. */
function keychainName(): string {
  if (process.platform === 'darwin') return 'The macOS Keychain';
  if (process.platform === 'win32') return 'The Windows Credential Manager';
  return 'The Secret Service';
}

/**
 * Map a keyring-rs failure to KEYCHAIN_LOCKED or KEYCHAIN_UNAVAILABLE. The library's text describes the
 * platform failure (D-Bus errors, OS status codes) and never contains the value, so it is safe to quote.
 * Observed on Linux: a locked collection without a way to prompt gives "unlock prompt was dismissed";
 * no bus gives "Platform failure: DBus error: …"; a Secret Service without a default collection gives
 * "no result found" on write.
 */
function keychainError(error: unknown, action: string, account: string): AnchorageError {
  if (error instanceof AnchorageError) return error;
  const detail = (error instanceof Error ? error.message : String(error)).trim();
  if (
    /prompt was dismissed|\blocked\b|user canceled|user cancelled|interaction is not allowed|-25308|-128\b/i.test(
      detail,
    )
  ) {
    return new AnchorageError(
      'KEYCHAIN_LOCKED',
      `The keychain is locked. Could not ${action} "${account}" (${detail}).`,
      `Unlock it (log in to the desktop session or unlock the "login" keyring in your keyring manager), ${PASSPHRASE_ALTERNATIVE}.`,
      { cause: error },
    );
  }
  const linux =
    process.platform === 'linux'
      ? ' Anchorage needs the Secret Service (gnome-keyring, KWallet, KeePassXC) on the D-Bus session bus; it will not fall back to the kernel keyring, which a reboot empties and with it the vault key.'
      : '';
  return new AnchorageError(
    'KEYCHAIN_UNAVAILABLE',
    `No usable OS keychain: could not ${action} "${account}" (${detail}).${linux}`,
    process.platform === 'linux'
      ? `Start a Secret Service in your session (e.g. gnome-keyring-daemon with an unlocked default keyring), ${PASSPHRASE_ALTERNATIVE}.`
      : `Check that the keychain is enabled for this user, ${PASSPHRASE_ALTERNATIVE}.`,
    { cause: error },
  );
}

/** The keychain store, with the service renamed by `ANCHORAGE_KEYCHAIN_SERVICE` when set. */
export function keychainStoreFromEnv(env: NodeJS.ProcessEnv = process.env): KeychainStore {
  const service = env.ANCHORAGE_KEYCHAIN_SERVICE?.trim();
  return new KeychainStore(service ? { service } : {});
}
