/** Signing CSRs that OpenSSL made, refusing tampered ones, and creating CSRs OpenSSL accepts. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnchorageError } from '../../../../../shared/errors';
import { createRootCa } from '../../../../../main/core/pki/ca';
import type { IssuedCertificate } from '../../../../../main/core/pki/ca';
import { createCsr, signCsr } from '../../../../../main/core/pki/csr';
import { inspectCsr } from '../../../../../main/core/pki/inspect';
import { derToPem, pemToDer } from '../../../../../main/core/pki/pem';
import { ok, opensslExtensions, requireTool } from '../../../../support/tools';
import { tempDir } from '../../../../support/fs';
import { signerOf } from '../../../../support/pki';

const tmp = tempDir();
let ca: IssuedCertificate;
let caPath: string;

beforeAll(async () => {
  requireTool('openssl');
  ca = await createRootCa({ subject: { commonName: 'CSR Root' }, keyType: 'ec-p256' });
  caPath = tmp.write('ca.pem', ca.certificatePem);
});
afterAll(() => tmp.cleanup());

function opensslCsr(
  name: string,
  keyArgs: string[],
  subj = '/O=Acme/CN=agent7',
  der = false,
): { csr: string | Uint8Array; keyPath: string } {
  const keyPath = `${tmp.dir}/${name}.key`;
  const csrPath = `${tmp.dir}/${name}.csr`;
  ok('openssl', ['genpkey', ...keyArgs, '-out', keyPath]);
  ok('openssl', [
    'req',
    '-new',
    '-key',
    keyPath,
    '-subj',
    subj,
    '-addext',
    'subjectAltName=DNS:agent7.example.com',
    '-outform',
    der ? 'DER' : 'PEM',
    '-out',
    csrPath,
  ]);
  return { csr: der ? new Uint8Array(readFileSync(csrPath)) : readFileSync(csrPath, 'utf8'), keyPath };
}

async function errorOf(p: Promise<unknown>): Promise<AnchorageError> {
  const e = await p.catch((x: unknown) => x);
  if (!(e instanceof AnchorageError)) throw new Error(`expected an AnchorageError, got ${String(e)}`);
  return e;
}

describe('signCsr', () => {
  it.each([
    ['rsa-3072', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:3072'], false],
    ['ec-p384', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'], true],
  ] as const)('issues a verifiable client certificate for an OpenSSL %s CSR', async (keyType, args, der) => {
    const { csr, keyPath } = opensslCsr(keyType, [...args], '/O=Acme/CN=agent7', der);
    const signed = await signCsr({ issuer: signerOf(ca), csr, days: 30 });
    expect(signed.keyType).toBe(keyType);
    const certPath = tmp.write(`${keyType}.pem`, signed.certificatePem);
    expect(
      ok('openssl', ['verify', '-x509_strict', '-purpose', 'sslclient', '-CAfile', caPath, certPath]),
    ).toContain(': OK');
    const text = ok('openssl', ['x509', '-in', certPath, '-text', '-noout']);
    expect(text).toMatch(/Subject: O ?= ?Acme, CN ?= ?agent7/);
    const ext = opensslExtensions(text);
    expect(ext.map((e) => e.name)).toEqual([
      'X509v3 Basic Constraints',
      'X509v3 Key Usage',
      'X509v3 Extended Key Usage',
      'X509v3 Subject Alternative Name',
      'X509v3 Subject Key Identifier',
      'X509v3 Authority Key Identifier',
    ]);
    expect(ext[3]!.value).toBe('DNS:agent7.example.com');
    // The certificate carries the CSR's public key.
    const certPub = ok('openssl', ['x509', '-in', certPath, '-noout', '-pubkey']);
    const keyPub = ok('openssl', ['pkey', '-in', keyPath, '-pubout']);
    expect(certPub).toBe(keyPub);
  });

  it('refuses a CSR whose signature does not verify (MALFORMED_CSR)', async () => {
    const { csr } = opensslCsr('tampered', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']);
    const der = pemToDer(csr as string, 'CERTIFICATE REQUEST');
    const copy = new Uint8Array(der);
    // Flip a bit inside the subject's CN ("agent7" → "agenu7"): structure intact, signature no longer valid.
    const at = Buffer.from(copy).indexOf('agent7');
    expect(at).toBeGreaterThan(0);
    copy[at + 4] = copy[at + 4]! ^ 0x01;
    const tampered = derToPem(copy, 'CERTIFICATE REQUEST');
    const err = await errorOf(signCsr({ issuer: signerOf(ca), csr: tampered }));
    expect(err.code).toBe('MALFORMED_CSR');
    expect(err.message).toMatch(/signature does not verify/);
    expect((await inspectCsr(tampered)).signatureValid).toBe(false);
  });

  it('refuses garbage and an unsupported key', async () => {
    expect((await errorOf(signCsr({ issuer: signerOf(ca), csr: 'hello' }))).code).toBe('MALFORMED_CSR');
    const { csr } = opensslCsr('ed', ['-algorithm', 'ED25519']);
    expect((await errorOf(signCsr({ issuer: signerOf(ca), csr }))).code).toBe('UNSUPPORTED_KEY');
    const small = opensslCsr('rsa1024', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024']);
    const err = await errorOf(signCsr({ issuer: signerOf(ca), csr: small.csr }));
    expect(err.code).toBe('UNSUPPORTED_KEY');
    expect(err.message).toContain('RSA 1024');
  });

  it('refuses --days 0 for a CSR too', async () => {
    const { csr } = opensslCsr('days0', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']);
    expect((await errorOf(signCsr({ issuer: signerOf(ca), csr, days: 0 }))).code).toBe('INVALID_DAYS');
  });
});

describe('createCsr', () => {
  it.each(['rsa-2048', 'ec-p256'] as const)(
    'makes a %s CSR that openssl req -verify accepts',
    async (keyType) => {
      const made = await createCsr({ commonName: 'made here', organization: 'Acme' }, keyType);
      const path = tmp.write(`made-${keyType}.csr`, made.csrPem);
      const r = ok('openssl', ['req', '-in', path, '-verify', '-noout', '-subject']);
      expect(r).toMatch(/O ?= ?Acme, CN ?= ?made here/);
      const report = await inspectCsr(made.csrPem);
      expect(report).toMatchObject({ type: 'csr', keyType, signatureValid: true });
    },
  );
});
