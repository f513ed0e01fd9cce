// Vault management (issue 9, item 5): the recorded store kind, key backup and restore, migration between
// stores, and changing the passphrase. The keychain side is an in-memory SecretStore here, so that failures
// can be injected; test/integration/cli-vault.test.ts runs the same on the real Secret Service.
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnchorageError } from '../../../../../shared/errors';
import { seal } from '../../../../../main/core/vault/aead';
import { deriveKey, newKdf, PassphraseStore } from '../../../../../main/core/vault/passphrase-store';
import type { SecretStore } from '../../../../../main/core/vault/secret-store';
import { readVaultKind } from '../../../../../main/core/vault/vault-kind';
import { Vault, VAULT_KEY_ACCOUNT } from '../../../../../main/core/vault/vault';
import { snapshot } from '../../../../support/fs';

const PASSPHRASE = 'correct horse battery staple';
const BACKUP_PASSPHRASE = 'another long backup passphrase';
const dirs: string[] = [];

/** A keychain stand-in whose writes and reads can be made to fail or lie. */
class MemoryKeychain implements SecretStore {
  readonly kind = 'keychain' as const;
  readonly values = new Map<string, string>();
  failSet = false;
  lieOnRead = false;

  get(account: string): Promise<string | undefined> {
    const value = this.values.get(account);
    return Promise.resolve(this.lieOnRead && value ? Buffer.alloc(32, 7).toString('base64') : value);
  }
  set(account: string, value: string): Promise<void> {
    if (this.failSet) return Promise.reject(new AnchorageError('KEYCHAIN_UNAVAILABLE', 'No keychain today.'));
    this.values.set(account, value);
    return Promise.resolve();
  }
  delete(account: string): Promise<void> {
    this.values.delete(account);
    return Promise.resolve();
  }
  status() {
    return Promise.resolve({ kind: this.kind, state: 'available' as const, detail: 'in memory' });
  }
}

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'anchorage-vault-mgmt-'));
  dirs.push(dir);
  return dir;
}

async function fileVault(
  records = ['a', 'b'],
): Promise<{ dir: string; store: PassphraseStore; vault: Vault }> {
  const dir = dataDir();
  const store = new PassphraseStore(dir, { passphrase: PASSPHRASE });
  const vault = new Vault(dir, store);
  for (const id of records) await vault.put(id, Buffer.from(`secret ${id}`));
  return { dir, store, vault };
}

async function failure(promise: Promise<unknown>): Promise<AnchorageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AnchorageError);
  return error as AnchorageError;
}

async function readsAll(vault: Vault, ids: string[]): Promise<void> {
  for (const id of ids) expect(Buffer.from(await vault.get(id)).toString()).toBe(`secret ${id}`);
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the recorded vault kind', () => {
  it('is written with the first key, and a file-vault directory opened on the keychain says so', async () => {
    const { dir } = await fileVault();
    expect(await readVaultKind(dir)).toBe('passphrase-file');
    const error = await failure(new Vault(dir, new MemoryKeychain()).get('a'));
    expect(error.code).toBe('VAULT_KEY_MISSING');
    expect(error.message).toContain('keeps its vault key in a passphrase file');
    expect(error.message).not.toContain('missing from the OS keychain');
    expect(error.hint).toContain('ANCHORAGE_VAULT=file');
    expect(error.facts).toEqual({ reason: 'other-store', kind: 'passphrase-file', asked: 'keychain' });
    const status = await new Vault(dir, new MemoryKeychain()).status();
    expect(status).toMatchObject({ state: 'unavailable', recordedKind: 'passphrase-file', records: 2 });
    expect(status.detail).toContain('passphrase file');
  });

  it("never reads or seals this directory's records with another directory's keychain key", async () => {
    const { dir } = await fileVault();
    const shared = new MemoryKeychain();
    shared.values.set(VAULT_KEY_ACCOUNT, Buffer.alloc(32, 9).toString('base64'));
    const wrong = new Vault(dir, shared);
    expect((await failure(wrong.get('a'))).facts).toMatchObject({ reason: 'other-store' });
    const before = snapshot(dir);
    expect((await failure(wrong.put('c', Buffer.from('x')))).code).toBe('VAULT_KEY_MISSING');
    expect(snapshot(dir)).toEqual(before);
  });

  it('is inferred from secrets.json in a directory made before the record existed', async () => {
    const { dir } = await fileVault();
    unlinkSync(join(dir, 'vault.json'));
    expect(await readVaultKind(dir)).toBe('passphrase-file');
    const error = await failure(new Vault(dir, new MemoryKeychain()).get('a'));
    expect(error.message).toContain('keeps its vault key in a passphrase file');
  });

  it('stops a new key in the wrong store even before any record exists', async () => {
    const dir = dataDir();
    const keychain = new MemoryKeychain();
    const vault = new Vault(dir, keychain);
    await vault.put('a', Buffer.from('secret a'));
    await vault.delete('a');
    expect(await readVaultKind(dir)).toBe('keychain');
    const asFile = new Vault(dir, new PassphraseStore(dir, { passphrase: PASSPHRASE }));
    const error = await failure(asFile.put('b', Buffer.from('x')));
    expect(error.code).toBe('VAULT_KEY_MISSING');
    expect(error.hint).toContain('Unset ANCHORAGE_VAULT');
    expect(existsSync(join(dir, 'secrets.json'))).toBe(false);
  });
});

