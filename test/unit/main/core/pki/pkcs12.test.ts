/**
 * PFX files in both presets, for RSA and EC, opened by OpenSSL 3 (without -legacy) and by Java's keytool, with
 * the algorithms checked in `openssl pkcs12 -info` and the key inside matching the certificate.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnchorageError } from '../../../../../shared/errors';
import { createRootCa } from '../../../../../main/core/pki/ca';
import type { IssuedCertificate } from '../../../../../main/core/pki/ca';
import { sha256Fingerprint } from '../../../../../main/core/pki/fingerprint';
import { issueClientCertificate } from '../../../../../main/core/pki/issue';
import { keyMatches } from '../../../../../main/core/pki/keys';
import { generatePassword, validatePfxPassword } from '../../../../../main/core/pki/pfx-password';
import { createPfx, readPfx } from '../../../../../main/core/pki/pkcs12';
import { ok, requireTool, run, rejection } from '../../../../support/tools';
import { tempDir } from '../../../../support/fs';
import { signerOf, x509Of } from '../../../../support/pki';

const tmp = tempDir();
const PASSWORD = 'Correct horse 7!';
const env = { PFXPW: PASSWORD };
const fixtures: Record<string, { ca: IssuedCertificate; client: IssuedCertificate }> = {};

beforeAll(async () => {
  requireTool('openssl');
  requireTool('keytool');
  for (const keyType of ['rsa-2048', 'ec-p256'] as const) {
    const ca = await createRootCa({ subject: { commonName: `PFX Root ${keyType}` }, keyType });
    const client = await issueClientCertificate({
      issuer: signerOf(ca),
      subject: { commonName: `pfx client ${keyType}` },
      keyType,
    });
    fixtures[keyType] = { ca, client };
  }
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

const EXPECT = {
  modern: {
    mac: 'MAC: sha256, Iteration 2048',
    bags: /PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256/,
  },
  legacy: {
    mac: 'MAC: sha1, Iteration 2048',
    bags: /pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048/,
  },
} as const;

describe.each(['rsa-2048', 'ec-p256'] as const)('%s', (keyType) => {
  describe.each(['modern', 'legacy'] as const)('%s preset', (preset) => {
    let path: string;
    let pfx: Uint8Array;
    beforeAll(() => {
      const { ca, client } = fixtures[keyType]!;
      pfx = createPfx({
        certificate: x509Of(client),
        chain: [x509Of(ca)],
        privateKeyPkcs8: client.privateKeyPkcs8,
        password: PASSWORD,
        preset,
        friendlyName: 'anchorage-client',
      });
      path = tmp.write(`${keyType}-${preset}.pfx`, pfx);
    });

    it('opens in openssl pkcs12 -info without -legacy, with the preset algorithms', () => {
      const r = run('openssl', ['pkcs12', '-info', '-noout', '-in', path, '-passin', 'env:PFXPW'], { env });
      expect(r.code, r.stderr).toBe(0);
      const lines = r.stderr + r.stdout;
      expect(lines).toContain(EXPECT[preset].mac);
      expect(lines).toMatch(new RegExp(`PKCS7 Encrypted data: ${EXPECT[preset].bags.source}`));
      expect(lines).toMatch(new RegExp(`Shrouded Keybag: ${EXPECT[preset].bags.source}`));
      expect(lines).not.toMatch(/RC2|RC4|40-bit/);
    });

    it('holds the chain, a friendlyName and the key that matches the certificate (per openssl)', () => {
      const out = ok('openssl', ['pkcs12', '-in', path, '-passin', 'env:PFXPW', '-nodes'], { env });
      expect(out.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2);
      expect(out).toContain('friendlyName: anchorage-client');
      expect(out).toContain('localKeyID:');
      const keyPem = ok('openssl', ['pkcs12', '-in', path, '-passin', 'env:PFXPW', '-nocerts', '-nodes'], {
        env,
      });
      const certPem = ok('openssl', ['pkcs12', '-in', path, '-passin', 'env:PFXPW', '-clcerts', '-nokeys'], {
        env,
      });
      const keyPub = ok('openssl', ['pkey', '-pubout'], { input: keyPem });
      const certPub = ok('openssl', ['x509', '-noout', '-pubkey'], { input: certPem });
      expect(keyPub).toBe(certPub);
      const fp = ok('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: certPem });
      expect(fp.trim().split('=')[1]).toBe(sha256Fingerprint(x509Of(fixtures[keyType]!.client)));
    });

    it('opens in keytool as a PrivateKeyEntry with a chain of 2', () => {
      const r = run(
        'keytool',
        ['-list', '-v', '-storetype', 'PKCS12', '-keystore', path, '-storepass:env', 'PFXPW'],
        { env },
      );
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain('Alias name: anchorage-client');
      expect(r.stdout).toContain('Entry type: PrivateKeyEntry');
      expect(r.stdout).toContain('Certificate chain length: 2');
    });

    it('reads back with readPfx: same certificate, chain, key', async () => {
      const back = await readPfx(pfx, PASSWORD);
      const { ca, client } = fixtures[keyType]!;
      expect(sha256Fingerprint(back.certificate)).toBe(sha256Fingerprint(x509Of(client)));
      expect(back.chain.map((c) => sha256Fingerprint(c))).toEqual([sha256Fingerprint(x509Of(ca))]);
      expect(keyMatches(back.privateKeyPkcs8!, x509Of(client))).toBe(true);
      expect(back.keyType).toBe(keyType);
      expect(back.friendlyName).toBe('anchorage-client');
    });

    it('fails clearly on a wrong password, in readPfx and in openssl and keytool', async () => {
      const err = await rejection(() => readPfx(pfx, 'wrong password'));
      expect(err.code).toBe('WRONG_PASSWORD');
      expect(err.message).toMatch(/password is wrong/);
      const r = run('openssl', ['pkcs12', '-info', '-noout', '-in', path, '-passin', 'env:PFXPW'], {
        env: { PFXPW: 'wrong' },
      });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/Mac verify error: invalid password\?/);
      const k = run(
        'keytool',
        ['-list', '-storetype', 'PKCS12', '-keystore', path, '-storepass:env', 'PFXPW'],
        { env: { PFXPW: 'wrong' } },
      );
      expect(k.code).not.toBe(0);
      expect(k.stdout + k.stderr).toMatch(/password was incorrect/i);
    });
  });
});

describe('passwords and bad input', () => {
  it('refuses a non-ASCII password with INVALID_PASSWORD naming Java', () => {
    const { client } = fixtures['ec-p256']!;
    const err = error(() =>
      createPfx({
        certificate: x509Of(client),
        privateKeyPkcs8: client.privateKeyPkcs8,
        password: 'wachtwoord-€uro',
      }),
    );
    expect(err.code).toBe('INVALID_PASSWORD');
    expect(err.message).toMatch(/Java/);
    expect(err.message).not.toContain('wachtwoord');
    expect(error(() => validatePfxPassword('')).code).toBe('INVALID_PASSWORD');
    expect(error(() => validatePfxPassword('tab\there')).code).toBe('INVALID_PASSWORD');
    expect(() => validatePfxPassword(' ~printable ASCII!~ ')).not.toThrow();
  });

  it('generates strong printable-ASCII passwords that keytool accepts', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const pw = generatePassword();
      expect(pw).toMatch(/^[A-Za-z0-9._-]{24}$/);
      seen.add(pw);
    }
    expect(seen.size).toBe(50);
    const pw = generatePassword();
    const { client, ca } = fixtures['rsa-2048']!;
    const path = tmp.write(
      'generated.pfx',
      createPfx({
        certificate: x509Of(client),
        chain: [x509Of(ca)],
        privateKeyPkcs8: client.privateKeyPkcs8,
        password: pw,
        preset: 'legacy',
      }),
    );
    expect(
      run('keytool', ['-list', '-storetype', 'PKCS12', '-keystore', path, '-storepass:env', 'PFXPW'], {
        env: { PFXPW: pw },
      }).code,
    ).toBe(0);
  });

  it('refuses a key that does not match the certificate', () => {
    const err = error(() =>
      createPfx({
        certificate: x509Of(fixtures['rsa-2048']!.client),
        privateKeyPkcs8: fixtures['ec-p256']!.client.privateKeyPkcs8,
        password: PASSWORD,
      }),
    );
    expect(err.code).toBe('KEY_MISMATCH');
  });

  it('reports garbage as MALFORMED_PFX', async () => {
    expect(
      (await rejection(() => readPfx(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x03]), PASSWORD))).code,
    ).toBe('MALFORMED_PFX');
    expect(
      (await rejection(() => readPfx(new TextEncoder().encode('not a pfx at all'), PASSWORD))).code,
    ).toBe('MALFORMED_PFX');
  });

  it.each([
    ['RSA', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'], 'rsa-2048'],
    ['EC', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'], 'ec-p384'],
  ] as const)('reads a %s PFX that OpenSSL 3 made with its defaults', async (_name, args, keyType) => {
    const key = `${tmp.dir}/ossl-${keyType}.key`;
    const cert = `${tmp.dir}/ossl-${keyType}.pem`;
    const out = `${tmp.dir}/ossl-${keyType}.pfx`;
    ok('openssl', ['genpkey', ...args, '-out', key]);
    ok('openssl', [
      'req',
      '-x509',
      '-new',
      '-key',
      key,
      '-subj',
      '/CN=openssl made',
      '-days',
      '30',
      '-out',
      cert,
    ]);
    ok(
      'openssl',
      [
        'pkcs12',
        '-export',
        '-inkey',
        key,
        '-in',
        cert,
        '-out',
        out,
        '-passout',
        'env:PFXPW',
        '-name',
        'made by openssl',
      ],
      { env },
    );
    const back = await readPfx(new Uint8Array(readFileSync(out)), PASSWORD);
    expect(back.keyType).toBe(keyType);
    expect(back.friendlyName).toBe('made by openssl');
    expect(sha256Fingerprint(back.certificate)).toBe(sha256Fingerprint(readFileSync(cert, 'utf8')));
    expect((await rejection(() => readPfx(new Uint8Array(readFileSync(out)), 'nope'))).code).toBe(
      'WRONG_PASSWORD',
    );
  });
});
