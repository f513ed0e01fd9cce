// The envelope-encrypted vault (ARCHITECTURE §4) over the passphrase-file store, so that these tests need
// no keychain; vault-keychain.test.ts runs the same vault on the real Secret Service.
import { createDecipheriv, generateKeyPairSync, randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnchorageError } from '../../../../../shared/errors';
import { PassphraseStore } from '../../../../../main/core/vault/passphrase-store';
import { Vault, VAULT_KEY_ACCOUNT } from '../../../../../main/core/vault/vault';
import { filesContaining, snapshot } from '../../../../support/fs';
import { runVaultChild } from './keyring-env';

const PASSPHRASE = 'correct horse battery staple';
const dirs: string[] = [];

function fresh(): { dataDir: string; store: PassphraseStore; vault: Vault } {
  const dataDir = mkdtempSync(join(tmpdir(), 'anchorage-vault-'));
  dirs.push(dataDir);
  const store = new PassphraseStore(dataDir, { passphrase: PASSPHRASE });
  return { dataDir, store, vault: new Vault(dataDir, store) };
}

async function failure(promise: Promise<unknown>): Promise<AnchorageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AnchorageError);
  return error as AnchorageError;
}

function record(dataDir: string, id: string): Record<string, string | number> {
  return JSON.parse(readFileSync(join(dataDir, 'vault', `${id}.json`), 'utf8')) as Record<
    string,
    string | number
  >;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('Vault', () => {
  it('round-trips binary data, lists, tells what it has, and deletes', async () => {
    const { dataDir, store, vault } = fresh();
    const value = randomBytes(5000);
    await vault.put('blob', value);
    expect(Buffer.from(await new Vault(dataDir, store).get('blob'))).toEqual(value);
    await vault.put('empty', new Uint8Array());
    expect(Buffer.from(await vault.get('empty'))).toHaveLength(0);
    expect(await vault.list()).toEqual(['blob', 'empty']);
    expect(await vault.has('blob')).toBe(true);
    await vault.delete('blob');
    await vault.delete('blob'); // absent: not an error
    expect(await vault.has('blob')).toBe(false);
    expect((await failure(vault.get('blob'))).code).toBe('NOT_FOUND');
    expect(await vault.list()).toEqual(['empty']);
  });

  it('writes records in the agreed format, with a fresh nonce on every write, decryptable by the spec alone', async () => {
    const { dataDir, store, vault } = fresh();
    await vault.put('same', Buffer.from('same plaintext'));
    const first = record(dataDir, 'same');
    await vault.put('same', Buffer.from('same plaintext'));
    const second = record(dataDir, 'same');
    expect(Object.keys(first).sort()).toEqual(['alg', 'ciphertext', 'nonce', 'schemaVersion', 'tag']);
    expect(first).toMatchObject({ schemaVersion: 1, alg: 'A256GCM' });
    expect(Buffer.from(String(first.nonce), 'base64')).toHaveLength(12);
    expect(Buffer.from(String(first.tag), 'base64')).toHaveLength(16);
    expect(second.nonce).not.toBe(first.nonce);
    expect(second.ciphertext).not.toBe(first.ciphertext);

    // Decrypt with nothing but the documented format: AES-256-GCM, key from the store, AAD = the id.
    const key = Buffer.from((await store.get(VAULT_KEY_ACCOUNT)) ?? '', 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(String(second.nonce), 'base64'));
    decipher.setAAD(Buffer.from('same'));
    decipher.setAuthTag(Buffer.from(String(second.tag), 'base64'));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(String(second.ciphertext), 'base64')),
      decipher.final(),
    ]);
    expect(plain.toString()).toBe('same plaintext');
  });

  it('rejects ids that could escape or misname a file', async () => {
    const { vault } = fresh();
    for (const id of [
      '',
      '../escape',
      'a/b',
      'Upper',
      '.hidden',
      '-dash',
      'x'.repeat(129),
      'white space',
      'a\\b',
      'nul\0',
    ]) {
      expect((await failure(vault.put(id, Buffer.from('x')))).code, JSON.stringify(id)).toBe('INVALID_INPUT');
      expect((await failure(vault.get(id))).code).toBe('INVALID_INPUT');
    }
    await vault.put('x'.repeat(128), Buffer.from('ok'));
    await vault.put('ca.key_01-b', Buffer.from('ok'));
  });

  it('fails with VAULT_DECRYPT_FAILED, naming the record and not its content, when a record is tampered with', async () => {
    const { dataDir, vault } = fresh();
    await vault.put('victim', Buffer.from('TOP-SECRET-CONTENT'));
    for (const field of ['ciphertext', 'tag', 'nonce'] as const) {
      const path = join(dataDir, 'vault', 'victim.json');
      const original = readFileSync(path);
      const doc = record(dataDir, 'victim');
      const bytes = Buffer.from(String(doc[field]), 'base64');
      bytes[0] = (bytes[0] ?? 0) ^ 0x01;
      writeFileSync(path, JSON.stringify({ ...doc, [field]: bytes.toString('base64') }));
      const error = await failure(new Vault(dataDir, vault.store).get('victim'));
      expect(error.code, field).toBe('VAULT_DECRYPT_FAILED');
      expect(error.message).toContain('"victim"');
      expect(`${error.message} ${error.hint}`).not.toContain('TOP-SECRET');
      writeFileSync(path, original);
    }
    expect(Buffer.from(await vault.get('victim')).toString()).toBe('TOP-SECRET-CONTENT');
  });

  it('refuses a record copied under another id (the id is the AAD)', async () => {
    const { dataDir, vault } = fresh();
    await vault.put('aws-static-demo', Buffer.from('demo secret'));
    await vault.put('ca-key', Buffer.from('the real CA key'));
    // An attacker with write access to the data dir swaps one record for another.
    copyFileSync(join(dataDir, 'vault', 'aws-static-demo.json'), join(dataDir, 'vault', 'ca-key.json'));
    expect((await failure(vault.get('ca-key'))).code).toBe('VAULT_DECRYPT_FAILED');
    copyFileSync(join(dataDir, 'vault', 'aws-static-demo.json'), join(dataDir, 'vault', 'new-id.json'));
    expect((await failure(vault.get('new-id'))).code).toBe('VAULT_DECRYPT_FAILED');
  });

  it('fails with VAULT_KEY_MISSING, and makes no new key, when records exist but the key is gone', async () => {
    const { dataDir, store, vault } = fresh();
    await vault.put('orphan', Buffer.from('value'));
    await store.delete(VAULT_KEY_ACCOUNT);
    const fresh2 = new Vault(dataDir, store);
    for (const attempt of [() => fresh2.get('orphan'), () => fresh2.put('second', Buffer.from('x'))]) {
      const error = await failure(attempt());
      expect(error.code).toBe('VAULT_KEY_MISSING');
      expect(error.hint).toMatch(/will not create a new key.*unreadable/);
    }
    expect(await store.get(VAULT_KEY_ACCOUNT)).toBeUndefined();
    expect(await fresh2.has('second')).toBe(false);
    expect(await fresh2.status()).toMatchObject({ state: 'unavailable', key: 'absent', records: 1 });
  });

  it('reports CORRUPT_DATA for a damaged record and keeps the file as it was', async () => {
    const { dataDir, vault } = fresh();
    await vault.put('damaged', Buffer.from('value'));
    const path = join(dataDir, 'vault', 'damaged.json');
    for (const content of [
      '{"schemaVersion":1,"alg":"A256GCM",',
      '{"schemaVersion":1,"alg":"none","nonce":"","ciphertext":"","tag":""}',
      'null',
    ]) {
      writeFileSync(path, content);
      const error = await failure(vault.get('damaged'));
      expect(error.code).toBe('CORRUPT_DATA');
      expect(error.message).toContain(path);
      expect(readFileSync(path, 'utf8')).toBe(content);
    }
    writeFileSync(path, JSON.stringify({ ...record(dataDir, 'damaged'), schemaVersion: 2 }));
    expect((await failure(vault.get('damaged'))).code).toBe('UNSUPPORTED_SCHEMA');
  });

  it('keeps every file 0600 and every directory 0700, and no plaintext in any file', async () => {
    const { dataDir, vault } = fresh();
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const marker = `MARKER-${randomBytes(8).toString('hex')}`;
    await vault.put('client-key', Buffer.from(pem));
    await vault.put('note', Buffer.from(`a note holding ${marker}`));
    const entries = snapshot(dataDir);
    expect(entries.map((e) => e.path)).toEqual([
      'secrets.json',
      'vault',
      'vault.json', // which store holds the key (issue 9)
      join('vault', 'client-key.json'),
      join('vault', 'note.json'),
    ]);
    for (const entry of entries)
      expect(entry.mode.toString(8), entry.path).toBe(entry.type === 'dir' ? '700' : '600');
    const pemBody = pem.split('\n')[1] ?? '';
    for (const needle of [marker, '-----BEGIN', pemBody, PASSPHRASE])
      expect(filesContaining(dataDir, needle), needle).toEqual([]);
    expect(Buffer.from(await vault.get('client-key')).toString()).toBe(pem);
  });

  it('shares one key-read among concurrent calls in one process', async () => {
    const { dataDir, store } = fresh();
    await new Vault(dataDir, store).put('seed', Buffer.from('x'));
    let reads = 0;
    const counting = Object.assign(Object.create(store) as PassphraseStore, {
      get: async (account: string) => {
        reads++;
        return store.get(account);
      },
    });
    const vault = new Vault(dataDir, counting);
    await Promise.all(Array.from({ length: 5 }, (_, i) => vault.put(`r${i}`, Buffer.from(String(i)))));
    await vault.get('r3');
    expect(reads).toBe(1);
  });

  it('ten processes putting at once into an empty passphrase vault end with one salt and one key', async () => {
    const { dataDir } = fresh();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      VAULT_TEST_DATA_DIR: dataDir,
      ANCHORAGE_VAULT: 'file',
      ANCHORAGE_VAULT_PASSPHRASE: PASSPHRASE,
    };
    let releaseAll!: () => void;
    const released = new Promise<void>((resolve) => (releaseAll = resolve));
    let ready = 0;
    const values = Array.from({ length: 10 }, (_, i) => Buffer.from(`value ${i}`));
    const results = await Promise.all(
      values.map((value, i) =>
        runVaultChild(['put', `p-${i}`], {
          env,
          stdin: value.toString('base64'),
          release: released,
          onReady: () => {
            if (++ready === values.length) releaseAll();
          },
        }),
      ),
    );
    for (const result of results) expect(result.json, result.stderr).toMatchObject({ ok: true });
    const vault = new Vault(dataDir, new PassphraseStore(dataDir, { passphrase: PASSPHRASE }));
    for (const [i, value] of values.entries()) expect(Buffer.from(await vault.get(`p-${i}`))).toEqual(value);
    const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as { secrets: object };
    expect(Object.keys(secrets.secrets)).toEqual([VAULT_KEY_ACCOUNT]);
  });

  it('reports its status without creating anything', async () => {
    const { dataDir, vault } = fresh();
    expect(await vault.status()).toMatchObject({
      kind: 'passphrase-file',
      state: 'available',
      records: 0,
      key: 'absent',
    });
    expect(snapshot(dataDir)).toEqual([]);
    await vault.put('a', Buffer.from('x'));
    expect(await new Vault(dataDir, vault.store).status()).toMatchObject({
      state: 'available',
      records: 1,
      key: 'present',
    });
  });
});
