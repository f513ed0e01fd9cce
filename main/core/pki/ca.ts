/** Root and intermediate certificate authorities that meet the Roles Anywhere trust-anchor rules (ARCHITECTURE §1). */
import { INTERMEDIATE_CA_DEFAULT_DAYS, ROOT_CA_DEFAULT_DAYS } from '../../../shared/domain/limits';
import { AnchorageError } from '../../../shared/errors';
import { DEFAULT_KEY_TYPE } from '../../../shared/domain/key-types';
import type { KeyType } from '../../../shared/domain/key-types';
import { generateKeyPair, importSigningKey } from './keys';
import { buildName } from './names';
import type { SubjectInput } from '../api';
import { bufferSource, certificateToPem } from './pem';
import { x509 } from './provider';
import { loadIssuer, signCertificate } from './signer';
import type { CaSigner } from './signer';
import { checkWithinIssuer, validityWindow } from './validity';
import { rfc4514 } from './dn';

/** A new certificate with its new private key. */
export interface IssuedCertificate {
  certificate: x509.X509Certificate;
  certificatePem: string;
  /** PKCS#8 DER, for the vault. */
  privateKeyPkcs8: Uint8Array;
  keyType: KeyType;
}

/** Options for a root CA. */
export interface CreateRootCaOptions {
  subject: SubjectInput;
  keyType?: KeyType;
  /** Validity in whole days, default 3650. */
  days?: number;
  /** Optional pathLen constraint; absent means unlimited. */
  pathLength?: number;
  now?: Date;
}

/** Options for an intermediate CA. */
export interface CreateIntermediateCaOptions extends Omit<CreateRootCaOptions, 'pathLength'> {
  issuer: CaSigner;
  /** pathLen of the new CA, default 0 (it may issue only end-entity certificates). */
  pathLength?: number;
}

/**
 * The trust-anchor extensions: basicConstraints critical CA:TRUE and keyUsage critical keyCertSign, cRLSign,
 * digitalSignature (Roles Anywhere trust-anchor requirements; SKI/AKI are added by the signer).
 */
function caExtensions(pathLength: number | undefined): x509.Extension[] {
  return [
    new x509.BasicConstraintsExtension(true, pathLength, true),
    new x509.KeyUsagesExtension(
      x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
      true,
    ),
  ];
}

function checkPathLength(pathLength: number | undefined): void {
  if (pathLength !== undefined && (!Number.isInteger(pathLength) || pathLength < 0)) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `The path length must be a whole number ≥ 0 (got ${pathLength}).`,
      'Use 0 for a CA that issues only client certificates.',
    );
  }
}

/**
 * Create a self-signed root CA (X.509v3, SHA-256+, random serial, SKI, and AKI equal to its own SKI).
 * @throws AnchorageError INVALID_DAYS, INVALID_INPUT.
 */
export async function createRootCa(options: CreateRootCaOptions): Promise<IssuedCertificate> {
  const now = options.now ?? new Date();
  const days = options.days ?? ROOT_CA_DEFAULT_DAYS;
  const { notBefore, notAfter } = validityWindow(days, now);
  checkPathLength(options.pathLength);
  const subject = buildName(options.subject);
  const keyType = options.keyType ?? DEFAULT_KEY_TYPE;
  const keys = await generateKeyPair(keyType);
  const ski = await x509.SubjectKeyIdentifierExtension.create(bufferSource(keys.publicKeySpki));
  // Self-signed: the issuer is the subject itself, so AKI = its own SKI.
  const selfIssuer = {
    name: subject,
    signingKey: await importSigningKey(keys.privateKeyPkcs8, keyType),
    keyType,
    keyId: ski.keyId,
  };
  const certificate = await signCertificate({
    issuer: selfIssuer,
    subject,
    publicKeySpki: keys.publicKeySpki,
    notBefore,
    notAfter,
    extensions: caExtensions(options.pathLength),
  });
  return {
    certificate,
    certificatePem: certificateToPem(certificate),
    privateKeyPkcs8: keys.privateKeyPkcs8,
    keyType,
  };
}

/**
 * Create an intermediate CA signed by `issuer`, with AKI = the issuer's SKI.
 * @throws AnchorageError INVALID_DAYS, NOT_A_CA (also when the issuer's pathLen forbids another CA level),
 *   VALIDITY_EXCEEDS_ISSUER, CERT_EXPIRED, KEY_MISMATCH.
 */
export async function createIntermediateCa(options: CreateIntermediateCaOptions): Promise<IssuedCertificate> {
  const now = options.now ?? new Date();
  const days = options.days ?? INTERMEDIATE_CA_DEFAULT_DAYS;
  const { notBefore, notAfter } = validityWindow(days, now);
  const pathLength = options.pathLength ?? 0;
  checkPathLength(pathLength);
  const subject = buildName(options.subject);
  const issuer = await loadIssuer(options.issuer, now);
  if (issuer.pathLength !== undefined && pathLength >= issuer.pathLength) {
    throw new AnchorageError(
      'NOT_A_CA',
      `"${rfc4514(issuer.certificate.subjectName)}" has pathLen ${issuer.pathLength}, which does not allow an intermediate ` +
        `CA with pathLen ${pathLength} below it.`,
      issuer.pathLength === 0
        ? 'Issue client certificates directly from this CA.'
        : `Use a pathLen below ${issuer.pathLength}.`,
    );
  }
  checkWithinIssuer(notAfter, issuer.certificate, days, now);
  const keyType = options.keyType ?? DEFAULT_KEY_TYPE;
  const keys = await generateKeyPair(keyType);
  const certificate = await signCertificate({
    issuer,
    subject,
    publicKeySpki: keys.publicKeySpki,
    notBefore,
    notAfter,
    extensions: caExtensions(pathLength),
  });
  return {
    certificate,
    certificatePem: certificateToPem(certificate),
    privateKeyPkcs8: keys.privateKeyPkcs8,
    keyType,
  };
}
