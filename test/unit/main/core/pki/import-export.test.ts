/**
 * Import of what users bring (PEM bundles with PKCS#1 / PKCS#8 / SEC1 / encrypted keys, DER, PFX) and export
 * round trips, with OpenSSL producing the inputs and checking the outputs.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnchorageError } from '../../../../../shared/errors';
import { createIntermediateCa, createRootCa } from '../../../../../main/core/pki/ca';
import type { IssuedCertificate } from '../../../../../main/core/pki/ca';
import {
  exportCertificatePem,
  exportChainPem,
  exportEncryptedPrivateKey,
} from '../../../../../main/core/pki/export';
import { sha256Fingerprint } from '../../../../../main/core/pki/fingerprint';
import { importBundle, importMaterial, importPem } from '../../../../../main/core/pki/import';
import { issueClientCertificate } from '../../../../../main/core/pki/issue';
import { keyMatches } from '../../../../../main/core/pki/keys';
import { pemToDer } from '../../../../../main/core/pki/pem';
import { createPfx } from '../../../../../main/core/pki/pkcs12';
import { ok, requireTool, run, rejection } from '../../../../support/tools';
import { tempDir } from '../../../../support/fs';
import { signerOf, x509Of } from '../../../../support/pki';

const tmp = tempDir();
let root: IssuedCertificate;
let inter: IssuedCertificate;
let client: IssuedCertificate;

beforeAll(async () => {
  requireTool('openssl');
  root = await createRootCa({ subject: { commonName: 'Import Root' }, keyType: 'ec-p384' });
  inter = await createIntermediateCa({
    issuer: signerOf(root),
    subject: { commonName: 'Import Intermediate' },
    keyType: 'ec-p256',
  });
  client = await issueClientCertificate({
    issuer: signerOf(inter),
    subject: { commonName: 'import client' },
    keyType: 'rsa-2048',
  });
});
afterAll(() => tmp.cleanup());

function error(fn: () => unknown): AnchorageError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AnchorageError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

/** A key + self-signed certificate made by OpenSSL, the key written in the given form. */
function opensslPair(name: string, genArgs: string[], keyForm: string[] = []): { cert: string; key: string } {
  const keyPath = `${tmp.dir}/${name}.key`;
  ok('openssl', ['genpkey', ...genArgs, '-out', keyPath]);
  const cert = ok('openssl', [
    'req',
    '-x509',
    '-new',
    '-key',
    keyPath,
    '-subj',
    `/CN=${name}`,
    '-days',
    '10',
  ]);
  const key = keyForm.length ? ok('openssl', [...keyForm, '-in', keyPath]) : readFileSync(keyPath, 'utf8');
  return { cert, key };
}

