// The passphrase-file secret store for headless machines and CI (ARCHITECTURE §4).
import { createDecipheriv, scryptSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnchorageError } from '../../../../../shared/errors';
import { PassphraseStore } from '../../../../../main/core/vault/passphrase-store';
import { filesContaining, snapshot } from '../../../../support/fs';

const PASSPHRASE = 'a long test passphrase';
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'anchorage-pass-'));
  dirs.push(dir);
  return dir;
}

async function failure(promise: Promise<unknown>): Promise<AnchorageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AnchorageError);
  return error as AnchorageError;
}

interface SecretsFile {
  schemaVersion: number;
  kdf: { name: string; salt: string; N: number; r: number; p: number };
  check: { nonce: string; ciphertext: string; tag: string };
  secrets: Record<string, { nonce: string; ciphertext: string; tag: string }>;
}

const readDoc = (dir: string): SecretsFile =>
  JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as SecretsFile;

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('PassphraseStore', () => {
  it('sets, gets, overwrites and deletes; a new instance with the same passphrase reads it', async () => {
    const dir = tempDir();
    const store = new PassphraseStore(dir, { passphrase: PASSPHRASE });
    expect(store.kind).toBe('passphrase-file');
    expect(await store.get('vault-key')).toBeUndefined();
    expect(existsSync(join(dir, 'secrets.json'))).toBe(false);

    await store.set('vault-key', 'value one');
    await store.set('other', 'value two');
    expect(await store.get('vault-key')).toBe('value one');
    await store.set('vault-key', 'value three');
    expect(await new PassphraseStore(dir, { passphrase: PASSPHRASE }).get('vault-key')).toBe('value three');

    await store.delete('vault-key');
    await store.delete('vault-key');
    expect(await store.get('vault-key')).toBeUndefined();
    expect(await store.get('other')).toBe('value two');
  });

  it('writes scrypt (N=2^15, r=8, p=1, random salt) + AES-256-GCM, readable from the format alone, mode 0600', async () => {
    const dir = tempDir();
    await new PassphraseStore(dir, { passphrase: PASSPHRASE }).set('vault-key', 'MARKER-PLAINTEXT');
    const doc = readDoc(dir);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.kdf).toMatchObject({ name: 'scrypt', N: 32768, r: 8, p: 1 });
    expect(Buffer.from(doc.kdf.salt, 'base64')).toHaveLength(16);
    expect(filesContaining(dir, 'MARKER-PLAINTEXT')).toEqual([]);
    expect(filesContaining(dir, PASSPHRASE)).toEqual([]);
    expect(snapshot(dir)).toMatchObject([{ path: 'secrets.json', mode: 0o600 }]);

    const key = scryptSync(PASSPHRASE, Buffer.from(doc.kdf.salt, 'base64'), 32, {
      N: 32768,
      r: 8,
      p: 1,
      maxmem: 64 * 1024 * 1024,
    });
    const entry = doc.secrets['vault-key'];
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(entry?.nonce ?? '', 'base64'));
    decipher.setAAD(Buffer.from('anchorage:secret:vault-key'));
    decipher.setAuthTag(Buffer.from(entry?.tag ?? '', 'base64'));
    expect(
      Buffer.concat([
        decipher.update(Buffer.from(entry?.ciphertext ?? '', 'base64')),
        decipher.final(),
      ]).toString(),
    ).toBe('MARKER-PLAINTEXT');

    // A second file gets its own salt.
    const other = tempDir();
    await new PassphraseStore(other, { passphrase: PASSPHRASE }).set('vault-key', 'x');
    expect(readDoc(other).kdf.salt).not.toBe(doc.kdf.salt);
  });

  it('fails with VAULT_PASSPHRASE_WRONG on every operation and leaves the file untouched', async () => {
    const dir = tempDir();
    await new PassphraseStore(dir, { passphrase: PASSPHRASE }).set('vault-key', 'value');
    const before = snapshot(dir);
    const wrong = new PassphraseStore(dir, { passphrase: 'not the passphrase' });
    const attempts = [
      () => wrong.get('vault-key'),
      () => wrong.get('absent'),
      () => wrong.set('vault-key', 'overwrite'),
      () => wrong.set('new', 'x'),
      () => wrong.delete('vault-key'),
      () => wrong.delete('absent'),
    ];
    for (const attempt of attempts) {
      const error = await failure(attempt());
      expect(error.code).toBe('VAULT_PASSPHRASE_WRONG');
      expect(error.message).not.toContain('not the passphrase');
    }
    expect(snapshot(dir)).toEqual(before); // same bytes (sha256), same mode, no lock left behind
    expect(await wrong.status()).toMatchObject({ kind: 'passphrase-file', state: 'locked' });
    expect(await new PassphraseStore(dir, { passphrase: PASSPHRASE }).get('vault-key')).toBe('value');
  });

  it('fails with VAULT_PASSPHRASE_REQUIRED without a passphrase, and says how to give one', async () => {
    const dir = tempDir();
    for (const passphrase of [undefined, '']) {
      const store = new PassphraseStore(dir, { passphrase });
      for (const attempt of [
        () => store.get('vault-key'),
        () => store.set('vault-key', 'x'),
        () => store.delete('vault-key'),
      ]) {
        const error = await failure(attempt());
        expect(error.code).toBe('VAULT_PASSPHRASE_REQUIRED');
        expect(error.hint).toContain('ANCHORAGE_VAULT_PASSPHRASE');
      }
      expect(await store.status()).toMatchObject({ state: 'locked' });
    }
    expect(snapshot(dir)).toEqual([]);
  });

  it('detects an altered entry, and an entry moved to another account', async () => {
    const dir = tempDir();
    const store = new PassphraseStore(dir, { passphrase: PASSPHRASE });
    await store.set('first', 'one');
    await store.set('second', 'two');
    const doc = readDoc(dir);
    const path = join(dir, 'secrets.json');

    writeFileSync(path, JSON.stringify({ ...doc, secrets: { ...doc.secrets, second: doc.secrets.first } }));
    expect((await failure(store.get('second'))).code).toBe('VAULT_DECRYPT_FAILED');

    const flipped = Buffer.from(doc.secrets.first?.ciphertext ?? '', 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    writeFileSync(
      path,
      JSON.stringify({
        ...doc,
        secrets: { ...doc.secrets, first: { ...doc.secrets.first, ciphertext: flipped.toString('base64') } },
      }),
    );
    expect((await failure(store.get('first'))).code).toBe('VAULT_DECRYPT_FAILED');
  });

  it('reports a damaged secrets.json as CORRUPT_DATA and does not overwrite it', async () => {
    const dir = tempDir();
    const path = join(dir, 'secrets.json');
    writeFileSync(path, '{ not json', { mode: 0o600 });
    const store = new PassphraseStore(dir, { passphrase: PASSPHRASE });
    expect((await failure(store.get('vault-key'))).code).toBe('CORRUPT_DATA');
    expect((await failure(store.set('vault-key', 'x'))).code).toBe('CORRUPT_DATA');
    expect(readFileSync(path, 'utf8')).toBe('{ not json');
    expect(await store.status()).toMatchObject({ state: 'unavailable' });
  });

  it('refuses key-derivation parameters that would exhaust memory', async () => {
    const dir = tempDir();
    await new PassphraseStore(dir, { passphrase: PASSPHRASE }).set('vault-key', 'x');
    const doc = readDoc(dir);
    writeFileSync(join(dir, 'secrets.json'), JSON.stringify({ ...doc, kdf: { ...doc.kdf, N: 2 ** 30 } }));
    expect((await failure(new PassphraseStore(dir, { passphrase: PASSPHRASE }).get('vault-key'))).code).toBe(
      'CORRUPT_DATA',
    );
  });
});
