import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createRootCa } from '../../../../../main/core/pki/ca';
import { summarize } from '../../../../../main/core/inventory';
import { rfc4514 } from '../../../../../main/core/pki/dn';
import { x509 } from '../../../../../main/core/pki/provider';
import { OPENSSL, ok, opensslThrowawayCertificate } from '../../../../support/tools';

describe('distinguished names', () => {
  it('are shown in RFC 4514 order, exactly as openssl -nameopt RFC2253 prints them', async () => {
    const ca = await createRootCa({
      keyType: 'ec-p256',
      subject: {
        commonName: 'Order CA',
        organization: 'Acme, Inc.',
        organizationalUnit: 'Platform',
        country: 'NL',
      },
    });
    const openssl = execFileSync('openssl', ['x509', '-noout', '-subject', '-nameopt', 'RFC2253'], {
      input: ca.certificatePem,
      encoding: 'utf8',
    })
      .trim()
      .replace(/^subject=/, '');
    const summary = await summarize(
      {
        id: 'ca-x',
        name: 'order',
        kind: 'ca',
        certificatePem: ca.certificatePem,
        issuerId: null,
        extraChainPem: [],
        hasPrivateKey: true,
        createdAt: new Date().toISOString(),
        revokedAt: null,
      },
      new Date(),
    );
    // openssl separates RDNs with "," and escapes the comma inside "Acme, Inc." as "\,".
    expect(summary.subject.replace(/, (?=[A-Z]+=)/g, ',')).toBe(openssl);
    expect(summary.subject.startsWith('CN=Order CA, ')).toBe(true);
    expect(summary.issuer).toBe(summary.subject);
  });
});

/** openssl's own reading of a certificate's subject, with `nameopt`. */
const opensslSubject = (pem: string, nameopt: string): string =>
  ok(OPENSSL, ['x509', '-noout', '-subject', '-nameopt', nameopt], { input: pem })
    .replace(/^subject=/, '')
    .replace(/\n$/, '');

/** A self-signed certificate that openssl makes from a `-subj` (so the DER is not ours). */
const opensslCertificate = (subj: string): string =>
  opensslThrowawayCertificate(['-days', '1', '-utf8', '-multivalue-rdn', '-subj', subj]);

const subjectOf = (pem: string) => new x509.X509Certificate(pem).subjectName;

describe('rfc4514', () => {
  // Each -subj puts the hard characters of RFC 4514 §2.4 in a value: openssl escapes them, and so must we.
  const cases: Array<[string, string]> = [
    ['a comma that looks like another RDN', '/O=Acme/CN=Smith, O=Evil'],
    [
      'plus signs, in a value and between the values of a multi-valued RDN',
      '/O=Acme/OU=Ops+CN=Alice \\+ Bob',
    ],
    ['quotes, angle brackets, semicolons and a backslash', '/O=Say "hi" <now>; a\\\\b/CN=q'],
    ['a leading #, a leading space and a trailing space', '/O=#hash/OU= lead/CN=trail '],
    ['non-ASCII values', '/C=JP/O=日本/CN=José Müller'],
    ['an equals sign', '/O=a=b/CN=x.y-z_1'],
    ['an attribute type openssl has no name for', '/1.2.3.4=a/CN=x'],
  ];

  it.each(cases)('prints %s exactly as openssl -nameopt RFC2253 does', (_what, subj) => {
    const pem = opensslCertificate(subj);
    // -esc_msb: openssl writes UTF-8 as it is instead of \XX per byte, which is what a person should read.
    expect(rfc4514(subjectOf(pem), ',')).toBe(opensslSubject(pem, 'RFC2253,-esc_msb'));
  });

  it('agrees with plain -nameopt RFC2253 for ASCII names', () => {
    const pem = opensslCertificate('/O=Acme/OU=Ops+CN=Alice \\+ Bob/CN=Smith, O=Evil');
    expect(rfc4514(subjectOf(pem), ',')).toBe(opensslSubject(pem, 'RFC2253'));
  });

  it('keeps a comma in a CN inside that CN (the old regex split it into a forged O=Evil)', async () => {
    const ca = await createRootCa({
      keyType: 'ec-p256',
      subject: { commonName: 'Smith, O=Evil', organization: 'Acme' },
    });
    const name = subjectOf(ca.certificatePem);
    expect(rfc4514(name)).toBe('CN=Smith\\, O=Evil, O=Acme');
    expect(rfc4514(name, ',')).toBe(opensslSubject(ca.certificatePem, 'RFC2253,-esc_msb'));
  });

  it('prints names the app builds (buildName) as openssl does, UTF-8 included', async () => {
    const ca = await createRootCa({
      keyType: 'ec-p256',
      subject: {
        commonName: '#1 "Build" <agent>; é',
        organization: '日本 + Co',
        organizationalUnit: 'a\\b',
        country: 'nl',
        state: 'Zuid-Holland',
        locality: 'Den Haag',
      },
    });
    expect(rfc4514(subjectOf(ca.certificatePem), ',')).toBe(
      opensslSubject(ca.certificatePem, 'RFC2253,-esc_msb'),
    );
    expect(rfc4514(subjectOf(ca.certificatePem))).toBe(
      'CN=\\#1 \\"Build\\" \\<agent\\>\\; é, OU=a\\\\b, O=日本 \\+ Co, L=Den Haag, ST=Zuid-Holland, C=NL',
    );
  });

  it('prints an attribute of an unknown type as its OID and its DER in hex', () => {
    const name = new x509.Name([{ '1.2.3.4': ['#0c0161'] }, { CN: ['x'] }]);
    expect(rfc4514(name)).toBe('CN=x, 1.2.3.4=#0C0161');
  });
});
