/**
 * The certificate writer (main/core/pki/certificate-writer.ts and the fields signer.ts gives it) writes, for the
 * same inputs, the very TBSCertificate that @peculiar/x509's X509CertificateGenerator wrote before it (the
 * signatures differ: ECDSA's is randomized), and its signatures verify: in node:crypto, and in `openssl verify`
 * over a root → intermediate → client chain. The x509 code below is the old signer, kept here as the reference.
 */
import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_TYPES } from '../../../../../shared/domain/key-types';
import type { KeyType } from '../../../../../shared/domain/key-types';
import type { SubjectInput } from '../../../../../main/core/api';
import { createIntermediateCa, createRootCa } from '../../../../../main/core/pki/ca';
import type { IssuedCertificate } from '../../../../../main/core/pki/ca';
import {
  caExtensions,
  clientExtensions,
  keyIdentifier,
} from '../../../../../main/core/pki/certificate-extensions';
import { readDer, sequence } from '../../../../../main/core/pki/der';
import {
  certificateName,
  certificatePublicKey,
  serialNumberValue,
  subjectKeyIdentifierOf,
} from '../../../../../main/core/pki/der-info';
import { derCertificateView } from '../../../../../main/core/pki/der-view';
import { pemToDer } from '../../../../../main/core/pki/pem-blocks';
import { issueClientCertificate } from '../../../../../main/core/pki/issue';
import {
  generateKeyPair,
  importSigningKey,
  privateKeyObject,
  signingAlgorithm,
} from '../../../../../main/core/pki/keys';
import type { GeneratedKeyPair } from '../../../../../main/core/pki/keys';
import { buildName } from '../../../../../main/core/pki/names';
import { bufferSource } from '../../../../../main/core/pki/pem';
import { x509 } from '../../../../../main/core/pki/provider';
import { sanExtension } from '../../../../../main/core/pki/san';
import { loadIssuer, selfIssuer, signCertificate } from '../../../../../main/core/pki/signer';
import type { CaSigner } from '../../../../../main/core/pki/signer';
import { tempDir } from '../../../../support/fs';
import { signerOf, x509Of } from '../../../../support/pki';
import { EC_P256_NEWKEY, ok, opensslVerifyClient, rejection, requireTool } from '../../../../support/tools';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
beforeAll(() => requireTool('openssl'));

/** The old names.ts buildName: an x509.Name from typed values, PrintableString where x509 says it can be. */
function x509Name(subject: SubjectInput): x509.Name {
  const fields: Array<[string, string | undefined]> = [
    ['C', subject.country?.trim().toUpperCase()],
    ['ST', subject.state],
    ['L', subject.locality],
    ['O', subject.organization],
    ['OU', subject.organizationalUnit],
    ['CN', subject.commonName?.trim()],
  ];
  const json: x509.JsonNameParams = [];
  for (const [key, value] of fields) {
    const v = value?.trim();
    if (!v) continue;
    json.push({ [key]: [x509.Name.isPrintableString(v) ? { printableString: v } : { utf8String: v }] });
  }
  return new x509.Name(json);
}

/** The old ca.ts caExtensions and issue.ts clientExtensions (with the old san.ts), as x509 objects. */
function x509CaExtensions(pathLength: number | undefined): x509.Extension[] {
  return [
    new x509.BasicConstraintsExtension(true, pathLength, true),
    new x509.KeyUsagesExtension(
      x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
      true,
    ),
  ];
}
function x509ClientExtensions(sans: string[]): x509.Extension[] {
  const names = sans.map((s) => {
    const [kind, ...rest] = s.split(':');
    return { type: kind === 'dns' ? 'dns' : 'url', value: rest.join(':') } as x509.JsonGeneralName;
  });
  return [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth], false),
    ...(names.length ? [new x509.SubjectAlternativeNameExtension(names, false)] : []),
  ];
}

/** What both signers are given. */
interface Case {
  serialNumber: string;
  issuerKeys: GeneratedKeyPair;
  issuerSubject: SubjectInput;
  /** Absent: the issuer has no SKI and the key identifier is derived from its key. */
  issuerKeyId?: Uint8Array;
  subject: SubjectInput;
  publicKeySpki: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  profile: { ca: true; pathLength?: number } | { ca: false; sans: string[] };
}

