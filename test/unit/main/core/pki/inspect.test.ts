/** Inspection: the Roles Anywhere rules in both roles, and identity fields checked against OpenSSL's view. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRootCa } from '../../../../../main/core/pki/ca';
import type { IssuedCertificate } from '../../../../../main/core/pki/ca';
import { inspect, inspectCertificate } from '../../../../../main/core/pki/inspect';
import type { CertificateReport, PfxReport } from '../../../../../main/core/pki/inspect';
import { issueClientCertificate } from '../../../../../main/core/pki/issue';
import { pemToDer } from '../../../../../main/core/pki/pem';
import { createPfx } from '../../../../../main/core/pki/pkcs12';
import { RULE_IDS } from '../../../../../main/core/pki/rules';
import { serialDecimal } from '../../../../../main/core/pki/serial';
import { ok, requireTool } from '../../../../support/tools';
import { tempDir } from '../../../../support/fs';

const tmp = tempDir();
let ca: IssuedCertificate;
let client: IssuedCertificate;

beforeAll(async () => {
  requireTool('openssl');
  ca = await createRootCa({ subject: { commonName: 'Inspect Root' }, keyType: 'rsa-3072' });
  client = await issueClientCertificate({
    issuer: ca,
    subject: { commonName: 'inspect client' },
    keyType: 'ec-p256',
    days: 90,
  });
});
afterAll(() => tmp.cleanup());

const failing = (rules: CertificateReport['asTrustAnchor']): string[] =>
  rules.filter((x) => !x.pass).map((x) => x.rule);

/** An OpenSSL-made certificate with the given req -x509 arguments. */
function opensslCert(name: string, keyArgs: string[], extra: string[]): string {
  const key = `${tmp.dir}/${name}.key`;
  ok('openssl', ['genpkey', ...keyArgs, '-out', key]);
  return ok('openssl', ['req', '-x509', '-new', '-key', key, '-days', '30', ...extra]);
}