describe('the vault passphrase rule', () => {
  it('refuses a short passphrase for a new file vault, and writes nothing', async () => {
    const dir = dataDir();
    const vault = new Vault(dir, new PassphraseStore(dir, { passphrase: 'eleven char' }));
    const error = await failure(vault.put('a', Buffer.from('x')));
    expect(error.code).toBe('INVALID_PASSWORD');
    expect(error.facts).toMatchObject({ field: 'vaultPassphrase', reason: 'too-short', min: 12, length: 11 });
    expect(error.message).toContain('at least 12');
    expect(error.message).not.toContain('eleven char');
    expect(existsSync(join(dir, 'secrets.json'))).toBe(false);
  });

  it('keeps opening a vault made with a short passphrase before the rule', async () => {
    const dir = dataDir();
    const short = 'short';
    const kdf = newKdf();
    const key = await deriveKey(short, kdf);
    const check = seal(key, Buffer.from('anchorage passphrase check v1'), 'anchorage:passphrase-check');
    writeFileSync(join(dir, 'secrets.json'), JSON.stringify({ schemaVersion: 1, kdf, check, secrets: {} }));
    const vault = new Vault(dir, new PassphraseStore(dir, { passphrase: short }));
    await vault.put('a', Buffer.from('secret a'));
    await readsAll(new Vault(dir, new PassphraseStore(dir, { passphrase: short })), ['a']);
  });
});

describe('backup and restore', () => {
  it('restores a wiped key from a backup, and every record opens again', async () => {
    const dir = dataDir();
    const keychain = new MemoryKeychain();
    const vault = new Vault(dir, keychain);
    for (const id of ['a', 'b']) await vault.put(id, Buffer.from(`secret ${id}`));
    const backup = await vault.backupKey(BACKUP_PASSPHRASE);
    expect(backup.records).toBe(2);
    expect(backup.text).not.toContain(keychain.values.get(VAULT_KEY_ACCOUNT));
    keychain.values.clear();
    const fresh = new Vault(dir, keychain);
    expect((await failure(fresh.get('a'))).code).toBe('VAULT_KEY_MISSING');
    const result = await fresh.restoreKey(Buffer.from(backup.text), BACKUP_PASSPHRASE, 'backup.json');
    expect(result).toEqual({ outcome: 'stored', records: 2, kind: 'keychain' });
    await readsAll(new Vault(dir, keychain), ['a', 'b']);
    // Again: nothing to change.
    expect((await fresh.restoreKey(Buffer.from(backup.text), BACKUP_PASSPHRASE, 'b')).outcome).toBe(
      'unchanged',
    );
  });

  it('refuses a short backup passphrase, a wrong one, and a backup of another vault', async () => {
    const { dir, vault } = await fileVault();
    const tooShort = await failure(vault.backupKey('short'));
    expect(tooShort.facts).toMatchObject({ field: 'backupPassphrase', reason: 'too-short' });
    const backup = await vault.backupKey(BACKUP_PASSPHRASE);
    const wrong = await failure(vault.restoreKey(Buffer.from(backup.text), 'not the passphrase', 'b.json'));
    expect(wrong.code).toBe('WRONG_PASSWORD');
    const damaged = await failure(
      vault.restoreKey(Buffer.from('{"format":"x"}'), BACKUP_PASSPHRASE, 'b.json'),
    );
    expect(damaged.code).toBe('CORRUPT_DATA');

    const other = await fileVault(['z']);
    const otherBackup = await other.vault.backupKey(BACKUP_PASSPHRASE);
    const before = snapshot(dir);
    const mismatch = await failure(
      vault.restoreKey(Buffer.from(otherBackup.text), BACKUP_PASSPHRASE, 'o.json'),
    );
    expect(mismatch.code).toBe('VAULT_DECRYPT_FAILED');
    expect(mismatch.message).toContain('Nothing was changed');
    expect(snapshot(dir)).toEqual(before);
    await readsAll(new Vault(dir, new PassphraseStore(dir, { passphrase: PASSPHRASE })), ['a', 'b']);
  });

  it('replaces a different key only when the records prove the backup right', async () => {
    const dir = dataDir();
    const keychain = new MemoryKeychain();
    const vault = new Vault(dir, keychain);
    await vault.put('a', Buffer.from('secret a'));
    const backup = await vault.backupKey(BACKUP_PASSPHRASE);
    keychain.values.set(VAULT_KEY_ACCOUNT, Buffer.alloc(32, 1).toString('base64'));
    const result = await new Vault(dir, keychain).restoreKey(
      Buffer.from(backup.text),
      BACKUP_PASSPHRASE,
      'b',
    );
    expect(result.outcome).toBe('replaced');
    await readsAll(new Vault(dir, keychain), ['a']);

    // No records: nothing shows which key belongs here, so the one in use stays.
    const empty = dataDir();
    const other = new MemoryKeychain();
    other.values.set(VAULT_KEY_ACCOUNT, Buffer.alloc(32, 2).toString('base64'));
    const refused = await failure(
      new Vault(empty, other).restoreKey(Buffer.from(backup.text), BACKUP_PASSPHRASE, 'b'),
    );
    expect(refused.code).toBe('ALREADY_EXISTS');
    expect(other.values.get(VAULT_KEY_ACCOUNT)).toBe(Buffer.alloc(32, 2).toString('base64'));
  });
});

