/** CRLs that OpenSSL verifies against the CA and that list the revoked serials. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRootCa } from '../../../../../main/core/pki/ca';
import { createCrl } from '../../../../../main/core/pki/crl';
import { issueClientCertificate } from '../../../../../main/core/pki/issue';
import { KEY_TYPES } from '../../../../../shared/domain/key-types';
import { serialHex } from '../../../../../main/core/pki/serial';
import type { AnchorageError } from '../../../../../shared/errors';
import { ok, requireTool, run } from '../../../../support/tools';
import { tempDir } from '../../../../support/fs';
import { signerOf, x509Of } from '../../../../support/pki';

const tmp = tempDir();
beforeAll(() => requireTool('openssl'));
afterAll(() => tmp.cleanup());

describe.each(KEY_TYPES.filter((k) => k !== 'rsa-4096'))('CRL signed by a %s CA', (keyType) => {
  it('verifies with openssl crl -verify and lists the revoked serials', async () => {
    const ca = await createRootCa({ subject: { commonName: `CRL Root ${keyType}` }, keyType });
    const a = await issueClientCertificate({
      issuer: signerOf(ca),
      subject: { commonName: 'revoked a' },
      keyType: 'ec-p256',
    });
    const b = await issueClientCertificate({
      issuer: signerOf(ca),
      subject: { commonName: 'revoked b' },
      keyType: 'ec-p256',
    });
    const good = await issueClientCertificate({
      issuer: signerOf(ca),
      subject: { commonName: 'still good' },
      keyType: 'ec-p256',
    });
    const revokedAt = new Date(Date.now() - 3_600_000);
    const { pem } = await createCrl({
      issuer: signerOf(ca),
      crlNumber: 7,
      revoked: [
        { serialNumber: x509Of(a).serialNumber, revokedAt },
        { serialNumber: x509Of(b).serialNumber, revokedAt, reason: 1 },
      ],
    });
    expect(pem.startsWith('-----BEGIN X509 CRL-----\n')).toBe(true);
    const caPath = tmp.write(`ca-${keyType}.pem`, ca.certificatePem);
    const crlPath = tmp.write(`crl-${keyType}.pem`, pem);
    const verify = run('openssl', ['crl', '-verify', '-CAfile', caPath, '-in', crlPath, '-noout']);
    expect(verify.code).toBe(0);
    expect(verify.stderr + verify.stdout).toContain('verify OK');
    const text = ok('openssl', ['crl', '-in', crlPath, '-text', '-noout']);
    expect(text).toContain('Version 2 (0x1)');
    expect(text).toMatch(/X509v3 CRL Number:\s*\n\s*7/);
    expect(text).toContain('X509v3 Authority Key Identifier');
    expect(text).toContain('Next Update:');
    expect(text).toContain(`Serial Number: ${serialHex(x509Of(a))}`);
    expect(text).toContain(`Serial Number: ${serialHex(x509Of(b))}`);
    expect(text).toContain('Key Compromise');
    expect(text).not.toContain(serialHex(x509Of(good)));

    // And the whole point: with the CRL, OpenSSL rejects the revoked certificate and accepts the other.
    const aPath = tmp.write(`a-${keyType}.pem`, a.certificatePem);
    const goodPath = tmp.write(`good-${keyType}.pem`, good.certificatePem);
    const revoked = run('openssl', ['verify', '-crl_check', '-CAfile', caPath, '-CRLfile', crlPath, aPath]);
    expect(revoked.code).not.toBe(0);
    expect(revoked.stderr + revoked.stdout).toContain('certificate revoked');
    expect(
      ok('openssl', ['verify', '-crl_check', '-CAfile', caPath, '-CRLfile', crlPath, goodPath]),
    ).toContain(': OK');
  });
});

it('makes an empty CRL and refuses a non-hex serial', async () => {
  const ca = await createRootCa({ subject: { commonName: 'Empty CRL Root' }, keyType: 'ec-p256' });
  const { pem } = await createCrl({ issuer: signerOf(ca), crlNumber: 1n, revoked: [] });
  const caPath = tmp.write('empty-ca.pem', ca.certificatePem);
  const crlPath = tmp.write('empty.pem', pem);
  expect(run('openssl', ['crl', '-verify', '-CAfile', caPath, '-in', crlPath, '-noout']).code).toBe(0);
  expect(ok('openssl', ['crl', '-in', crlPath, '-text', '-noout'])).toContain('No Revoked Certificates');
  const err = await createCrl({
    issuer: signerOf(ca),
    crlNumber: 2,
    revoked: [{ serialNumber: 'xyz', revokedAt: new Date() }],
  }).catch((e: unknown) => e);
  expect((err as AnchorageError).code).toBe('INVALID_INPUT');
});
