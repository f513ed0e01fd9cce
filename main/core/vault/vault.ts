import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AnchorageError } from '../../../shared/errors';
import { readFileIfExists, removeDeadTempFiles, writeFileAtomic } from '../store/atomic-file';
import { withLock } from '../store/lock';
import { KEY_BYTES, open, seal } from './aead';
import type { SecretStore } from './secret-store';
import { readVaultKind, storeName, writeVaultKind } from './vault-kind';
import type { VaultKind } from './vault-kind';
import type { VaultStatus } from '../../../shared/schemas/models';

/** The one keychain item the vault uses (ARCHITECTURE §4: one item, one OS prompt). */
export const VAULT_KEY_ACCOUNT = 'vault-key';

/** An id becomes a file name, so it is kept to a safe, case-insensitive-filesystem-proof alphabet. */
const ID = /^[a-z0-9][a-z0-9._-]{0,127}$/;

/**
 * One encrypted record. Checked by hand, not with zod: `credential_process` reads a record on every AWS
 * CLI call, and loading zod would cost more than the rest of that path together (npm run bench).
 */
interface VaultRecord {
  schemaVersion: 1;
  alg: 'A256GCM';
  nonce: string;
  ciphertext: string;
  tag: string;
}

/** The store's status plus what the vault knows (the CLI's `vault status` shows it all). */
export interface VaultReport extends VaultStatus {
  /** Number of encrypted records in the data directory. */
  records: number;
  /** Whether the vault key was found; `unknown` when the store could not be asked. */
  key: 'present' | 'absent' | 'unknown';
  /** The store this data directory records (or, for older ones, implies) for its vault key. */
  recordedKind?: VaultKind;
}

/** What `restoreKey` did. */
export interface RestoreResult {
  /** `unchanged`: the store already held this key; `stored`: it held none; `replaced`: it held another. */
  outcome: 'unchanged' | 'stored' | 'replaced';
  records: number;
  kind: VaultKind;
}

/** What `migrate` did. */
export interface MigrateResult {
  from: VaultKind;
  to: VaultKind;
  records: number;
  /** False when removing the key from the old store failed or was not asked for: it is still there. */
  removedFromOld: boolean;
}

/**
 * Envelope encryption (ARCHITECTURE §4): one random 256-bit vault key in a {@link SecretStore}; every secret
 * is a file `<dataDir>/vault/<id>.json`, AES-256-GCM under that key with a fresh nonce and the id as AAD.
 * The keychain holds 32 bytes whatever the secrets' sizes (Windows Credential Manager caps an item at
 * 2,560 bytes; an RSA-4096 PEM is ~3.2 KB), and unlocking it once opens every record.
 */
export class Vault {
  private readonly recordDir: string;
  private readonly lockPath: string;
  private cachedKey: Buffer | undefined;
  private loading: Promise<Buffer | undefined> | undefined;
  private creating: Promise<Buffer> | undefined;

  constructor(
    readonly dataDir: string,
    readonly store: SecretStore,
  ) {
    this.recordDir = join(dataDir, 'vault');
    this.lockPath = join(dataDir, 'vault.lock');
  }

  /**
   * Encrypt and store `plaintext` under `id`, replacing any previous value. Creates the vault key on first use.
   * Returns the record file's bytes as written: what {@link sealed} reads back until the next write, so a
   * caller can tie facts it keeps beside the record to this very version (the session cache's state file).
   */
  async put(id: string, plaintext: Uint8Array): Promise<Buffer> {
    const path = this.recordPath(id);
    const key = await this.keyForWrite();
    const record = { schemaVersion: 1, alg: 'A256GCM', ...seal(key, plaintext, id) };
    const bytes = Buffer.from(`${JSON.stringify(record, null, 2)}\n`, 'utf8');
    await writeFileAtomic(path, bytes);
    return bytes;
  }

  /**
   * The record file's bytes, encrypted as they lie on disk, or `undefined` when there is no record `id`.
   * Needs no key (no keychain call, no prompt): enough to tell whether a record changed since {@link put}.
   */
  async sealed(id: string): Promise<Buffer | undefined> {
    return readFileIfExists(this.recordPath(id));
  }

