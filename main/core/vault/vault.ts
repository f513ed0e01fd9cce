import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AnchorageError } from '../../../shared/errors';
import { readFileIfExists, removeDeadTempFiles, writeFileAtomic } from '../store/atomic-file';
import { withLock } from '../store/lock';
import { KEY_BYTES, open, seal } from './aead';
import type { SecretStore } from './secret-store';
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

  /** Encrypt and store `plaintext` under `id`, replacing any previous value. Creates the vault key on first use. */
  async put(id: string, plaintext: Uint8Array): Promise<void> {
    const path = this.recordPath(id);
    const key = await this.keyForWrite();
    const record = { schemaVersion: 1, alg: 'A256GCM', ...seal(key, plaintext, id) };
    await writeFileAtomic(path, `${JSON.stringify(record, null, 2)}\n`);
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
    if (!key) throw this.keyMissing();
    const plain = open(key, record, id);
    if (!plain) {
      throw new AnchorageError(
        'VAULT_DECRYPT_FAILED',
        `Vault record "${id}" could not be decrypted: it was altered or damaged, or it was written under another vault key.`,
        `Restore ${path} from a backup, or import that secret again; Anchorage has left the file as it is.`,
      );
    }
    return plain;
  }

  /** Whether a record `id` exists (without decrypting it). */
  async has(id: string): Promise<boolean> {
    return (await readFileIfExists(this.recordPath(id))) !== undefined;
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
    if (store.state !== 'available') return { ...store, records, key: 'unknown' };
    try {
      if (await this.existingKey()) return { ...store, records, key: 'present' };
      if (records > 0)
        return { ...store, state: 'unavailable', detail: this.keyMissing().message, records, key: 'absent' };
      return { ...store, records, key: 'absent' };
    } catch (error) {
      if (!(error instanceof AnchorageError)) throw error;
      return {
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
    const existing = await this.existingKey();
    if (existing) return existing;
    // Create under a lock, re-reading inside it: two processes racing on an empty vault must end with one
    // key, or the loser's records would be sealed under a key that the keychain no longer holds.
    this.creating ??= withLock(this.lockPath, async () => {
      const raced = await this.readKey();
      if (raced) return raced;
      // Never mint a new key beside existing records: that would orphan every one of them.
      if ((await this.list()).length > 0) throw this.keyMissing();
      const key = randomBytes(KEY_BYTES);
      await this.store.set(VAULT_KEY_ACCOUNT, key.toString('base64'));
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

  private keyMissing(): AnchorageError {
    return new AnchorageError(
      'VAULT_KEY_MISSING',
      `The vault key is missing from ${this.storeName()}, but ${this.recordDir} holds encrypted records.`,
      `Restore the "${VAULT_KEY_ACCOUNT}" item (or the store it was in: check ANCHORAGE_VAULT and the passphrase) from a backup. Anchorage will not create a new key: that would make every existing record unreadable.`,
    );
  }

  private storeName(): string {
    return this.store.kind === 'keychain' ? 'the OS keychain' : `the passphrase file in ${this.dataDir}`;
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
