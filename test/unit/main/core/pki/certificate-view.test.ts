/**
 * `inspect` of a certificate reads it without @peculiar/x509 (issue 11 §3): the DER reader (der-view.ts) must
 * give exactly what the x509 reader (x509-view.ts, the reference) gives, the view and the whole inspection
 * (every rule's level and detail, the verdict, every field) in every role and at every time, for every kind of
 * certificate, alone, in bundles and against its issuer; and leave to x509 what it does not read with certainty.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateView } from '../../../../../main/core/pki/certificate-view';
import { derCertificateView } from '../../../../../main/core/pki/der-view';
import { inspect, inspectBundle, inspectCertificate } from '../../../../../main/core/pki/inspect';
import type { Role } from '../../../../../main/core/pki/rules';
import { pemToDer } from '../../../../../main/core/pki/pem-blocks';
import { x509CertificateViewOfDer } from '../../../../../main/core/pki/x509-view';
import { anchorageCorpus } from './anchorage-corpus';
import { EC_P521, RSA, opensslNamesAndSerials, opensslSelfSigned } from './openssl-corpus';
import { EC_P256_NEWKEY, OPENSSL, ok, requireTool } from '../../../../support/tools';

const work = mkdtempSync(join(tmpdir(), 'anchorage-certificate-view-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CA_EXT = [
  '-addext',
  'basicConstraints=critical,CA:TRUE',
  '-addext',
  'keyUsage=critical,keyCertSign,cRLSign',
];

/** A self-signed certificate from openssl (openssl-corpus.ts), in this test's directory. */
const selfSigned = (name: string, key: string[], args: string[], config = ''): string =>
  opensslSelfSigned(work, name, key, args, config);