/** The TBSCertificate of a certificate (its first element). */
const tbsOf = (der: Uint8Array | ArrayBuffer): Buffer =>
  Buffer.from(sequence(readDer(new Uint8Array(der)), 'a certificate')[0]!.raw);

/** The old signer.ts signCertificate, given the case's fields. */
async function x509Tbs(c: Case): Promise<Buffer> {
  const { keyType, privateKeyPkcs8, publicKeySpki } = c.issuerKeys;
  const keyId =
    c.issuerKeyId ?? new Uint8Array(await new x509.PublicKey(bufferSource(publicKeySpki)).getKeyIdentifier());
  const ski = await x509.SubjectKeyIdentifierExtension.create(bufferSource(c.publicKeySpki));
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: c.serialNumber,
    subject: x509Name(c.subject),
    issuer: x509Name(c.issuerSubject),
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    publicKey: bufferSource(c.publicKeySpki),
    signingKey: await importSigningKey(privateKeyPkcs8, keyType),
    signingAlgorithm: signingAlgorithm(keyType),
    extensions: [
      ...(c.profile.ca ? x509CaExtensions(c.profile.pathLength) : x509ClientExtensions(c.profile.sans)),
      ski,
      new x509.AuthorityKeyIdentifierExtension(Buffer.from(keyId).toString('hex')),
    ],
  });
  return tbsOf(certificate.rawData);
}

/** The new signer, given the same fields. */
function writerCertificate(c: Case): Buffer {
  const { keyType, privateKeyPkcs8, publicKeySpki } = c.issuerKeys;
  return signCertificate({
    issuer: selfIssuer(buildName(c.issuerSubject), privateKeyPkcs8, keyType, publicKeySpki, c.issuerKeyId),
    subject: buildName(c.subject),
    publicKeySpki: c.publicKeySpki,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    extensions: c.profile.ca
      ? caExtensions(c.profile.pathLength)
      : clientExtensions(sanExtension(c.profile.sans)),
    serialNumber: c.serialNumber,
  });
}

/** True when `der`'s signature verifies with `issuerSpki`, in node:crypto. */
function signatureVerifies(der: Uint8Array, issuerSpki: Uint8Array, keyType: KeyType): boolean {
  const [tbs, , signature] = sequence(readDer(der), 'a certificate');
  const key: KeyObject = createPublicKey({ key: Buffer.from(issuerSpki), format: 'der', type: 'spki' });
  return verify(keyType === 'ec-p384' ? 'sha384' : 'sha256', tbs!.raw, key, signature!.content.subarray(1));
}

const SUBJECTS: Record<string, SubjectInput> = {
  'CN only': { commonName: 'Agent 7' },
  'every field, PrintableString': {
    commonName: 'Root CA (2024)',
    organization: 'Acme, Inc.',
    organizationalUnit: "O'Brien + Co.",
    country: 'nl',
    state: 'Noord-Holland',
    locality: 'Amsterdam',
  },
  'every field, UTF8String': {
    commonName: 'client-ü-名前',
    organization: 'Müller & Söhne',
    organizationalUnit: 'a*b@c',
    country: 'DE',
    state: 'Baden-Württemberg',
    locality: 'Zürich',
  },
  'spaces trimmed, empty fields left out': {
    commonName: '  padded  ',
    organization: '  ',
    locality: ' Utrecht ',
    state: '',
  },
};

const TIMES: Record<string, [Date, Date]> = {
  'UTCTime, milliseconds dropped': [
    new Date('2024-05-01T12:34:56.789Z'),
    new Date('2025-05-01T12:34:56.999Z'),
  ],
  'the last UTCTime year': [new Date('2049-01-01T00:00:00Z'), new Date('2049-12-31T23:59:59.500Z')],
  'GeneralizedTime from 2050': [new Date('2030-06-30T08:00:00Z'), new Date('2050-01-01T00:00:00Z')],
  'GeneralizedTime, the last second': [new Date('2024-01-01T00:00:00Z'), new Date('9999-12-31T23:59:59Z')],
};