describe('migrate', () => {
  it('moves the key from the passphrase file to the keychain; the records stay and open', async () => {
    const { dir, vault } = await fileVault();
    const records = readFileSync(join(dir, 'vault', 'a.json'), 'utf8');
    const keychain = new MemoryKeychain();
    const result = await vault.migrate(keychain);
    expect(result).toEqual({ from: 'passphrase-file', to: 'keychain', records: 2, removedFromOld: true });
    expect(await readVaultKind(dir)).toBe('keychain');
    expect(readFileSync(join(dir, 'vault', 'a.json'), 'utf8')).toBe(records);
    await readsAll(new Vault(dir, keychain), ['a', 'b']);
    expect(await new PassphraseStore(dir, { passphrase: PASSPHRASE }).get(VAULT_KEY_ACCOUNT)).toBeUndefined();
    // And back again.
    const back = await new Vault(dir, keychain).migrate(new PassphraseStore(dir, { passphrase: PASSPHRASE }));
    expect(back.to).toBe('passphrase-file');
    expect(keychain.values.size).toBe(0);
    await readsAll(new Vault(dir, new PassphraseStore(dir, { passphrase: PASSPHRASE })), ['a', 'b']);
  });

  it('leaves the old store working and the target empty when any step fails', async () => {
    const { dir, vault } = await fileVault();
    const failing = new MemoryKeychain();
    failing.failSet = true;
    expect((await failure(vault.migrate(failing))).code).toBe('KEYCHAIN_UNAVAILABLE');
    const lying = new MemoryKeychain();
    lying.lieOnRead = true;
    expect((await failure(vault.migrate(lying))).code).toBe('IO_ERROR');
    expect(lying.values.size).toBe(0);
    const taken = new MemoryKeychain();
    taken.values.set(VAULT_KEY_ACCOUNT, Buffer.alloc(32, 3).toString('base64'));
    expect((await failure(vault.migrate(taken))).code).toBe('ALREADY_EXISTS');
    expect(taken.values.get(VAULT_KEY_ACCOUNT)).toBe(Buffer.alloc(32, 3).toString('base64'));
    expect(await readVaultKind(dir)).toBe('passphrase-file');
    await readsAll(new Vault(dir, new PassphraseStore(dir, { passphrase: PASSPHRASE })), ['a', 'b']);
    const same = await failure(vault.migrate(new PassphraseStore(dir, { passphrase: PASSPHRASE })));
    expect(same.facts).toMatchObject({ reason: 'same-store' });
  });

  it('refuses a short passphrase for the new file vault, keeping the keychain', async () => {
    const dir = dataDir();
    const keychain = new MemoryKeychain();
    const vault = new Vault(dir, keychain);
    await vault.put('a', Buffer.from('secret a'));
    const error = await failure(vault.migrate(new PassphraseStore(dir, { passphrase: 'too short' })));
    expect(error.code).toBe('INVALID_PASSWORD');
    expect(await readVaultKind(dir)).toBe('keychain');
    await readsAll(new Vault(dir, keychain), ['a']);
  });
});

describe('change the passphrase', () => {
  it('re-wraps the file under the new passphrase; the old one no longer opens it', async () => {
    const { dir, vault } = await fileVault();
    const next = 'a brand new vault passphrase';
    await vault.changePassphrase(next);
    await readsAll(new Vault(dir, new PassphraseStore(dir, { passphrase: next })), ['a', 'b']);
    const old = await failure(new Vault(dir, new PassphraseStore(dir, { passphrase: PASSPHRASE })).get('a'));
    expect(old.code).toBe('VAULT_PASSPHRASE_WRONG');
  });

  it('refuses a short new passphrase and the keychain, changing nothing', async () => {
    const { dir, vault } = await fileVault();
    const before = snapshot(dir);
    expect((await failure(vault.changePassphrase('short'))).code).toBe('INVALID_PASSWORD');
    expect(snapshot(dir)).toEqual(before);
    const keychainVault = new Vault(dataDir(), new MemoryKeychain());
    expect((await failure(keychainVault.changePassphrase('long enough passphrase'))).facts).toMatchObject({
      reason: 'no-passphrase',
    });
  });
});