/** A certificate signed by `issuer` (made by {@link selfSigned}) with `openssl x509 -req`; no `ext`: X.509 v1. */
function signedBy(issuer: string, name: string, subject: string, ext?: string, extra: string[] = []): string {
  const key = join(work, `${name}.key`);
  ok(OPENSSL, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
  const csr = join(work, `${name}.csr`);
  ok(OPENSSL, ['req', '-new', '-key', key, '-subj', subject, '-out', csr]);
  const extArgs: string[] = [];
  if (ext !== undefined) {
    writeFileSync(join(work, `${name}.ext`), ext);
    extArgs.push('-extfile', join(work, `${name}.ext`));
  }
  return ok(OPENSSL, [
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    join(work, `${issuer}.pem`),
    '-CAkey',
    join(work, `${issuer}.key`),
    '-days',
    '20',
    ...extArgs,
    ...extra,
  ]);
}

const LEAF_EXT =
  'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n';

const taken: Record<string, string> = {};
const leftToX509: Record<string, string> = {};
const chains: Record<string, string[]> = {};

beforeAll(async () => {
  requireTool('openssl');
  const { rsaCa, ecCa, intermediate, client: leaf, rsaClient, old } = await anchorageCorpus();
  Object.assign(taken, {
    'Anchorage RSA-2048 root CA for 20 years': rsaCa.certificatePem,
    'Anchorage EC P-384 root CA with pathLen': ecCa.certificatePem,
    'Anchorage intermediate CA': intermediate.certificatePem,
    'Anchorage EC client with SANs and a UTF-8 CN': leaf.certificatePem,
    'Anchorage RSA-3072 client': rsaClient.certificatePem,
    'Anchorage CA of 1999, expired': old.certificatePem,
    'openssl EC P-256 CA': selfSigned('ca', EC_P256_NEWKEY, ['-subj', '/CN=openssl ca/O=Org', ...CA_EXT]),
    'openssl RSA-4096 SHA-512 CA': selfSigned('rsa4096', RSA(4096), [
      '-sha512',
      '-subj',
      '/CN=big',
      ...CA_EXT,
    ]),
    ...opensslNamesAndSerials(work),
    'openssl EC P-521 key (not one AWS takes)': selfSigned('p521', EC_P521, ['-subj', '/CN=p521']),
    'openssl, an empty subject': selfSigned('empty', EC_P256_NEWKEY, ['-subj', '/']),
    'openssl, an email address and a serialNumber in the name': selfSigned('email', EC_P256_NEWKEY, [
      '-subj',
      '/CN=mail/emailAddress=a@example.com/serialNumber=1234/DC=example',
    ]),
    'openssl, no extensions (v3)': selfSigned(
      'noext',
      EC_P256_NEWKEY,
      ['-subj', '/CN=noext'],
      'x509_extensions=none\n[none]',
    ),
    'openssl, keyEncipherment only and serverAuth': selfSigned('wrongku', RSA(2048), [
      '-subj',
      '/CN=wrong ku',
      '-addext',
      'basicConstraints=CA:FALSE',
      '-addext',
      'keyUsage=keyEncipherment',
      '-addext',
      'extendedKeyUsage=serverAuth,emailProtection',
    ]),
    'openssl, a CA without keyCertSign': selfSigned('nosign', EC_P256_NEWKEY, [
      '-subj',
      '/CN=no sign',
      '-addext',
      'basicConstraints=critical,CA:TRUE,pathlen:0',
      '-addext',
      'keyUsage=critical,digitalSignature,cRLSign',
    ]),
    'openssl, a CA with a non-critical basicConstraints and keyUsage': selfSigned('noncrit', EC_P256_NEWKEY, [
      '-subj',
      '/CN=noncrit',
      '-addext',
      'basicConstraints=CA:TRUE',
      '-addext',
      'keyUsage=keyCertSign,cRLSign',
    ]),
    'openssl, SHA-1 with RSA-1024': selfSigned('weak', RSA(1024), ['-sha1', '-subj', '/CN=weak', ...CA_EXT]),
    'openssl, ECDSA with SHA-1': selfSigned('ecsha1', EC_P256_NEWKEY, ['-sha1', '-subj', '/CN=ecdsa sha1']),
  });
  Object.assign(taken, {
    'openssl leaf of the openssl CA': signedBy('ca', 'leaf', '/CN=leaf', LEAF_EXT),
    'openssl X.509 v1 leaf, no extensions': signedBy('ca', 'v1', '/CN=v1 leaf'),
    'openssl leaf that outlives its CA': signedBy('ca', 'outlives', '/CN=outlives', LEAF_EXT, [
      '-days',
      '100',
    ]),
    'openssl leaf with email, IP and DNS names': signedBy(
      'ca',
      'sans',
      '/CN=sans',
      `${LEAF_EXT}subjectAltName=email:a@example.com,IP:192.0.2.1,IP:2001:db8::1,DNS:h.example\n`,
    ),
    'openssl leaf without subjectKeyIdentifier': signedBy(
      'ca',
      'noski',
      '/CN=noski',
      `${LEAF_EXT}subjectKeyIdentifier=none\nauthorityKeyIdentifier=none\n`,
    ),
  });
  Object.assign(leftToX509, {
    'a BMPString CN': selfSigned('bmp', EC_P256_NEWKEY, ['-subj', '/CN=bmp name'], 'string_mask=MASK:0x800'),
    'a TeletexString CN': selfSigned('t61', EC_P256_NEWKEY, ['-subj', '/CN=teletex'], 'string_mask=MASK:0x4'),
    'an Ed25519 key': selfSigned('ed', ['-newkey', 'ed25519'], ['-subj', '/CN=ed']),
    'an RSA-PSS signature': selfSigned('pss', RSA(2048), [
      '-sigopt',
      'rsa_padding_mode:pss',
      '-subj',
      '/CN=pss',
    ]),
    'a cRLDistributionPoints extension': signedBy(
      'ca',
      'crldp',
      '/CN=crldp',
      `${LEAF_EXT}crlDistributionPoints=URI:http://example/ca.crl\n`,
    ),
    'an authorityKeyIdentifier with issuer and serial': signedBy(
      'ca',
      'akiissuer',
      '/CN=aki issuer',
      `${LEAF_EXT}authorityKeyIdentifier=keyid,issuer:always\n`,
    ),
    'an otherName in subjectAltName': signedBy(
      'ca',
      'othername',
      '/CN=other',
      `${LEAF_EXT}subjectAltName=otherName:1.3.6.1.4.1.311.20.2.3;UTF8:user@example\n`,
    ),
  });
  Object.assign(chains, {
    'Anchorage root, intermediate and leaf, leaf first': [
      leaf.certificatePem,
      intermediate.certificatePem,
      ecCa.certificatePem,
    ],
    'the openssl CA with its leaves': [
      taken['openssl EC P-256 CA']!,
      taken['openssl leaf of the openssl CA']!,
      taken['openssl leaf that outlives its CA']!,
      taken['openssl X.509 v1 leaf, no extensions']!,
    ],
    'a chain with a leaf x509 reads': [
      leftToX509['a cRLDistributionPoints extension']!,
      taken['openssl EC P-256 CA']!,
    ],
    'unrelated certificates': [rsaCa.certificatePem, rsaClient.certificatePem, old.certificatePem],
  });
}, 120_000);

const derOf = (pem: string) => pemToDer(pem, 'CERTIFICATE');

/** A view as plain data: its self-signature answered, for toEqual. */
async function plain(view: CertificateView) {
  const { selfSigned: check, ...rest } = view;
  return {
    ...rest,
    publicKey: rest.publicKey.export({ type: 'spki', format: 'der' }),
    selfSigned: await check(),
  };
}

const ROLES: (Role | undefined)[] = [undefined, 'trust-anchor', 'end-entity'];
const TIMES = [new Date(), new Date('2000-01-01T00:00:00Z'), new Date('2200-01-01T00:00:00Z')];

describe('certificate views from the DER (der-view.ts)', () => {
  it('read every kind of certificate exactly as x509 reads it, view and inspection', async () => {
    expect(Object.keys(taken).length).toBeGreaterThanOrEqual(30);
    for (const [kind, pem] of Object.entries(taken)) {
      const der = derOf(pem);
      const fast = derCertificateView(der);
      // The DER reader takes it: the comparison is of the reader, not of the fallback.
      expect(fast, kind).toBeDefined();
      const reference = x509CertificateViewOfDer(der);
      expect({ kind, ...(await plain(fast!)) }).toEqual({ kind, ...(await plain(reference)) });
      for (const as of ROLES) {
        for (const now of TIMES) {
          const a = await inspectBundle([fast!], now, as);
          const b = await inspectBundle([reference], now, as);
          expect({ kind, as, now, ...a }).toEqual({ kind, as, now, ...b });
        }
      }
      // And inspect() itself, which takes the DER path, gives what x509 gives.
      expect({ kind, ...(await inspect(pem)) }).toEqual({
        kind,
        ...(await inspectBundle([reference], new Date())).certificates![0],
      });
    }
  });

  it('judge bundles, chains and issuers alike, from the DER, through x509, or mixed', async () => {
    for (const [kind, pems] of Object.entries(chains)) {
      const ders = pems.map(derOf);
      const reference = ders.map(x509CertificateViewOfDer);
      const fast = ders.map((d) => derCertificateView(d) ?? x509CertificateViewOfDer(d));
      // Every other one through x509, starting with the first, then with the second.
      const mixed = [0, 1].map((parity) =>
        ders.map((d, i) =>
          i % 2 === parity ? x509CertificateViewOfDer(d) : (derCertificateView(d) ?? reference[i]!),
        ),
      );
      for (const as of ROLES) {
        const expected = await inspectBundle(reference, new Date(), as);
        expect({ kind, as, ...(await inspectBundle(fast, new Date(), as)) }).toEqual({
          kind,
          as,
          ...expected,
        });
        for (const views of mixed) {
          expect({ kind, as, ...(await inspectBundle(views, new Date(), as)) }).toEqual({
            kind,
            as,
            ...expected,
          });
        }
        expect({ kind, as, ...(await inspect(pems.join(''), as ? { as } : {})) }).toEqual({
          kind,
          as,
          ...expected,
        });
      }
    }
    // The issuer given apart (the certificate service's `cert inspect`): as PEM, or as DER.
    const leaf = taken['openssl leaf that outlives its CA']!;
    const ca = taken['openssl EC P-256 CA']!;
    const withIssuer = await inspectCertificate(leaf, new Date(), { issuer: ca });
    expect(withIssuer.checks.find((c) => c.rule === 'validity')).toMatchObject({ level: 'warn' });
    const reference = await inspectBundle([
      x509CertificateViewOfDer(derOf(leaf)),
      x509CertificateViewOfDer(derOf(ca)),
    ]);
    expect(withIssuer).toEqual(reference.certificates![0]);
    expect(await inspectCertificate(derOf(leaf), new Date(), { issuer: derOf(ca) })).toEqual(withIssuer);
  });

  it('leave to x509 what they do not read with certainty, and inspect then gives x509 answer', async () => {
    for (const [kind, pem] of Object.entries(leftToX509)) {
      const der = derOf(pem);
      expect(derCertificateView(der), kind).toBeUndefined();
      const reference = await inspectBundle([x509CertificateViewOfDer(der)], new Date());
      expect({ kind, ...(await inspect(pem)) }).toEqual({ kind, ...reference.certificates![0] });
      expect({ kind, ...(await inspect(der)) }).toEqual({ kind, ...reference.certificates![0] });
    }
  });

  it('leave BER forms and trailing bytes to x509, which reads or refuses them as before', async () => {
    const der = Buffer.from(derOf(taken['openssl EC P-256 CA']!));
    expect(derCertificateView(der)).toBeDefined();
    // The outer SEQUENCE's length in a longer form than DER's (X.690 §8.1.3.5 allows it, §10.1 does not).
    const content = der.subarray(2 + (der[1]! & 0x7f));
    const long = Buffer.concat([Buffer.from([0x30, 0x83, 0, 0, 0]), content]);
    long.writeUInt16BE(content.length, 3);
    expect(derCertificateView(long)).toBeUndefined();
    expect(derCertificateView(Buffer.concat([der, Buffer.from([0])]))).toBeUndefined();
    for (const bytes of [long, Buffer.concat([der, Buffer.from([0])])]) {
      const fromX509 = await inspect(bytes).catch((e: unknown) => e);
      const reference = await Promise.resolve()
        .then(async () => (await inspectBundle([x509CertificateViewOfDer(bytes)])).certificates![0])
        .catch((e: unknown) => e);
      expect(fromX509).toEqual(reference);
    }
  });
});