describe('inspectCertificate', () => {
  it('passes every trust-anchor rule for our CA and every end-entity rule for our client', async () => {
    const caReport = await inspectCertificate(ca.certificatePem);
    expect(caReport.asTrustAnchor.map((r) => r.rule)).toEqual([...RULE_IDS]);
    expect(failing(caReport.asTrustAnchor)).toEqual([]);
    expect(caReport.trustAnchorOk).toBe(true);
    expect(failing(caReport.asEndEntity)).toEqual(['basic-constraints', 'extended-key-usage']);
    expect(caReport).toMatchObject({
      isCa: true,
      selfSigned: true,
      keyType: 'rsa-3072',
      signatureAlgorithm: 'sha256WithRSAEncryption',
    });

    const clientReport = await inspectCertificate(client.certificate);
    expect(failing(clientReport.asEndEntity)).toEqual([]);
    expect(clientReport.endEntityOk).toBe(true);
    expect(failing(clientReport.asTrustAnchor)).toEqual(['basic-constraints', 'key-usage']);
    expect(clientReport).toMatchObject({
      isCa: false,
      selfSigned: false,
      keyType: 'ec-p256',
      keyDescription: 'EC prime256v1',
    });
    expect(clientReport.daysToExpiry).toBe(89);
    for (const rule of [...clientReport.asEndEntity, ...clientReport.asTrustAnchor]) {
      expect(rule.detail).toMatch(/^\S.*\S$/);
      expect(rule.detail).not.toContain('\n');
    }
  });

  it('agrees with openssl on fingerprint, serial, subject, issuer and dates', async () => {
    const path = tmp.write('client.pem', client.certificatePem);
    const report = await inspectCertificate(pemToDer(client.certificatePem));
    const fp = ok('openssl', ['x509', '-in', path, '-noout', '-fingerprint', '-sha256']).trim().split('=')[1];
    expect(report.sha256Fingerprint).toBe(fp);
    const serial = ok('openssl', ['x509', '-in', path, '-noout', '-serial']).trim().split('=')[1]!;
    expect(report.serialHex).toMatch(/^[0-9A-F]+$/);
    expect(BigInt(`0x${report.serialHex}`)).toBe(BigInt(`0x${serial}`));
    expect(report.serialNumber).toBe(BigInt(`0x${serial}`).toString(10));
    expect(serialDecimal(client.certificate)).toBe(report.serialNumber);
    expect(report.subject).toBe('CN=inspect client');
    expect(report.issuer).toBe('CN=Inspect Root');
    const end = ok('openssl', ['x509', '-in', path, '-noout', '-enddate']).trim().split('=')[1]!;
    expect(new Date(end).toISOString()).toBe(report.notAfter.replace(/\.\d{3}Z$/, '.000Z'));
  });

  it('flags SHA-1, serial 01, a missing EKU and a weak key in an OpenSSL-made certificate', async () => {
    const pem = opensslCert(
      'weak',
      ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024'],
      ['-sha1', '-set_serial', '1', '-subj', '/CN=weak'],
    );
    const report = await inspectCertificate(pem);
    const ee = Object.fromEntries(report.asEndEntity.map((r) => [r.rule, r]));
    expect(ee['signature-algorithm']).toMatchObject({ pass: false });
    expect(ee['signature-algorithm']!.detail).toContain('sha1WithRSAEncryption');
    expect(ee['serial-number']).toMatchObject({
      pass: false,
      detail: 'The serial is 01, which is not allowed.',
    });
    expect(ee['key-type']!.detail).toContain('RSA 1024');
    expect(ee['extended-key-usage']!.pass).toBe(false);
    expect(report.keyType).toBe('RSA 1024');
    expect(report.keySupported).toBe(false);
    expect(report.trustAnchorOk).toBe(false);
    expect(report.endEntityOk).toBe(false);
  });

  it('flags a non-critical basicConstraints on a CA and an empty subject', async () => {
    const pem = opensslCert(
      'noncrit',
      ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
      [
        '-subj',
        '/CN=noncrit',
        '-addext',
        'basicConstraints=CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
      ],
    );
    const report = await inspectCertificate(pem);
    const bc = report.asTrustAnchor.find((r) => r.rule === 'basic-constraints')!;
    expect(bc).toMatchObject({
      pass: false,
      detail: 'CA:TRUE but not marked critical; it must be critical.',
    });
    const empty = await inspectCertificate(
      opensslCert('empty', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'], ['-subj', '/']),
    );
    expect(failing(empty.asEndEntity)).toContain('subject');
  });

  it('reports expiry against the given time', async () => {
    const later = new Date(client.certificate.notAfter.getTime() + 2 * 86_400_000);
    const report = await inspectCertificate(client.certificate, later);
    expect(report.daysToExpiry).toBe(-2);
    expect(failing(report.asEndEntity)).toEqual(['validity']);
    expect(report.asEndEntity.find((r) => r.rule === 'validity')!.detail).toMatch(/^Expired on /);
  });
});

describe('inspect (any input)', () => {
  it('inspects a CSR, a PFX with its password, and refuses unknown PEM', async () => {
    const key = `${tmp.dir}/csr.key`;
    ok('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384', '-out', key]);
    const csr = ok('openssl', ['req', '-new', '-key', key, '-subj', '/CN=csr subject']);
    expect(await inspect(csr)).toEqual({
      type: 'csr',
      subject: 'CN=csr subject',
      keyType: 'ec-p384',
      keySupported: true,
      keyDescription: 'EC secp384r1',
      signatureValid: true,
    });

    const pfx = createPfx({
      certificate: client.certificate,
      chain: [ca.certificate],
      privateKeyPkcs8: client.privateKeyPkcs8,
      password: 'pfx-password',
      preset: 'legacy',
    });
    const report = (await inspect(pfx, { password: 'pfx-password' })) as PfxReport;
    expect(report.type).toBe('pfx');
    expect(report.hasKey).toBe(true);
    expect(report.subject).toBe('CN=inspect client');
    expect(report.chain.map((c) => c.trustAnchorOk)).toEqual([true]);
    await expect(inspect(pfx)).rejects.toMatchObject({ code: 'PASSWORD_REQUIRED' });
    await expect(inspect(pfx, { password: 'no' })).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await expect(inspect(readFileSync(key, 'utf8'))).rejects.toMatchObject({ code: 'MALFORMED_PEM' });
  });
});