  /** Decrypt the record `id`. NOT_FOUND, CORRUPT_DATA, VAULT_KEY_MISSING or VAULT_DECRYPT_FAILED otherwise. */
  async get(id: string): Promise<Uint8Array> {
    const path = this.recordPath(id);
    // The record first: an unknown id costs no keychain call (and no prompt).
    const raw = await readFileIfExists(path);
    if (raw === undefined) {
      throw new AnchorageError(
        'NOT_FOUND',
        `The vault has no record "${id}".`,
        'Check the name of the record.',
        { facts: { what: 'vault-record', id } },
      );
    }
    const record = parseRecord(raw, path);
    const key = await this.existingKey();
    if (!key) throw await this.keyMissing();
    const plain = open(key, record, id);
    if (!plain) {
      // The key came from a store this directory does not record (another directory's keychain item).
      const recorded = await readVaultKind(this.dataDir).catch(() => undefined);
      if (recorded !== undefined && recorded !== this.store.kind) throw await this.keyMissing();
      throw new AnchorageError(
        'VAULT_DECRYPT_FAILED',
        `Vault record "${id}" could not be decrypted: it was altered or damaged, or it was written under another vault key.`,
        `Restore ${path} from a backup, or import that secret again; Anchorage has left the file as it is.`,
      );
    }
    return plain;
  }

  /**
   * Start reading the vault key now, for a caller that is about to need it: the keychain answers over IPC
   * (D-Bus, XPC) while this process reads its files. A failure is left to the read that needs the key,
   * which asks again.
   */
  prefetchKey(): void {
    this.existingKey().catch(() => undefined);
  }

  /** Whether a record `id` exists (without decrypting it). */
  async has(id: string): Promise<boolean> {
    return (await this.sealed(id)) !== undefined;
  }

  /** Remove the record `id`; removing an absent record is not an error. The vault key stays. */
  async delete(id: string): Promise<void> {
    await rm(this.recordPath(id), { force: true });
  }

  /**
   * Remove the records of `prefix` that are not in `keep`, and the temp files of crashed writers. The caller
   * must hold the lock under which records of that prefix are written, so none is in flight (for `key.`,
   * the inventory's: Inventory.add stores a key under it before the inventory names the key).
   */
  async sweep(prefix: string, keep: ReadonlySet<string>): Promise<void> {
    for (const id of await this.list()) {
      if (id.startsWith(prefix) && !keep.has(id)) await this.delete(id);
    }
    await removeDeadTempFiles(this.recordDir);
  }

  /** The ids of all records, sorted. */
  async list(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.recordDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .filter((id) => ID.test(id))
      .sort();
  }

  /** The store's state plus what the vault knows; never creates a key and never throws for a store failure. */
  async status(): Promise<VaultReport> {
    const store = await this.store.status();
    const records = (await this.list()).length;
    const recordedKind = await readVaultKind(this.dataDir).catch(() => undefined);
    const known = recordedKind ? { recordedKind } : {};
    if (recordedKind !== undefined && recordedKind !== this.store.kind) {
      // The directory's key is in the other store: say so, whatever state this one is in (issue 9).
      const detail = (await this.keyMissing()).message;
      return { ...store, state: 'unavailable', detail, records, key: 'unknown', ...known };
    }
    if (store.state !== 'available') return { ...store, records, key: 'unknown', ...known };
    try {
      if (await this.existingKey()) return { ...store, records, key: 'present', ...known };
      if (records > 0) {
        const detail = (await this.keyMissing()).message;
        return { ...store, state: 'unavailable', detail, records, key: 'absent', ...known };
      }
      return { ...store, records, key: 'absent', ...known };
    } catch (error) {
      if (!(error instanceof AnchorageError)) throw error;
      return {
        ...known,
        ...store,
        state: error.code === 'KEYCHAIN_LOCKED' ? 'locked' : 'unavailable',
        detail: error.message,
        records,
        key: 'unknown',
      };
    }
  }

  private recordPath(id: string): string {
    if (!ID.test(id)) {
      throw new AnchorageError(
        'INVALID_INPUT',
        `"${id}" is not a valid vault record id.`,
        'Use 1–128 characters: lowercase letters, digits, ".", "_" and "-", starting with a letter or digit.',
      );
    }
    return join(this.recordDir, `${id}.json`);
  }

