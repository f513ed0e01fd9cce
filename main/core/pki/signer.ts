/**
 * The issuing side shared by CA creation, client issuance and CSR signing: load and check the issuer, then sign
 * a TBSCertificate with its key. One place, so every certificate gets the same checks and the same algorithms.
 */
import { AnchorageError } from '../../../shared/errors';
import { assertKeyMatches, importSigningKey, keyTypeOf, signingAlgorithm } from './keys';
import type { KeyType } from '../../../shared/domain/key-types';
import { bufferSource, toCertificate } from './pem';
import type { CertificateInput } from './pem';
import { x509 } from './provider';
import { randomSerialHex } from './serial';
import { rfc4514 } from './dn';

/** A CA able to sign: its certificate and its PKCS#8 private key (as the vault returns it). */
export interface CaSigner {
  certificate: CertificateInput;
  privateKeyPkcs8: Uint8Array;
}

/** What signing needs to know about the issuer. */
interface IssuerKey {
  /** The issuer's subject, which becomes the child's issuer name. */
  name: x509.Name;
  signingKey: CryptoKey;
  keyType: KeyType;
  /** Hex key identifier for the child's AKI (the issuer's SKI, RFC 5280 §4.2.1.1). */
  keyId: string;
}

/** A checked issuer certificate, ready to sign. */
export interface LoadedIssuer extends IssuerKey {
  certificate: x509.X509Certificate;
  /** The issuer's pathLen constraint, if any. */
  pathLength: number | undefined;
}

/**
 * Check that `signer` can issue now: a CA certificate (basicConstraints CA:TRUE, keyCertSign when keyUsage is
 * present), currently valid, whose key matches; then import its key.
 * @throws AnchorageError NOT_A_CA, CERT_EXPIRED, CERT_NOT_YET_VALID, KEY_MISMATCH or UNSUPPORTED_KEY.
 */
export async function loadIssuer(signer: CaSigner, now: Date): Promise<LoadedIssuer> {
  const certificate = toCertificate(signer.certificate);
  const bc = certificate.getExtension(x509.BasicConstraintsExtension);
  const ku = certificate.getExtension(x509.KeyUsagesExtension);
  if (!bc?.ca || (ku && !(ku.usages & x509.KeyUsageFlags.keyCertSign))) {
    throw new AnchorageError(
      'NOT_A_CA',
      `"${rfc4514(certificate.subjectName)}" is not a certificate authority (it lacks basicConstraints CA:TRUE or keyCertSign).`,
      'Issue from a CA created in Anchorage or an imported CA certificate.',
      { facts: { subject: certificate.subject } },
    );
  }
  if (certificate.notAfter.getTime() < now.getTime()) {
    throw new AnchorageError(
      'CERT_EXPIRED',
      `The CA "${rfc4514(certificate.subjectName)}" expired on ${certificate.notAfter.toISOString()}.`,
      'Create or import a new CA, and register it as the trust anchor.',
    );
  }
  if (certificate.notBefore.getTime() > now.getTime()) {
    throw new AnchorageError(
      'CERT_NOT_YET_VALID',
      `The CA "${rfc4514(certificate.subjectName)}" is not valid until ${certificate.notBefore.toISOString()}.`,
      "Wait until then, or check this computer's clock.",
    );
  }
  const keyType = keyTypeOf(certificate);
  assertKeyMatches(signer.privateKeyPkcs8, certificate);
  const ski = certificate.getExtension(x509.SubjectKeyIdentifierExtension);
  const keyId = ski ? ski.keyId : Buffer.from(await certificate.publicKey.getKeyIdentifier()).toString('hex');
  return {
    certificate,
    name: certificate.subjectName,
    signingKey: await importSigningKey(signer.privateKeyPkcs8, keyType),
    keyType,
    keyId,
    pathLength: bc.pathLength,
  };
}

/** What to sign. */
export interface SignParams {
  /** The issuer; for a self-signed root, its own name, key and key id. */
  issuer: IssuerKey;
  subject: x509.Name;
  publicKeySpki: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  /** Extensions other than SKI and AKI, which are always added. */
  extensions: x509.Extension[];
}

/** Sign a certificate with a random ≤159-bit serial, SKI and AKI (keyid form) added. */
export async function signCertificate(params: SignParams): Promise<x509.X509Certificate> {
  const { issuer } = params;
  const ski = await x509.SubjectKeyIdentifierExtension.create(bufferSource(params.publicKeySpki));
  return x509.X509CertificateGenerator.create({
    serialNumber: randomSerialHex(),
    subject: params.subject,
    issuer: issuer.name,
    notBefore: params.notBefore,
    notAfter: params.notAfter,
    publicKey: bufferSource(params.publicKeySpki),
    signingKey: issuer.signingKey,
    signingAlgorithm: signingAlgorithm(issuer.keyType),
    extensions: [...params.extensions, ski, new x509.AuthorityKeyIdentifierExtension(issuer.keyId)],
  });
}