describe('the TBSCertificate is byte for byte the one @peculiar/x509 wrote', () => {
  const keys = {} as Record<KeyType, GeneratedKeyPair>;
  const subjectKeys = {} as Record<KeyType, GeneratedKeyPair>;
  beforeAll(async () => {
    for (const keyType of KEY_TYPES) {
      keys[keyType] = await generateKeyPair(keyType);
      subjectKeys[keyType] = await generateKeyPair(keyType);
    }
  }, 60_000);

  const base = (keyType: KeyType, overrides: Partial<Case> = {}): Case => ({
    serialNumber: '5a1f0c3e9d2b47a8e6c1b0d9f8e7a6b5c4d3e2f1',
    issuerKeys: keys[keyType],
    issuerSubject: { commonName: `Issuer ${keyType}`, organization: 'Anchorage Test' },
    subject: { commonName: `Subject ${keyType}` },
    publicKeySpki: subjectKeys[keyType].publicKeySpki,
    notBefore: new Date('2024-05-01T12:00:00Z'),
    notAfter: new Date('2034-05-01T12:00:00Z'),
    profile: { ca: true },
    ...overrides,
  });

  async function expectSame(c: Case): Promise<Buffer> {
    const der = writerCertificate(c);
    expect(tbsOf(der).toString('hex')).toBe((await x509Tbs(c)).toString('hex'));
    expect(signatureVerifies(der, c.issuerKeys.publicKeySpki, c.issuerKeys.keyType)).toBe(true);
    return der;
  }

  it.each(KEY_TYPES)('%s: a root (self-signed), with each pathLen: absent, 0, 2', async (keyType) => {
    for (const pathLength of [undefined, 0, 2]) {
      const issuerSubject = { commonName: `Root ${keyType}`, country: 'NL' };
      await expectSame(
        base(keyType, {
          issuerSubject,
          subject: issuerSubject,
          publicKeySpki: keys[keyType].publicKeySpki,
          profile: { ca: true, ...(pathLength !== undefined ? { pathLength } : {}) },
        }),
      );
    }
  });

  it.each(KEY_TYPES)('%s: an intermediate and a client, with and without SANs', async (keyType) => {
    await expectSame(base(keyType, { profile: { ca: true, pathLength: 0 } }));
    await expectSame(base(keyType, { profile: { ca: false, sans: [] } }));
    await expectSame(
      base(keyType, {
        profile: {
          ca: false,
          sans: ['dns:agent7.example.com', 'dns:*.example.org', 'uri:spiffe://example.org/a7'],
        },
      }),
    );
  });

  it('an issuer of one key type signing a key of another (RSA over EC, EC P-384 over RSA)', async () => {
    await expectSame(base('rsa-2048', { publicKeySpki: subjectKeys['ec-p256'].publicKeySpki }));
    await expectSame(base('ec-p384', { publicKeySpki: subjectKeys['rsa-3072'].publicKeySpki }));
  });

  it.each(Object.entries(SUBJECTS))('the name: %s', async (_name, subject) => {
    expect(buildName(subject).toString('hex')).toBe(
      Buffer.from(x509Name(subject).toArrayBuffer()).toString('hex'),
    );
    await expectSame(base('ec-p256', { subject, issuerSubject: subject, profile: { ca: false, sans: [] } }));
  });

  it.each(Object.entries(TIMES))('the validity: %s', async (_name, [notBefore, notAfter]) => {
    await expectSame(base('ec-p256', { notBefore, notAfter }));
  });

  it('serials: 20 octets, a short one, and one whose top bit needs a 00 pad', async () => {
    for (const serialNumber of ['7fffffffffffffffffffffffffffffffffffffff', '01', '0abc', 'ff00']) {
      const der = await expectSame(base('ec-p256', { serialNumber }));
      expect(serialNumberValue(der)).toBe(BigInt(`0x${serialNumber}`));
    }
  });

  it('an issuer without an SKI: AKI is the key identifier x509 derived (RFC 5280 §4.2.1.2 method 1)', async () => {
    for (const keyType of KEY_TYPES) {
      const { publicKeySpki } = keys[keyType];
      const x509Id = await new x509.PublicKey(bufferSource(publicKeySpki)).getKeyIdentifier();
      expect(keyIdentifier(publicKeySpki).toString('hex')).toBe(Buffer.from(x509Id).toString('hex'));
      await expectSame(base(keyType, { profile: { ca: false, sans: [] } }));
    }
    // An issuer key id given as is (an imported CA's own SKI, whatever its length).
    await expectSame(base('ec-p256', { issuerKeyId: Buffer.from('0102030405', 'hex') }));
  });
});