  /**
   * The vault key, read once per instance: the credential_process path is latency-bound, and each keychain
   * read may cost a prompt. Concurrent callers share one read.
   */
  private async existingKey(): Promise<Buffer | undefined> {
    if (this.cachedKey) return this.cachedKey;
    this.loading ??= this.readKey().finally(() => {
      this.loading = undefined;
    });
    const key = await this.loading;
    if (key) this.cachedKey = key;
    return key;
  }

  private async keyForWrite(): Promise<Buffer> {
    // A keychain item may hold another directory's key (one default service): never seal this directory's
    // records under a store it does not record (issue 9).
    const recorded = await readVaultKind(this.dataDir);
    if (recorded !== undefined && recorded !== this.store.kind) throw await this.keyMissing();
    const existing = await this.existingKey();
    if (existing) return existing;
    // Create under a lock, re-reading inside it: two processes racing on an empty vault must end with one
    // key, or the loser's records would be sealed under a key that the keychain no longer holds.
    this.creating ??= withLock(this.lockPath, async () => {
      const raced = await this.readKey();
      if (raced) return raced;
      // Never mint a new key beside existing records: that would orphan every one of them. Nor in a store
      // other than the one this directory records: its key is elsewhere (issue 9).
      const recorded = await readVaultKind(this.dataDir);
      if ((await this.list()).length > 0 || (recorded !== undefined && recorded !== this.store.kind)) {
        throw await this.keyMissing();
      }
      const key = randomBytes(KEY_BYTES);
      await this.store.set(VAULT_KEY_ACCOUNT, key.toString('base64'));
      await writeVaultKind(this.dataDir, this.store.kind);
      return key;
    }).finally(() => {
      this.creating = undefined;
    });
    const key = await this.creating;
    this.cachedKey = key;
    return key;
  }

