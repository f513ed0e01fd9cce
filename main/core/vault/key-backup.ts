import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AnchorageError } from '../../../shared/errors';
import { KEY_BYTES, open, seal } from './aead';
import { checkNewPassphrase, deriveKey, KdfSchema, newKdf } from './passphrase-store';

/** Bound into the ciphertext, so a backup can never be mistaken for another sealed value. */
const BACKUP_AAD = 'anchorage:vault-key-backup';
const FORMAT = 'anchorage-vault-key-backup';

const BackupSchema = z.object({
  format: z.literal(FORMAT),
  schemaVersion: z.literal(1),
  kdf: KdfSchema,
  /** The first 16 hex digits of SHA-256 over the key: tells two keys apart without revealing either. */
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
  key: z.object({ nonce: z.string(), ciphertext: z.string(), tag: z.string() }),
});

/** A short, non-secret name for a vault key (SHA-256 prefix of a random 256-bit key reveals nothing usable). */
export function keyFingerprint(key: Uint8Array): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/**
 * The vault key wrapped under a passphrase (issue 9), in the passphrase store's scheme: scrypt with the
 * parameters in the file, then AES-256-GCM. The file is all a new machine needs, with the data directory.
 */
export async function wrapVaultKey(key: Uint8Array, passphrase: string): Promise<string> {
  const normalized = passphrase.normalize('NFC');
  checkNewPassphrase(normalized, 'backup');
  const kdf = newKdf();
  const wrapping = await deriveKey(normalized, kdf);
  const backup = {
    format: FORMAT,
    schemaVersion: 1,
    kdf,
    fingerprint: keyFingerprint(key),
    key: seal(wrapping, key, BACKUP_AAD),
  };
  return `${JSON.stringify(backup, null, 2)}\n`;
}

/** The vault key in a backup made by {@link wrapVaultKey}; `source` names the file in messages. */
export async function unwrapVaultKey(bytes: Uint8Array, passphrase: string, source: string): Promise<Buffer> {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    json = undefined;
  }
  const parsed = BackupSchema.safeParse(json);
  if (!parsed.success) {
    throw new AnchorageError(
      'CORRUPT_DATA',
      `${source} is not an Anchorage vault key backup, or it is damaged.`,
      'Give the file that the vault key backup wrote.',
      { facts: { path: source } },
    );
  }
  const wrapping = await deriveKey(passphrase.normalize('NFC'), parsed.data.kdf);
  const key = open(wrapping, parsed.data.key, BACKUP_AAD);
  if (!key) {
    throw new AnchorageError(
      'WRONG_PASSWORD',
      `The passphrase does not open the vault key backup ${source}.`,
      'Give the passphrase the backup was made with.',
      { facts: { field: 'backupPassphrase', path: source } },
    );
  }
  if (key.length !== KEY_BYTES || keyFingerprint(key) !== parsed.data.fingerprint) {
    throw new AnchorageError(
      'CORRUPT_DATA',
      `${source} holds a key that does not match its fingerprint.`,
      'Use another copy of the backup.',
      { facts: { path: source } },
    );
  }
  return key;
}