describe('certificates from createRootCa, createIntermediateCa and issueClientCertificate', () => {
  /** The old signer's TBS for an issued certificate's own serial, dates and key, under `issuer`. */
  async function x509TbsOf(
    issued: IssuedCertificate,
    issuer: { keys: GeneratedKeyPair; subject: SubjectInput },
    subject: SubjectInput,
    profile: Case['profile'],
  ): Promise<Buffer> {
    const cert = x509Of(issued);
    return x509Tbs({
      serialNumber: cert.serialNumber,
      issuerKeys: issuer.keys,
      issuerSubject: issuer.subject,
      subject,
      publicKeySpki: certificatePublicKey(issued.certificateDer),
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
      profile,
    });
  }
  const keysOf = (issued: IssuedCertificate): GeneratedKeyPair => ({
    keyType: issued.keyType,
    privateKeyPkcs8: issued.privateKeyPkcs8,
    publicKeySpki: certificatePublicKey(issued.certificateDer),
  });

  it.each(KEY_TYPES)(
    '%s: the same TBS as the old signer, and openssl verifies the chain',
    async (keyType) => {
      const rootSubject = { commonName: `Root ${keyType}`, organization: 'Anchorage Test', country: 'nl' };
      const interSubject = { commonName: `Intermediate ${keyType}`, organizationalUnit: 'Platform' };
      const clientSubject = { commonName: `client-${keyType}-ü` };
      const sans = ['dns:agent.example.com', 'uri:spiffe://example.org/agent'];
      const root = await createRootCa({ subject: rootSubject, keyType, pathLength: 1 });
      const inter = await createIntermediateCa({
        issuer: signerOf(root),
        subject: interSubject,
        keyType,
        days: 1000,
      });
      const client = await issueClientCertificate({
        issuer: signerOf(inter),
        subject: clientSubject,
        keyType,
        days: 30,
        sans,
      });
      const rootIssuer = { keys: keysOf(root), subject: rootSubject };
      const interIssuer = { keys: keysOf(inter), subject: interSubject };
      expect(tbsOf(root.certificateDer)).toEqual(
        await x509TbsOf(root, rootIssuer, rootSubject, { ca: true, pathLength: 1 }),
      );
      expect(tbsOf(inter.certificateDer)).toEqual(
        await x509TbsOf(inter, rootIssuer, interSubject, { ca: true, pathLength: 0 }),
      );
      expect(tbsOf(client.certificateDer)).toEqual(
        await x509TbsOf(client, interIssuer, clientSubject, { ca: false, sans }),
      );
      // The PEM is the DER's, and the loaded issuer's key is the vault's key.
      expect(x509Of(client).toString('pem').trim()).toBe(client.certificatePem.trim());
      const loaded = await loadIssuer(signerOf(inter), new Date());
      expect(loaded.privateKey.equals(privateKeyObject(inter.privateKeyPkcs8))).toBe(true);

      const paths = [root, inter, client].map((c, i) => tmp.write(`${keyType}-${i}.pem`, c.certificatePem));
      expect(opensslVerifyClient(paths[0]!, paths[2]!, paths[1]!)).toContain(': OK');
    },
  );
});