  private async readKey(): Promise<Buffer | undefined> {
    const encoded = await this.store.get(VAULT_KEY_ACCOUNT);
    if (encoded === undefined) return undefined;
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== KEY_BYTES || key.toString('base64') !== encoded) {
      throw new AnchorageError(
        'CORRUPT_DATA',
        `The vault key in ${this.storeName()} is not a base64 256-bit key.`,
        `Restore the "${VAULT_KEY_ACCOUNT}" item from a backup; Anchorage will not replace it.`,
      );
    }
    return key;
  }

  private async keyMissing(): Promise<AnchorageError> {
    const recorded = await readVaultKind(this.dataDir).catch(() => undefined);
    if (recorded !== undefined && recorded !== this.store.kind) {
      // The usual cause: ANCHORAGE_VAULT is not set the way this directory was created (issue 9).
      const where =
        recorded === 'passphrase-file' ? 'in a passphrase file (secrets.json)' : 'in the OS keychain';
      return new AnchorageError(
        'VAULT_KEY_MISSING',
        `This data directory (${this.dataDir}) keeps its vault key ${where}, but ${this.storeName()} was asked.`,
        recorded === 'passphrase-file'
          ? 'Set ANCHORAGE_VAULT=file and the passphrase (ANCHORAGE_VAULT_PASSPHRASE).'
          : 'Unset ANCHORAGE_VAULT (or set it to keychain) to use the OS keychain.',
        { facts: { reason: 'other-store', kind: recorded, asked: this.store.kind } },
      );
    }
    return new AnchorageError(
      'VAULT_KEY_MISSING',
      `The vault key is missing from ${this.storeName()}, but ${this.recordDir} holds encrypted records.`,
      `Restore the "${VAULT_KEY_ACCOUNT}" item (or the store it was in: check ANCHORAGE_VAULT and the passphrase) from a backup. Anchorage will not create a new key: that would make every existing record unreadable.`,
    );
  }

  private storeName(): string {
    return storeName(this.store.kind, this.dataDir);
  }

  /** The vault key, or VAULT_KEY_MISSING; never creates one. */
  private async requireKey(): Promise<Buffer> {
    const key = await this.existingKey();
    if (!key) throw await this.keyMissing();
    return key;
  }

  /** The ids of records that `key` does not open (damaged ones count too). */
  private async unopenable(key: Buffer, ids: readonly string[]): Promise<string[]> {
    const failed: string[] = [];
    for (const id of ids) {
      const path = this.recordPath(id);
      const raw = await readFileIfExists(path);
      if (raw === undefined) continue; // removed meanwhile
      let record: VaultRecord;
      try {
        record = parseRecord(raw, path);
      } catch {
        failed.push(id);
        continue;
      }
      if (!open(key, record, id)) failed.push(id);
    }
    return failed;
  }

  private async requireAllOpen(key: Buffer, ids: readonly string[], whose: string): Promise<void> {
    const failed = await this.unopenable(key, ids);
    if (failed.length === 0) return;
    throw new AnchorageError(
      'VAULT_DECRYPT_FAILED',
      `${whose} does not open ${failed.length} of the ${ids.length} records in ${this.recordDir} (first: "${failed[0] ?? ''}"). Nothing was changed.`,
      'Use the key (or backup) of this data directory; check the record files if they may be damaged.',
      { facts: { reason: 'key-mismatch', failed: failed.length, records: ids.length } },
    );
  }

  /**
   * The vault key wrapped under `passphrase` (scrypt, as the passphrase store), as the text of a backup
   * file, with the number of records it opens. Never creates a key.
   */
  async backupKey(passphrase: string): Promise<{ text: string; fingerprint: string; records: number }> {
    const { wrapVaultKey, keyFingerprint } = await import('./key-backup');
    const key = await this.requireKey();
    const ids = await this.list();
    await this.requireAllOpen(key, ids, `The vault key in ${this.storeName()}`);
    return {
      text: await wrapVaultKey(key, passphrase),
      fingerprint: keyFingerprint(key),
      records: ids.length,
    };
  }

  /**
   * Put the key of a backup into this vault's store. Refused unless every record opens with it: a backup of
   * another directory would otherwise replace a working key or sit beside records it cannot read.
   */
  async restoreKey(bytes: Uint8Array, passphrase: string, source: string): Promise<RestoreResult> {
    const { unwrapVaultKey } = await import('./key-backup');
    const key = await unwrapVaultKey(bytes, passphrase, source);
    return withLock(this.lockPath, async () => {
      const ids = await this.list();
      await this.requireAllOpen(key, ids, `The key in ${source}`);
      let current: Buffer | undefined;
      try {
        current = await this.readKey();
      } catch (error) {
        // A damaged key item is replaced only when the records prove the backup right.
        if (!(error instanceof AnchorageError && error.code === 'CORRUPT_DATA') || ids.length === 0)
          throw error;
        current = Buffer.alloc(0);
      }
      const kind = this.store.kind;
      if (current?.equals(key)) {
        await writeVaultKind(this.dataDir, kind);
        return { outcome: 'unchanged', records: ids.length, kind };
      }
      if (current && ids.length === 0) {
        // Another key, and no record proves which one belongs here: keep the one in use.
        throw new AnchorageError(
          'ALREADY_EXISTS',
          `${this.storeName()} already holds a different vault key, and no record shows which key belongs to ${this.dataDir}. Nothing was changed.`,
          'Restore into a store that holds no vault key (another keychain service or a new passphrase file).',
          { facts: { reason: 'other-key', what: 'vault-key' } },
        );
      }
      await this.store.set(VAULT_KEY_ACCOUNT, key.toString('base64'));
      this.cachedKey = undefined;
      const stored = await this.readKey();
      if (!stored?.equals(key)) {
        throw new AnchorageError(
          'IO_ERROR',
          `${this.storeName()} did not keep the restored vault key.`,
          'Check the store, then restore again; the backup file is unchanged.',
        );
      }
      this.cachedKey = stored;
      await writeVaultKind(this.dataDir, kind);
      return { outcome: current ? 'replaced' : 'stored', records: ids.length, kind };
    });
  }

  /**
   * Move the vault key to `target` (issue 9). With envelope encryption the records stay as they are; only the
   * key moves: written to the target, read back, proven against every record, then recorded as this
   * directory's store, and only then removed from the old store. A failure before the record is written
   * leaves the old store in use and removes what this call wrote to the target.
   */
  async migrate(target: SecretStore, options: { keepOld?: boolean } = {}): Promise<MigrateResult> {
    const from = this.store.kind;
    if (target.kind === from) {
      throw new AnchorageError(
        'INVALID_INPUT',
        `The vault key is already in ${this.storeName()}.`,
        'Choose the other store as the target.',
        { facts: { field: 'vaultKind', reason: 'same-store', kind: from } },
      );
    }
    return withLock(this.lockPath, async () => {
      const key = await this.requireKey();
      const ids = await this.list();
      await this.requireAllOpen(key, ids, `The vault key in ${this.storeName()}`);
      const encoded = key.toString('base64');
      const prior = await target.get(VAULT_KEY_ACCOUNT);
      if (prior !== undefined && prior !== encoded) {
        throw new AnchorageError(
          'ALREADY_EXISTS',
          `${storeName(target.kind, this.dataDir)} already holds a different vault key (of another data directory, or an earlier one). Nothing was changed.`,
          target.kind === 'keychain'
            ? 'Give this data directory a keychain service of its own (ANCHORAGE_KEYCHAIN_SERVICE), or remove that item if nothing needs it.'
            : 'Move that passphrase file away first if nothing needs it.',
          { facts: { reason: 'other-key', what: 'vault-key', kind: target.kind } },
        );
      }
      const wrote = prior === undefined;
      try {
        if (wrote) await target.set(VAULT_KEY_ACCOUNT, encoded);
        const readBack = await target.get(VAULT_KEY_ACCOUNT);
        if (readBack !== encoded) {
          throw new AnchorageError(
            'IO_ERROR',
            `${storeName(target.kind, this.dataDir)} did not keep the vault key. Nothing was changed.`,
            'Check that store, then try again.',
          );
        }
        await this.requireAllOpen(Buffer.from(readBack, 'base64'), ids, 'The key read back from the target');
        await writeVaultKind(this.dataDir, target.kind);
      } catch (error) {
        if (wrote) await target.delete(VAULT_KEY_ACCOUNT).catch(() => undefined);
        throw error;
      }
      // From here the target is the store of record; the old copy is only a spare.
      let removedFromOld = false;
      if (!options.keepOld) {
        removedFromOld = await this.store.delete(VAULT_KEY_ACCOUNT).then(
          () => true,
          () => false,
        );
      }
      return { from, to: target.kind, records: ids.length, removedFromOld };
    });
  }

  /** Change the passphrase of the passphrase-file store; the vault key and the records stay as they are. */
  async changePassphrase(newPassphrase: string): Promise<void> {
    if (!this.store.changePassphrase) {
      throw new AnchorageError(
        'INVALID_INPUT',
        `The vault key is in ${this.storeName()}, which has no passphrase of Anchorage's.`,
        'Only the passphrase-file vault has a passphrase to change.',
        { facts: { field: 'vaultKind', reason: 'no-passphrase', kind: this.store.kind } },
      );
    }
    await withLock(this.lockPath, async () => {
      await this.requireKey();
      await this.store.changePassphrase?.(newPassphrase);
    });
  }
}

function parseRecord(raw: Buffer, path: string): VaultRecord {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw corrupt(path, 'it is not valid JSON');
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > 1) {
    throw new AnchorageError(
      'UNSUPPORTED_SCHEMA',
      `${path} was written by a newer Anchorage (schema ${version}, this one reads 1).`,
      'Update Anchorage; the file has been left as it is.',
    );
  }
  const record = json as Partial<Record<keyof VaultRecord, unknown>> | null;
  if (typeof record !== 'object' || record === null) throw corrupt(path, 'it is not a record');
  if (record.schemaVersion !== 1) throw corrupt(path, 'schemaVersion: expected 1');
  if (record.alg !== 'A256GCM') throw corrupt(path, 'alg: expected "A256GCM"');
  for (const field of ['nonce', 'ciphertext', 'tag'] as const) {
    if (typeof record[field] !== 'string') throw corrupt(path, `${field}: expected a base64 string`);
  }
  return record as VaultRecord;
}

function corrupt(path: string, reason: string): AnchorageError {
  return new AnchorageError(
    'CORRUPT_DATA',
    `${path} is damaged (${reason}); Anchorage will not overwrite it.`,
    'Restore it from a backup; delete it only if you accept losing that secret.',
  );
}
