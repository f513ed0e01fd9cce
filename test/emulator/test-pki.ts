/**
 * Test-only PKI for exercising the emulator: CAs, client certificates and CRLs made with WebCrypto keys
 * (node:crypto) and @peculiar/x509, independent of the product's own PKI code in main/.
 */
import { KeyObject, webcrypto } from 'node:crypto';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type KeyKind = 'rsa' | 'p256' | 'p384';

export interface TestCa {
  name: string;
  cert: x509.X509Certificate;
  pem: string;
  keys: CryptoKeyPair;
  kind: KeyKind;
}

export interface TestLeaf {
  pem: string;
  /** base64 DER, as X-Amz-X509 carries it. */
  derBase64: string;
  /** Decimal serial, as the Credential carries it. */
  serialDecimal: string;
  privateKey: KeyObject;
  kind: KeyKind;
}

const DAY = 86_400_000;

function keyAlgorithm(kind: KeyKind): RsaHashedKeyGenParams | EcKeyGenParams {
  if (kind === 'rsa') {
    return {
      name: 'RSASSA-PKCS1-v1_5',
      hash: 'SHA-256',
      publicExponent: new Uint8Array([1, 0, 1]),
      modulusLength: 2048,
    };
  }
  return { name: 'ECDSA', namedCurve: kind === 'p256' ? 'P-256' : 'P-384' };
}

function signingAlgorithm(kind: KeyKind, hash = 'SHA-256'): Algorithm | EcdsaParams {
  return kind === 'rsa' ? { name: 'RSASSA-PKCS1-v1_5', hash } : ({ name: 'ECDSA', hash } as EcdsaParams);
}

async function generateKeys(kind: KeyKind): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(keyAlgorithm(kind), true, ['sign', 'verify'])) as CryptoKeyPair;
}

/** A random positive serial of 16 bytes in hex (high bit clear, never zero). */
function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return Buffer.from(bytes).toString('hex');
}

/** A CA certificate, self-signed (root) or issued by `issuer` (intermediate). */
export async function createCa(
  name: string,
  opts: { kind?: KeyKind; issuer?: TestCa; notBefore?: Date; notAfter?: Date } = {},
): Promise<TestCa> {
  const kind = opts.kind ?? 'rsa';
  const keys = await generateKeys(kind);
  const issuer = opts.issuer;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${name}`,
    issuer: issuer ? issuer.cert.subject : `CN=${name}`,
    notBefore: opts.notBefore ?? new Date(Date.now() - DAY),
    notAfter: opts.notAfter ?? new Date(Date.now() + 365 * DAY),
    signingAlgorithm: signingAlgorithm(issuer?.kind ?? kind),
    publicKey: keys.publicKey,
    signingKey: issuer ? issuer.keys.privateKey : keys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(issuer ? issuer.keys.publicKey : keys.publicKey),
    ],
  });
  return { name, cert, pem: cert.toString('pem'), keys, kind };
}

/** The CA's key, re-imported for another hash when asked: a WebCrypto RSA key is bound to one hash. */
async function signingKeyFor(ca: TestCa, hash: string | undefined): Promise<CryptoKey> {
  if (!hash || ca.kind !== 'rsa') return ca.keys.privateKey;
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', ca.keys.privateKey);
  return (await webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash }, false, [
    'sign',
  ])) as CryptoKey;
}

/** A client (end-entity) certificate issued by `ca`. The options break one rule at a time for negative tests. */
export async function issueLeaf(
  ca: TestCa,
  opts: {
    cn?: string;
    kind?: KeyKind;
    notBefore?: Date;
    notAfter?: Date;
    isCa?: boolean;
    keyUsage?: number;
    hash?: string;
  } = {},
): Promise<TestLeaf> {
  const kind = opts.kind ?? 'rsa';
  const keys = await generateKeys(kind);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${opts.cn ?? 'test-client'}`,
    issuer: ca.cert.subject,
    notBefore: opts.notBefore ?? new Date(Date.now() - DAY),
    notAfter: opts.notAfter ?? new Date(Date.now() + 30 * DAY),
    signingAlgorithm: signingAlgorithm(ca.kind, opts.hash),
    publicKey: keys.publicKey,
    signingKey: await signingKeyFor(ca, opts.hash),
    extensions: [
      new x509.BasicConstraintsExtension(opts.isCa ?? false, undefined, true),
      new x509.KeyUsagesExtension(opts.keyUsage ?? x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey),
    ],
  });
  return {
    pem: cert.toString('pem'),
    derBase64: Buffer.from(cert.rawData).toString('base64'),
    serialDecimal: BigInt(`0x${cert.serialNumber}`).toString(10),
    privateKey: KeyObject.from(keys.privateKey as unknown as webcrypto.CryptoKey),
    kind,
  };
}

/** A CRL signed by `ca` listing the given leaves. */
export async function createCrl(ca: TestCa, revoked: TestLeaf[]): Promise<string> {
  const crl = await x509.X509CrlGenerator.create({
    issuer: ca.cert.subject,
    thisUpdate: new Date(Date.now() - DAY),
    nextUpdate: new Date(Date.now() + 7 * DAY),
    signingAlgorithm: signingAlgorithm(ca.kind),
    signingKey: ca.keys.privateKey,
    entries: revoked.map((leaf) => ({
      serialNumber: new x509.X509Certificate(leaf.pem).serialNumber,
      revocationDate: new Date(Date.now() - 3_600_000),
      reason: x509.X509CrlReason.keyCompromise,
    })),
  });
  return crl.toString('pem');
}
