/**
 * Issue 2 acceptance, in process through `createCore` (test/support/core-harness.ts): the data directory never
 * holds a private key in the clear (PEM headers, PKCS#8/PKCS#1/SEC1 DER, their base64 and hex, the raw private
 * numbers), every file is 0600 and every directory 0700, with the passphrase vault and with the real Secret
 * Service (ARCHITECTURE §4, §7; the node project runs under scripts/with-keyring.sh); a wrong or missing
 * passphrase fails and writes nothing. A locked and an absent keychain, and the mode of the files the CLI
 * writes, are checked through the CLI in test/integration/cli-data-safety.test.ts.
 */
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreApi } from '../../../../main/core/api';
import { createCa, issueCert, testCore } from '../../../support/core-harness';
import type { TestCore } from '../../../support/core-harness';
import { filesContaining, snapshot, tempDir } from '../../../support/fs';
import { opensslOk, rejection, requirePkiTools } from '../../../support/tools';
import { requireKeyringSession, secretToolLookup } from './vault/keyring-env';

const scratch = tempDir('anchorage-ds-out-');
const out = scratch.dir;
const cores: TestCore[] = [];

beforeAll(() => {
  requirePkiTools();
  requireKeyringSession();
});
afterAll(async () => {
  for (const t of cores.splice(0)) await t.cleanup();
  scratch.cleanup();
});

async function fresh(vault: 'file' | 'keychain'): Promise<TestCore & { env: Record<string, string> }> {
  const t = await testCore('running', { vault });
  cores.push(t);
  return t;
}

/** Every encoding of a private key we must never find in the data directory. */
function keyNeedles(pkcs8Pem: string): { label: string; bytes: Buffer }[] {
  const pkcs8 = opensslOk(['pkey', '-outform', 'DER'], { input: pkcs8Pem }).raw;
  const traditional = opensslOk(['pkey', '-traditional', '-outform', 'DER'], { input: pkcs8Pem }).raw;
  const text = opensslOk(['pkey', '-noout', '-text'], { input: pkcs8Pem }).stdout;
  // The secret number itself: RSA's private exponent, EC's private scalar (openssl prints them as hex blocks).
  const secretHex =
    /(?:privateExponent|priv):\n((?:\s+[0-9a-f:]+\n)+)/.exec(text)?.[1]?.replace(/[\s:]/g, '') ?? '';
  const secret = Buffer.from(secretHex.replace(/^(00)+/, ''), 'hex');
  // A real number, not an empty match. Not ≥ 32: with its leading zero bytes dropped, a P-256 scalar is
  // shorter than 32 bytes in one key of 256 (a CI run drew one).
  expect(secret.length).toBeGreaterThanOrEqual(16);
  const needles: { label: string; bytes: Buffer }[] = [];
  for (const [name, der] of [
    ['PKCS#8 DER', pkcs8],
    ['PKCS#1/SEC1 DER', traditional],
    ['private number', secret],
  ] as const) {
    needles.push({ label: `${name}`, bytes: der });
    needles.push({ label: `${name} base64`, bytes: Buffer.from(der.toString('base64')) });
    needles.push({
      label: `${name} base64 (first PEM line)`,
      bytes: Buffer.from(der.toString('base64').slice(0, 64)),
    });
    needles.push({ label: `${name} base64url`, bytes: Buffer.from(der.toString('base64url').slice(0, 64)) });
    needles.push({ label: `${name} hex`, bytes: Buffer.from(der.toString('hex')) });
    needles.push({ label: `${name} HEX`, bytes: Buffer.from(der.toString('hex').toUpperCase()) });
  }
  return needles;
}

/** The data directory's invariants: modes, no PEM private-key header, none of the needles. */
function expectClean(root: string, needles: { label: string; bytes: Buffer }[]): void {
  expect(statSync(root).mode & 0o777).toBe(0o700);
  const entries = snapshot(root);
  expect(entries.length).toBeGreaterThan(0);
  for (const e of entries)
    expect({ path: e.path, mode: e.mode }).toEqual({ path: e.path, mode: e.type === 'dir' ? 0o700 : 0o600 });
  expect(filesContaining(root, 'PRIVATE KEY')).toEqual([]);
  expect(filesContaining(root, '-----BEGIN ENCRYPTED')).toEqual([]);
  for (const n of needles) expect(filesContaining(root, n.bytes), n.label).toEqual([]);
}

