import { createHash, randomBytes, scrypt } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { vaultPassphraseProblem } from '../../../shared/domain/limits';
import { AnchorageError } from '../../../shared/errors';
import { JsonDocument } from '../store/document';
import { KEY_BYTES, open, seal } from './aead';
import { ACCOUNT_PATTERN } from './secret-store';
import type { SecretStore } from './secret-store';
import { PASSPHRASE_FILE } from './vault-kind';
import type { VaultStatus } from '../../../shared/schemas/models';

/**
 * scrypt cost for new files: N=2^15, r=8, p=1 (RFC 7914 §2 recommends r=8, p=1; 2^15 costs ~0.1 s and
 * 32 MiB here). The parameters are stored in the file, so a later release can raise them and still read
 * old files. Bounds stop a doctored file from asking for gigabytes of memory.
 */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const CHECK_AAD = 'anchorage:passphrase-check';
const CHECK_TEXT = 'anchorage passphrase check v1';

const SealedSchema = z.object({ nonce: z.string(), ciphertext: z.string(), tag: z.string() });
export const KdfSchema = z.object({
  name: z.literal('scrypt'),
  salt: z.string().min(1),
  N: z
    .number()
    .int()
    .min(2 ** 14)
    .max(2 ** 20)
    .refine((n) => (n & (n - 1)) === 0, 'must be a power of two'),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(4),
});
const SecretsDocSchema = z.object({
  schemaVersion: z.literal(1),
  kdf: KdfSchema.optional(),
  /** A known text sealed under the derived key: tells a wrong passphrase apart before anything is written. */
  check: SealedSchema.optional(),
  secrets: z.record(z.string(), SealedSchema),
});
type SecretsDoc = z.infer<typeof SecretsDocSchema>;
export type Kdf = z.infer<typeof KdfSchema>;

/**
 * Derived keys, per process: scrypt is deliberately slow, and the CLI's credential_process path runs it
 * at most once. Keyed by a hash of salt, parameters and passphrase, so a different passphrase never hits.
 */
const derivedKeys = new Map<string, Promise<Buffer>>();

/** Fresh scrypt parameters with a new salt, at the current cost. */
export function newKdf(): Kdf {
  return { name: 'scrypt', salt: randomBytes(SALT_BYTES).toString('base64'), ...SCRYPT };
}

/** Refuse a passphrase that is too short for a new vault or backup (shared/domain/limits.ts). */
export function checkNewPassphrase(passphrase: string, what: 'vault' | 'backup'): void {
  const problem = vaultPassphraseProblem(passphrase, what);
  if (problem) {
    throw new AnchorageError(
      'INVALID_PASSWORD',
      problem.message,
      'Choose a longer passphrase; a few unrelated words make one that is easy to type.',
      { facts: problem.facts },
    );
  }
}

/** The scrypt key of `passphrase` under `kdf`, once per process (see derivedKeys). */
export function deriveKey(passphrase: string, kdf: Kdf): Promise<Buffer> {
  const salt = Buffer.from(kdf.salt, 'base64');
  const cacheKey = createHash('sha256')
    .update(JSON.stringify([kdf.salt, kdf.N, kdf.r, kdf.p]))
    .update('\0')
    .update(passphrase)
    .digest('hex');
  let pending = derivedKeys.get(cacheKey);
  if (!pending) {
    pending = new Promise<Buffer>((resolve, reject) => {
      // maxmem: scrypt needs 128·N·r bytes, which is exactly Node's default limit at N=2^15, r=8.
      scrypt(
        passphrase,
        salt,
        KEY_BYTES,
        { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r },
        (error, key) => (error ? reject(error) : resolve(key)),
      );
    });
    derivedKeys.set(cacheKey, pending);
    pending.catch(() => derivedKeys.delete(cacheKey));
  }
  return pending;
}

export interface PassphraseStoreOptions {
  /** The passphrase; `undefined` or empty makes every use fail with VAULT_PASSPHRASE_REQUIRED. */
  passphrase: string | undefined;
}

/**
 * Secrets in `<dataDir>/secrets.json`, each AES-256-GCM encrypted under a key derived with scrypt from a
 * passphrase (ARCHITECTURE §4): for headless machines and CI, chosen with ANCHORAGE_VAULT=file and
 * ANCHORAGE_VAULT_PASSPHRASE.
 */
export class PassphraseStore implements SecretStore {
  readonly kind = 'passphrase-file' as const;
  readonly path: string;
  private readonly doc: JsonDocument<SecretsDoc>;
  private passphrase: string | undefined;

  constructor(dataDir: string, options: PassphraseStoreOptions) {
    this.path = join(dataDir, PASSPHRASE_FILE);
    this.doc = new JsonDocument(this.path, SecretsDocSchema, () => ({ schemaVersion: 1, secrets: {} }));
    // NFC: the same passphrase typed on macOS (NFD input) and Linux must derive the same key.
    this.passphrase = options.passphrase ? options.passphrase.normalize('NFC') : undefined;
  }

  async get(account: string): Promise<string | undefined> {
    checkAccount(account);
    const passphrase = this.requirePassphrase();
    const doc = await this.doc.read();
    if (!doc.kdf) return undefined;
    const key = await this.unlock(doc, passphrase);
    const sealed = Object.hasOwn(doc.secrets, account) ? doc.secrets[account] : undefined;
    if (!sealed) return undefined;
    const plain = open(key, sealed, secretAad(account));
    if (!plain) {
      throw new AnchorageError(
        'VAULT_DECRYPT_FAILED',
        `The entry "${account}" in ${this.path} could not be decrypted although the passphrase is right: it was altered.`,
        'Restore secrets.json from a backup; Anchorage has left it as it is.',
      );
    }
    return plain.toString('utf8');
  }