describe('the issuer, read without x509 (signer.ts loadIssuer)', () => {
  /** A CA that openssl makes, as a signer: its PEM and its PKCS#8 key. */
  function opensslCa(name: string, keyArgs: string[], extensions: string[]): CaSigner {
    const key = join(tmp.dir, `${name}.key`);
    const cert = join(tmp.dir, `${name}.pem`);
    const addext = extensions.flatMap((e) => ['-addext', e]);
    ok('openssl', [
      'req',
      '-x509',
      ...keyArgs,
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-subj',
      `/O=Elsewhere/CN=${name}`,
      '-days',
      '30',
      ...addext,
    ]);
    const pkcs8 = createPrivateKey(readFileSync(key)).export({ type: 'pkcs8', format: 'der' });
    return { certificate: readFileSync(cert, 'utf8'), privateKeyPkcs8: new Uint8Array(pkcs8) };
  }
  const CA_EXTENSIONS = ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign'];

  it('takes a CA the DER reader leaves to x509 (certificatePolicies), without an SKI: AKI is its key id', async () => {
    const ca = opensslCa('Imported CA', EC_P256_NEWKEY, [
      ...CA_EXTENSIONS,
      'subjectKeyIdentifier=none',
      'authorityKeyIdentifier=none',
      'certificatePolicies=1.2.3.4',
    ]);
    const caDer = pemToDer(ca.certificate as string, 'CERTIFICATE');
    expect(derCertificateView(caDer)).toBeUndefined();
    expect(subjectKeyIdentifierOf(caDer)).toBeUndefined();
    const client = await issueClientCertificate({
      issuer: ca,
      subject: { commonName: 'from elsewhere' },
      keyType: 'ec-p256',
      days: 7,
    });
    const aki = x509Of(client).getExtension(x509.AuthorityKeyIdentifierExtension)!.keyId;
    const caKeyId = await new x509.PublicKey(bufferSource(certificatePublicKey(caDer))).getKeyIdentifier();
    expect(aki).toBe(Buffer.from(caKeyId).toString('hex'));
    // The issuer name is the CA's subject, byte for byte.
    expect(Buffer.from(certificateName(client.certificateDer, 'issuer'))).toEqual(
      Buffer.from(certificateName(caDer, 'subject')),
    );
    // Without -x509_strict, which refuses a CA without an SKI (OpenSSL 3: "Missing Subject Key Identifier").
    const caPath = tmp.write('imported-ca.pem', ca.certificate);
    const clientPath = tmp.write('imported-client.pem', client.certificatePem);
    expect(ok('openssl', ['verify', '-purpose', 'sslclient', '-CAfile', caPath, clientPath])).toContain(
      ': OK',
    );
  });

  it('refuses with the codes, words and facts of the x509 loader', async () => {
    const now = new Date();
    const ec = { keyType: 'ec-p256', days: 5 } as const;
    const root = await createRootCa({
      ...ec,
      days: 10,
      subject: { commonName: 'Checks Root', organization: 'A, B' },
    });
    const client = await issueClientCertificate({
      ...ec,
      issuer: signerOf(root),
      subject: { commonName: 'leaf' },
    });
    const other = await generateKeyPair('ec-p256');
    const refusal = (signer: CaSigner, at = now) => rejection(() => loadIssuer(signer, at));

    expect(await refusal(signerOf(client))).toMatchObject({
      code: 'NOT_A_CA',
      message: '"CN=leaf" is not a certificate authority (it lacks basicConstraints CA:TRUE or keyCertSign).',
      facts: { subject: 'CN=leaf' },
    });
    const noKeyCertSign = opensslCa('No keyCertSign', EC_P256_NEWKEY, [
      'basicConstraints=critical,CA:TRUE',
      'keyUsage=critical,cRLSign',
    ]);
    expect((await refusal(noKeyCertSign)).code).toBe('NOT_A_CA');
    const notAfter = x509Of(root).notAfter;
    expect(await refusal(signerOf(root), new Date(notAfter.getTime() + 1000))).toMatchObject({
      code: 'CERT_EXPIRED',
      message: `The CA "CN=Checks Root, O=A\\, B" expired on ${notAfter.toISOString()}.`,
    });
    const notBefore = x509Of(root).notBefore;
    expect(await refusal(signerOf(root), new Date(notBefore.getTime() - 1000))).toMatchObject({
      code: 'CERT_NOT_YET_VALID',
      message: `The CA "CN=Checks Root, O=A\\, B" is not valid until ${notBefore.toISOString()}.`,
    });
    expect(
      await refusal({ certificate: root.certificatePem, privateKeyPkcs8: other.privateKeyPkcs8 }),
    ).toMatchObject({
      code: 'KEY_MISMATCH',
      message: 'The private key does not belong to the certificate "CN=Checks Root, O=A\\, B".',
    });
    const p521 = opensslCa(
      'P-521 CA',
      ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-521'],
      CA_EXTENSIONS,
    );
    expect(await refusal(p521)).toMatchObject({
      code: 'UNSUPPORTED_KEY',
      message: 'IAM Roles Anywhere does not accept an EC secp521r1 key.',
    });
    expect(
      (await refusal({ certificate: 'not a certificate', privateKeyPkcs8: other.privateKeyPkcs8 })).code,
    ).toBe('MALFORMED_PEM');
    // The DER given as bytes, and PEM given as bytes, read alike.
    for (const certificate of [root.certificateDer, new TextEncoder().encode(root.certificatePem)]) {
      const loaded = await loadIssuer({ certificate, privateKeyPkcs8: root.privateKeyPkcs8 }, now);
      expect(loaded).toMatchObject({
        subject: 'CN=Checks Root, O=A\\, B',
        keyType: 'ec-p256',
        pathLength: undefined,
        keyUsage: 97,
      });
    }
  });
});