for (const vault of ['file', 'keychain'] as const) {
  describe(`data directory with the ${vault === 'file' ? 'passphrase' : 'keychain'} vault`, () => {
    it('after issuing RSA and EC certificates and exporting them: no private key in any form, files 0600, dirs 0700', async () => {
      const t = await fresh(vault);
      const core: CoreApi = t.core;
      await createCa(core, 'ds-ca-rsa', 'rsa-2048');
      await createCa(core, 'ds-ca-ec', 'ec-p384');
      await createCa(core, 'ds-int', 'ec-p256', { parent: 'ds-ca-ec' });
      await issueCert(core, 'ds-ca-rsa', 'ds-rsa', 'rsa-2048');
      await issueCert(core, 'ds-int', 'ds-ec', 'ec-p256');
      const names = ['ds-ca-rsa', 'ds-ca-ec', 'ds-int', 'ds-rsa', 'ds-ec'];

      // Export every way, and extract each private key through a PFX and openssl.
      const password = 'data-safety-pw';
      const needles: { label: string; bytes: Buffer }[] = [];
      for (const name of names) {
        await core.exportCertificate({ ref: name, format: 'pem' });
        await core.exportCertificate({ ref: name, format: 'chain' });
        // A CA's key too (issue 9: it needs includePrivateKey).
        const withKey = { password, includePrivateKey: true };
        await core.exportCertificate({ ref: name, format: 'key', ...withKey });
        await core.exportCertificate({ ref: name, format: 'pfx', pfxProfile: 'legacy', ...withKey });
        const pfx = join(out, `${vault}-${name}.pfx`);
        writeFileSync(pfx, (await core.exportCertificate({ ref: name, format: 'pfx', ...withKey })).bytes);
        const keyPem = opensslOk(['pkcs12', '-in', pfx, '-nocerts', '-nodes', '-passin', 'env:PW'], {
          env: { PW: password },
        }).stdout;
        expect(keyPem).toContain('-----BEGIN PRIVATE KEY-----');
        needles.push(...keyNeedles(keyPem).map((n) => ({ ...n, label: `${name}: ${n.label}` })));
      }
      await core.revokeCertificate('ds-rsa');
      await core.crl('ds-ca-rsa');

      expectClean(t.dataDir, needles);
      expect(needles.length).toBe(names.length * 18);
      // Exactly one encrypted vault record per key, and the inventory: nothing else lies around.
      const files = snapshot(t.dataDir)
        .filter((e) => e.type === 'file')
        .map((e) => e.path);
      expect(files.filter((p) => p.startsWith('vault/'))).toHaveLength(names.length);
      expect(files.filter((p) => !p.startsWith('vault/')).sort()).toEqual(
        // vault.json: which store holds the vault key (issue 9).
        vault === 'file'
          ? ['inventory.json', 'secrets.json', 'vault.json']
          : ['inventory.json', 'vault.json'],
      );

      if (vault === 'keychain') {
        // The vault key is in the Secret Service (found by libsecret's own client) and in no file.
        const key = secretToolLookup(t.env.ANCHORAGE_KEYCHAIN_SERVICE ?? '', 'vault-key') ?? '';
        expect(key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
        const raw = Buffer.from(key, 'base64');
        for (const needle of [raw, key, raw.toString('hex')])
          expect(filesContaining(t.dataDir, needle)).toEqual([]);
      } else {
        expect(filesContaining(t.dataDir, t.env.ANCHORAGE_VAULT_PASSPHRASE ?? '')).toEqual([]);
      }
    });
  });
}

describe('vault failures write nothing', () => {
  it('the passphrase store with a wrong passphrase, and with none: refused, and nothing changed', async () => {
    const t = await fresh('file');
    await createCa(t.core, 'pp-ca', 'ec-p256');
    await issueCert(t.core, 'pp-ca', 'pp-client', 'ec-p256');
    const before = snapshot(t.dataDir);
    const attempts = (core: CoreApi) => [
      () => issueCert(core, 'pp-ca', 'pp-other', 'ec-p256'),
      () => createCa(core, 'pp-ca-2', 'ec-p256'),
      () => core.exportCertificate({ ref: 'pp-client', format: 'pfx', password: 'pw-pp-export' }),
    ];
    const wrong = await t.reopen({ ANCHORAGE_VAULT_PASSPHRASE: 'not-the-passphrase' });
    for (const attempt of attempts(wrong)) {
      const e = await rejection(attempt);
      expect(e.code).toBe('VAULT_PASSPHRASE_WRONG');
      expect(e.message).toContain('secrets.json');
      expect(`${e.message} ${e.hint}`).not.toContain('not-the-passphrase');
    }
    // No passphrase at all: its own code.
    const none = await t.reopen({ ANCHORAGE_VAULT_PASSPHRASE: '' });
    expect((await rejection(attempts(none)[0]!)).code).toBe('VAULT_PASSPHRASE_REQUIRED');
    expect(snapshot(t.dataDir)).toEqual(before);
    // The right passphrase still opens everything.
    await (await t.reopen()).exportCertificate({ ref: 'pp-client', format: 'pfx', password: 'pw-pp-export' });
  });
});