  async set(account: string, value: string): Promise<void> {
    checkAccount(account);
    const passphrase = this.requirePassphrase();
    await this.doc.update(async (doc) => {
      let key: Buffer;
      if (doc.kdf) {
        key = await this.unlock(doc, passphrase);
      } else {
        // First secret: a new file vault, so the passphrase rule applies (existing files keep opening).
        checkNewPassphrase(passphrase, 'vault');
        // The salt is made here, under the document lock, so two processes agree on it.
        doc.kdf = newKdf();
        key = await deriveKey(passphrase, doc.kdf);
        doc.check = seal(key, Buffer.from(CHECK_TEXT, 'utf8'), CHECK_AAD);
      }
      doc.secrets[account] = seal(key, Buffer.from(value, 'utf8'), secretAad(account));
    });
  }

  async delete(account: string): Promise<void> {
    checkAccount(account);
    const passphrase = this.requirePassphrase();
    const current = await this.doc.read();
    if (!Object.hasOwn(current.secrets, account)) {
      if (current.kdf) await this.unlock(current, passphrase);
      return;
    }
    await this.doc.update(async (doc) => {
      await this.unlock(doc, passphrase);
      delete doc.secrets[account];
    });
  }

  /**
   * Re-wrap every entry under a key derived from `newPassphrase` with a fresh salt, in one atomic write of the
   * file (temp, fsync, rename): a crash leaves the old passphrase working, never half of each.
   */
  async changePassphrase(newPassphrase: string): Promise<void> {
    const passphrase = this.requirePassphrase();
    const next = newPassphrase.normalize('NFC');
    checkNewPassphrase(next, 'vault');
    await this.doc.update(async (doc) => {
      if (!doc.kdf) {
        throw new AnchorageError(
          'NOT_FOUND',
          `${this.path} does not exist yet, so it has no passphrase to change.`,
          'Store something in the vault first; it is created with the passphrase given.',
          { facts: { what: 'passphrase-file', path: this.path } },
        );
      }
      const oldKey = await this.unlock(doc, passphrase);
      const kdf = newKdf();
      const newKey = await deriveKey(next, kdf);
      const secrets: SecretsDoc['secrets'] = {};
      for (const [account, sealed] of Object.entries(doc.secrets)) {
        const plain = open(oldKey, sealed, secretAad(account));
        if (!plain) {
          throw new AnchorageError(
            'VAULT_DECRYPT_FAILED',
            `The entry "${account}" in ${this.path} could not be decrypted although the passphrase is right: it was altered.`,
            'Restore secrets.json from a backup; Anchorage has left it as it is.',
          );
        }
        secrets[account] = seal(newKey, plain, secretAad(account));
      }
      doc.kdf = kdf;
      doc.check = seal(newKey, Buffer.from(CHECK_TEXT, 'utf8'), CHECK_AAD);
      doc.secrets = secrets;
    });
    this.passphrase = next;
  }

  async status(): Promise<VaultStatus> {
    const base = { kind: this.kind } as const;
    if (!this.passphrase) {
      return {
        ...base,
        state: 'locked',
        detail: 'ANCHORAGE_VAULT=file is set but ANCHORAGE_VAULT_PASSPHRASE is not.',
      };
    }
    try {
      const doc = await this.doc.read();
      if (!doc.kdf)
        return { ...base, state: 'available', detail: `${this.path} will be created on first use.` };
      await this.unlock(doc, this.passphrase);
      return { ...base, state: 'available', detail: `${this.path} opens with the given passphrase.` };
    } catch (error) {
      if (!(error instanceof AnchorageError)) throw error;
      return {
        ...base,
        state: error.code === 'VAULT_PASSPHRASE_WRONG' ? 'locked' : 'unavailable',
        detail: error.message,
      };
    }
  }

  private requirePassphrase(): string {
    if (!this.passphrase) {
      throw new AnchorageError(
        'VAULT_PASSPHRASE_REQUIRED',
        'The passphrase-file vault is selected (ANCHORAGE_VAULT=file) but no passphrase was given.',
        'Set ANCHORAGE_VAULT_PASSPHRASE in the environment (never on the command line), or unset ANCHORAGE_VAULT to use the OS keychain.',
      );
    }
    return this.passphrase;
  }

  /** Derive the key for this file and prove it against the check value. */
  private async unlock(doc: SecretsDoc, passphrase: string): Promise<Buffer> {
    if (!doc.kdf || !doc.check) {
      throw new AnchorageError(
        'CORRUPT_DATA',
        `${this.path} has secrets but no key parameters or check value.`,
        'Restore it from a backup; Anchorage has left it as it is.',
      );
    }
    const key = await deriveKey(passphrase, doc.kdf);
    if (!open(key, doc.check, CHECK_AAD)) {
      throw new AnchorageError(
        'VAULT_PASSPHRASE_WRONG',
        `ANCHORAGE_VAULT_PASSPHRASE does not open ${this.path}.`,
        'Set the passphrase this vault was created with; the file has not been changed.',
      );
    }
    return key;
  }
}

function secretAad(account: string): string {
  // The account is bound into each ciphertext, so entries cannot be swapped inside the file.
  return `anchorage:secret:${account}`;
}

function checkAccount(account: string): void {
  if (!ACCOUNT_PATTERN.test(account)) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `"${account}" is not a valid secret account name.`,
      'Use letters, digits, ".", "_", ":" or "-".',
    );
  }
}
