/**
 * CA creation and client issuance for every key type, verified by OpenSSL (`verify -x509_strict -purpose
 * sslclient`) with the extensions of ARCHITECTURE §1 checked exactly, critical flags included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnchorageError } from '../../../../../shared/errors';
import { createIntermediateCa, createRootCa } from '../../../../../main/core/pki/ca';
import type { IssuedCertificate } from '../../../../../main/core/pki/ca';
import { issueClientCertificate } from '../../../../../main/core/pki/issue';
import { KEY_TYPES } from '../../../../../shared/domain/key-types';
import { serialBits } from '../../../../../main/core/pki/serial';
import { ok, opensslExtensions, opensslVerifyClient, requireTool, run } from '../../../../support/tools';
import { tempDir } from '../../../../support/fs';
import { signerOf, x509Of } from '../../../../support/pki';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
beforeAll(() => requireTool('openssl'));

const SIG: Record<string, string> = {
  'rsa-2048': 'sha256WithRSAEncryption',
  'rsa-3072': 'sha256WithRSAEncryption',
  'rsa-4096': 'sha256WithRSAEncryption',
  'ec-p256': 'ecdsa-with-SHA256',
  'ec-p384': 'ecdsa-with-SHA384',
};

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AnchorageError) return e.code;
    throw e;
  }
  return 'no error';
}

describe.each(KEY_TYPES)('%s', (keyType) => {
  let ca: IssuedCertificate;
  let client: IssuedCertificate;
  let caPath: string;
  let clientPath: string;

  beforeAll(async () => {
    ca = await createRootCa({
      subject: {
        commonName: `Root ${keyType}`,
        organization: 'Anchorage Test',
        organizationalUnit: 'PKI',
        country: 'nl',
        state: 'NH',
        locality: 'Amsterdam',
      },
      keyType,
    });
    client = await issueClientCertificate({
      issuer: signerOf(ca),
      subject: { commonName: `client ${keyType}` },
      keyType,
      sans: ['dns:agent.example.com', 'uri:spiffe://example.org/agent'],
    });
    caPath = tmp.write(`ca-${keyType}.pem`, ca.certificatePem);
    clientPath = tmp.write(`client-${keyType}.pem`, client.certificatePem);
  });

  it('verifies with openssl -x509_strict -purpose sslclient', () => {
    expect(opensslVerifyClient(caPath, clientPath)).toContain(': OK');
  });

  it('gives the CA exactly the trust-anchor extensions', () => {
    const text = ok('openssl', ['x509', '-in', caPath, '-text', '-noout']);
    expect(text).toContain('Version: 3 (0x2)');
    expect(text).toContain(`Signature Algorithm: ${SIG[keyType]}`);
    expect(text).toMatch(
      /Subject: C ?= ?NL, ST ?= ?NH, L ?= ?Amsterdam, O ?= ?Anchorage Test, OU ?= ?PKI, CN ?= ?Root/,
    );
    const ext = opensslExtensions(text);
    expect(ext.map((e) => [e.name, e.critical])).toEqual([
      ['X509v3 Basic Constraints', true],
      ['X509v3 Key Usage', true],
      ['X509v3 Subject Key Identifier', false],
      ['X509v3 Authority Key Identifier', false],
    ]);
    expect(ext[0]!.value).toBe('CA:TRUE');
    expect(ext[1]!.value).toBe('Digital Signature, Certificate Sign, CRL Sign');
    expect(ext[3]!.value.replace(/^keyid:/, '')).toBe(ext[2]!.value);
  });

  it('gives the client exactly the end-entity extensions, AKI = CA SKI', () => {
    const text = ok('openssl', ['x509', '-in', clientPath, '-text', '-noout']);
    const caExt = opensslExtensions(ok('openssl', ['x509', '-in', caPath, '-text', '-noout']));
    expect(text).toContain('Version: 3 (0x2)');
    expect(text).toContain(`Signature Algorithm: ${SIG[keyType]}`);
    const ext = opensslExtensions(text);
    expect(ext.map((e) => [e.name, e.critical])).toEqual([
      ['X509v3 Basic Constraints', true],
      ['X509v3 Key Usage', true],
      ['X509v3 Extended Key Usage', false],
      ['X509v3 Subject Alternative Name', false],
      ['X509v3 Subject Key Identifier', false],
      ['X509v3 Authority Key Identifier', false],
    ]);
    expect(ext[0]!.value).toBe('CA:FALSE');
    expect(ext[1]!.value).toBe('Digital Signature');
    expect(ext[2]!.value).toBe('TLS Web Client Authentication');
    expect(ext[3]!.value).toBe('DNS:agent.example.com, URI:spiffe://example.org/agent');
    expect(ext[5]!.value.replace(/^keyid:/, '')).toBe(caExt[2]!.value);
  });

  it('uses a random positive serial of at most 159 bits, never 01', () => {
    for (const cert of [x509Of(ca), x509Of(client)]) {
      const bits = serialBits(cert);
      expect(bits).toBeGreaterThan(150);
      expect(bits).toBeLessThanOrEqual(159);
    }
    const serial = ok('openssl', ['x509', '-in', clientPath, '-noout', '-serial']).trim().split('=')[1]!;
    expect(serial.length).toBe(40);
    expect(parseInt(serial.slice(0, 2), 16)).toBeLessThan(0x80);
  });
});

describe('chains and validity', () => {
  let root: IssuedCertificate;
  beforeAll(async () => {
    root = await createRootCa({ subject: { commonName: 'Chain Root' }, keyType: 'ec-p384', days: 3650 });
  });

  it('verifies root → intermediate → client with -untrusted', async () => {
    const inter = await createIntermediateCa({
      issuer: signerOf(root),
      subject: { commonName: 'Chain Intermediate' },
      keyType: 'ec-p256',
      days: 1000,
    });
    const client = await issueClientCertificate({
      issuer: signerOf(inter),
      subject: { commonName: 'chain client' },
      keyType: 'rsa-2048',
      days: 30,
    });
    const rootPath = tmp.write('chain-root.pem', root.certificatePem);
    const interPath = tmp.write('chain-inter.pem', inter.certificatePem);
    const clientPath = tmp.write('chain-client.pem', client.certificatePem);
    expect(opensslVerifyClient(rootPath, clientPath, interPath)).toContain(': OK');
    const text = ok('openssl', ['x509', '-in', interPath, '-text', '-noout']);
    expect(opensslExtensions(text)[0]).toEqual({
      name: 'X509v3 Basic Constraints',
      critical: true,
      value: 'CA:TRUE, pathlen:0',
    });
    // pathLen 0 forbids a further CA level.
    expect(
      await code(
        createIntermediateCa({
          issuer: signerOf(inter),
          subject: { commonName: 'too deep' },
          keyType: 'ec-p256',
          days: 10,
        }),
      ),
    ).toBe('NOT_A_CA');
    // Without the intermediate, OpenSSL cannot build the path.
    expect(run('openssl', ['verify', '-x509_strict', '-CAfile', rootPath, clientPath]).code).not.toBe(0);
  });

  it('defaults to 3650 days for a root and 365 for a client', async () => {
    const now = new Date();
    const client = await issueClientCertificate({
      issuer: signerOf(root),
      subject: { commonName: 'default days' },
      keyType: 'ec-p256',
      now,
    });
    expect(Math.round((x509Of(client).notAfter.getTime() - now.getTime()) / 86_400_000)).toBe(365);
    expect(Math.round((x509Of(root).notAfter.getTime() - now.getTime()) / 86_400_000)).toBe(3650);
  });

  it('refuses --days 0 with INVALID_DAYS and a clear message', async () => {
    const err = await createRootCa({ subject: { commonName: 'x' }, keyType: 'ec-p256', days: 0 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AnchorageError);
    expect((err as AnchorageError).code).toBe('INVALID_DAYS');
    expect((err as AnchorageError).message).toMatch(/whole number of days, at least 1 \(got 0\)/);
    expect(
      await code(
        issueClientCertificate({
          issuer: signerOf(root),
          subject: { commonName: 'x' },
          keyType: 'ec-p256',
          days: 1.5,
        }),
      ),
    ).toBe('INVALID_DAYS');
  });

  it('refuses a validity beyond the CA, naming both dates and the maximum days', async () => {
    const shortCa = await createRootCa({
      subject: { commonName: 'Short CA' },
      keyType: 'ec-p256',
      days: 100,
    });
    const err = (await issueClientCertificate({
      issuer: signerOf(shortCa),
      subject: { commonName: 'x' },
      keyType: 'ec-p256',
      days: 365,
    }).catch((e: unknown) => e)) as AnchorageError;
    expect(err.code).toBe('VALIDITY_EXCEEDS_ISSUER');
    const caEnd = x509Of(shortCa).notAfter.toISOString().slice(0, 10);
    expect(err.message).toContain(caEnd);
    expect(err.message).toMatch(/365-day certificate would expire on \d{4}-\d\d-\d\d/);
    expect(err.hint).toContain('99 days or fewer');
    expect(err.facts).toMatchObject({ field: 'days', days: 365, maxDays: 99 });
    await expect(
      issueClientCertificate({
        issuer: signerOf(shortCa),
        subject: { commonName: 'x' },
        keyType: 'ec-p256',
        days: 99,
      }),
    ).resolves.toBeTruthy();
  });

  it('refuses to issue from a non-CA, an expired CA, or with the wrong key', async () => {
    const client = await issueClientCertificate({
      issuer: signerOf(root),
      subject: { commonName: 'leaf' },
      keyType: 'ec-p256',
    });
    expect(
      await code(
        issueClientCertificate({
          issuer: signerOf(client),
          subject: { commonName: 'x' },
          keyType: 'ec-p256',
          days: 1,
        }),
      ),
    ).toBe('NOT_A_CA');
    const later = new Date(x509Of(root).notAfter.getTime() + 86_400_000);
    expect(
      await code(
        issueClientCertificate({
          issuer: signerOf(root),
          subject: { commonName: 'x' },
          keyType: 'ec-p256',
          days: 1,
          now: later,
        }),
      ),
    ).toBe('CERT_EXPIRED');
    const other = await createRootCa({ subject: { commonName: 'Other' }, keyType: 'ec-p384' });
    expect(
      await code(
        issueClientCertificate({
          issuer: { certificate: root.certificateDer, privateKeyPkcs8: other.privateKeyPkcs8 },
          subject: { commonName: 'x' },
          days: 1,
        }),
      ),
    ).toBe('KEY_MISMATCH');
  });

  it('refuses an empty subject, a bad country and malformed SANs', async () => {
    expect(
      await code(
        issueClientCertificate({ issuer: signerOf(root), subject: { commonName: '  ' }, keyType: 'ec-p256' }),
      ),
    ).toBe('INVALID_INPUT');
    expect(
      await code(createRootCa({ subject: { commonName: 'x', country: 'NLD' }, keyType: 'ec-p256' })),
    ).toBe('INVALID_INPUT');
    for (const san of ['ip:1.2.3.4', 'dns:bad host', 'uri:not a uri', 'dns:']) {
      expect(
        await code(
          issueClientCertificate({
            issuer: signerOf(root),
            subject: { commonName: 'x' },
            keyType: 'ec-p256',
            sans: [san],
          }),
        ),
      ).toBe('INVALID_INPUT');
    }
  });
});