describe('export', () => {
  it('round-trips certificate and chain PEM with the same fingerprints, and the chain verifies', () => {
    const bundle = exportChainPem(x509Of(client), [x509Of(root), x509Of(inter)]);
    expect(bundle.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(3);
    const imported = importPem(bundle);
    expect(sha256Fingerprint(imported.certificate)).toBe(sha256Fingerprint(x509Of(client)));
    expect(imported.chain.map((c) => c.subject)).toEqual(['CN=Import Intermediate', 'CN=Import Root']);
    expect(imported.privateKeyPkcs8).toBeUndefined();
    const rootPath = tmp.write('root.pem', exportCertificatePem(x509Of(root)));
    const untrusted = tmp.write('untrusted.pem', exportCertificatePem(x509Of(inter)));
    const leaf = tmp.write('leaf.pem', exportCertificatePem(x509Of(client)));
    expect(
      ok('openssl', ['verify', '-x509_strict', '-CAfile', rootPath, '-untrusted', untrusted, leaf]),
    ).toContain(': OK');
  });

  it('exports the key only as PBES2 / PBKDF2-HMAC-SHA256 / AES-256-CBC encrypted PKCS#8 that openssl opens', () => {
    const pem = exportEncryptedPrivateKey(client.privateKeyPkcs8, 'export pw');
    expect(pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    const path = tmp.write('enc.pem', pem);
    const parsed = ok('openssl', ['asn1parse', '-in', path]);
    expect(parsed).toContain('PBES2');
    expect(parsed).toContain('PBKDF2');
    expect(parsed).toContain('hmacWithSHA256');
    expect(parsed).toContain('aes-256-cbc');
    const pub = ok('openssl', ['pkey', '-in', path, '-passin', 'env:KEYPW', '-pubout'], {
      env: { KEYPW: 'export pw' },
    });
    expect(pub).toBe(ok('openssl', ['x509', '-noout', '-pubkey'], { input: client.certificatePem }));
    expect(
      run('openssl', ['pkey', '-in', path, '-passin', 'env:KEYPW', '-noout'], { env: { KEYPW: 'nope' } })
        .code,
    ).not.toBe(0);
    expect(error(() => exportEncryptedPrivateKey(client.privateKeyPkcs8, '')).code).toBe('INVALID_PASSWORD');
  });

  it('round-trips an encrypted key: import with the password works, a wrong or missing one fails', () => {
    const bundle = client.certificatePem + exportEncryptedPrivateKey(client.privateKeyPkcs8, 'pw 1');
    const imported = importPem(bundle, { password: 'pw 1', requireKey: true });
    expect(sha256Fingerprint(imported.certificate)).toBe(sha256Fingerprint(x509Of(client)));
    expect(Buffer.from(imported.privateKeyPkcs8!)).toEqual(Buffer.from(client.privateKeyPkcs8));
    const wrong = error(() => importPem(bundle, { password: 'pw 2' }));
    expect(wrong.code).toBe('WRONG_PASSWORD');
    expect(wrong.message).toMatch(/password is wrong/);
    expect(error(() => importPem(bundle)).code).toBe('PASSWORD_REQUIRED');
  });
});

describe('import', () => {
  it.each([
    [
      'PKCS#1 RSA PRIVATE KEY',
      ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
      ['rsa', '-traditional'],
      'rsa-2048',
      'RSA PRIVATE KEY',
    ],
    [
      'PKCS#8 PRIVATE KEY (RSA-3072)',
      ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:3072'],
      [],
      'rsa-3072',
      'PRIVATE KEY',
    ],
    [
      'SEC1 EC PRIVATE KEY',
      ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
      ['ec'],
      'ec-p256',
      'EC PRIVATE KEY',
    ],
    [
      'PKCS#8 PRIVATE KEY (P-384)',
      ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'],
      [],
      'ec-p384',
      'PRIVATE KEY',
    ],
  ] as const)('imports a certificate with a %s', async (name, gen, form, keyType, label) => {
    const pair = opensslPair(name.replace(/\W+/g, '-'), [...gen], [...form]);
    expect(pair.key).toContain(`-----BEGIN ${label}-----`);
    // Key first, certificate second: order must not matter.
    const imported = await importBundle(pair.key + pair.cert, { requireKey: true });
    expect(imported.keyType).toBe(keyType);
    expect(keyMatches(imported.privateKeyPkcs8!, imported.certificate)).toBe(true);
    expect(sha256Fingerprint(imported.certificate)).toBe(sha256Fingerprint(pair.cert));
  });

  it('imports an OpenSSL-encrypted PKCS#8 key (openssl pkcs8 -topk8 -v2 aes256)', async () => {
    const pair = opensslPair('encrypted', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']);
    const keyPath = tmp.write('plain.key', pair.key);
    const enc = ok('openssl', ['pkcs8', '-topk8', '-v2', 'aes256', '-in', keyPath, '-passout', 'env:KEYPW'], {
      env: { KEYPW: 'secret' },
    });
    expect(enc).toContain('ENCRYPTED PRIVATE KEY');
    expect((await importBundle(pair.cert + enc, { password: 'secret' })).privateKeyPkcs8).toBeDefined();
    expect((await rejection(() => importBundle(pair.cert + enc, { password: 'Secret' }))).code).toBe(
      'WRONG_PASSWORD',
    );
  });

  it('imports a DER certificate alone (a trust anchor) and a PFX', async () => {
    const der = pemToDer(root.certificatePem);
    const anchor = await importBundle(der);
    expect(sha256Fingerprint(anchor.certificate)).toBe(sha256Fingerprint(x509Of(root)));
    expect(anchor.privateKeyPkcs8).toBeUndefined();
    expect(anchor.keyType).toBe('ec-p384');
    const pfx = createPfx({
      certificate: x509Of(client),
      chain: [x509Of(inter), x509Of(root)],
      privateKeyPkcs8: client.privateKeyPkcs8,
      password: 'pfx password',
    });
    const fromPfx = await importBundle(pfx, { password: 'pfx password', requireKey: true });
    expect(sha256Fingerprint(fromPfx.certificate)).toBe(sha256Fingerprint(x509Of(client)));
    expect(fromPfx.chain).toHaveLength(2);
    expect((await rejection(() => importBundle(pfx))).code).toBe('PASSWORD_REQUIRED');
    expect((await rejection(() => importBundle(pfx, { password: 'wrong' }))).code).toBe('WRONG_PASSWORD');
  });

  it('refuses a certificate without its key where a key is required (MISSING_KEY)', async () => {
    const err = await rejection(() => importBundle(root.certificatePem, { requireKey: true }));
    expect(err.code).toBe('MISSING_KEY');
    expect(err.message).toContain('CN=Import Root');
  });

  it('refuses a key that does not match the certificate (KEY_MISMATCH)', async () => {
    const other = opensslPair('other', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']);
    const err = await rejection(() => importBundle(root.certificatePem + other.key));
    expect(err.code).toBe('KEY_MISMATCH');
  });

  it('refuses garbage with MALFORMED_PEM saying what was expected', async () => {
    for (const input of [
      'hello world',
      new Uint8Array([1, 2, 3, 4]),
      '-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n',
    ]) {
      const err = await rejection(() => importBundle(input));
      expect(err.code).toBe('MALFORMED_PEM');
      expect(err.message).toMatch(/expected|base64/);
    }
    const err = await rejection(() =>
      importBundle('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n'),
    );
    expect(err.message).toContain('no CERTIFICATE block (found: PUBLIC KEY)');
    expect(err.message).toContain('-----BEGIN CERTIFICATE-----');
  });

  it.each([
    ['RSA 1024', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024']],
    ['EC secp521r1', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-521']],
    ['ed25519', ['-algorithm', 'ED25519']],
  ] as const)('refuses an unsupported %s key (UNSUPPORTED_KEY)', async (what, gen) => {
    const pair = opensslPair(what.replace(/\W+/g, '-'), [...gen]);
    const withKey = await rejection(() => importBundle(pair.cert + pair.key));
    expect(withKey.code).toBe('UNSUPPORTED_KEY');
    expect(withKey.message).toContain(what);
    expect((await rejection(() => importBundle(pair.cert))).code).toBe('UNSUPPORTED_KEY');
  });
});

describe('importMaterial', () => {
  it('joins a certificate file and a separate key file, and a DER certificate with a PEM key', async () => {
    const keyPem = exportEncryptedPrivateKey(client.privateKeyPkcs8, 'k');
    const enc = new TextEncoder();
    const material = await importMaterial(
      [enc.encode(client.certificatePem), enc.encode(keyPem), enc.encode(inter.certificatePem)],
      'k',
    );
    expect(sha256Fingerprint(material.certificatePem)).toBe(sha256Fingerprint(x509Of(client)));
    expect(material.chainPem).toHaveLength(1);
    expect(material.privateKeyPkcs8).toBeDefined();
    const fromDer = await importMaterial([pemToDer(client.certificatePem), enc.encode(keyPem)], 'k');
    expect(keyMatches(fromDer.privateKeyPkcs8!, fromDer.certificate)).toBe(true);
    await expect(importMaterial([])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
