import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { AnchorageError } from '../../../shared/errors';
import { readFileIfExists, writeFileAtomic } from '../store/atomic-file';
import type { VaultStatus } from '../../../shared/schemas/models';

/** Which store keeps a data directory's vault key: the same names as {@link VaultStatus}'s `kind`. */
export type VaultKind = VaultStatus['kind'];

/** The passphrase store's file name (passphrase-store.ts): its presence tells an old file vault apart. */
export const PASSPHRASE_FILE = 'secrets.json';
const KIND_FILE = 'vault.json';

/** What a store is called in messages (neutral words: no flag, no command). */
export function storeName(kind: VaultKind, dataDir: string): string {
  return kind === 'keychain' ? 'the OS keychain' : `the passphrase file in ${dataDir}`;
}

/**
 * `<dataDir>/vault.json` records which store holds the vault key (issue 9), written when the key is first
 * created, restored or moved. Read by hand (no zod): the vault is on credential_process's path, though this
 * file is read only when the key is missing.
 */
export async function readVaultKind(dataDir: string): Promise<VaultKind | undefined> {
  const path = join(dataDir, KIND_FILE);
  const raw = await readFileIfExists(path);
  if (raw !== undefined) {
    let doc: unknown;
    try {
      doc = JSON.parse(raw.toString('utf8'));
    } catch {
      doc = undefined;
    }
    const kind = (doc as { kind?: unknown } | null | undefined)?.kind;
    if (kind === 'keychain' || kind === 'passphrase-file') return kind;
    throw new AnchorageError(
      'CORRUPT_DATA',
      `${path} is damaged (kind: expected "keychain" or "passphrase-file"); Anchorage will not overwrite it.`,
      'Restore it from a backup, or delete it: Anchorage then infers the store from the files present.',
    );
  }
  // Directories from before the record: a passphrase file means the file vault.
  try {
    await access(join(dataDir, PASSPHRASE_FILE));
    return 'passphrase-file';
  } catch {
    return undefined;
  }
}

/** Record `kind` as the store of this data directory's vault key (atomic, 0600). */
export async function writeVaultKind(dataDir: string, kind: VaultKind): Promise<void> {
  await writeFileAtomic(join(dataDir, KIND_FILE), `${JSON.stringify({ schemaVersion: 1, kind }, null, 2)}\n`);
}
