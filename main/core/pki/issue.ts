/** Client (end-entity) certificates that meet the Roles Anywhere end-entity rules (ARCHITECTURE §1). */
import { subjectName, validityDays } from './ca';
import type { IssuedCertificate } from './ca';
import { DEFAULT_KEY_TYPE } from '../../../shared/domain/key-types';
import { CLIENT_CERT_DEFAULT_DAYS } from '../../../shared/domain/limits';
import type { KeyType } from '../../../shared/domain/key-types';
import { generateKeyPair, keyTypeOf } from './keys';
import type { SubjectInput } from '../api';
import { certificateToPem } from './pem';
import { x509 } from './provider';
import { sanExtension } from './san';
import { loadIssuer, signCertificate } from './signer';
import type { CaSigner } from './signer';
import { checkWithinIssuer, validityWindow } from './validity';

/** Options for a client certificate with a new key. */
export interface IssueClientOptions {
  issuer: CaSigner;
  subject: SubjectInput;
  keyType?: KeyType;
  /** Validity in whole days, default 365; never past the issuer's notAfter. */
  days?: number;
  /** `dns:HOST` / `uri:URI` entries. */
  sans?: readonly string[];
  now?: Date;
}

/** Options for signing an existing public key (a CSR's) as a client certificate. */
export interface SignEndEntityOptions {
  issuer: CaSigner;
  subject: x509.Name;
  publicKeySpki: Uint8Array;
  days?: number;
  sans?: readonly string[];
  /** A ready SAN extension (a renewal copies its predecessor's), instead of `sans`. */
  sanExtension?: x509.Extension;
  now?: Date;
}

/**
 * The end-entity extensions: basicConstraints critical CA:FALSE, keyUsage critical digitalSignature,
 * extendedKeyUsage clientAuth (SKI/AKI are added by the signer).
 */
function clientExtensions(sans: readonly string[] | undefined, ready?: x509.Extension): x509.Extension[] {
  return [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth], false),
    ...(ready ? [ready] : sanExtension(sans)),
  ];
}

/**
 * Sign `publicKeySpki` as a client certificate under `issuer`.
 * @throws AnchorageError INVALID_DAYS, INVALID_INPUT, NOT_A_CA, CERT_EXPIRED, CERT_NOT_YET_VALID, KEY_MISMATCH,
 *   UNSUPPORTED_KEY, VALIDITY_EXCEEDS_ISSUER.
 */
export async function signEndEntity(options: SignEndEntityOptions): Promise<x509.X509Certificate> {
  const now = options.now ?? new Date();
  const days = options.days ?? CLIENT_CERT_DEFAULT_DAYS;
  const { notBefore, notAfter } = validityWindow(days, now);
  const extensions = clientExtensions(options.sans, options.sanExtension);
  keyTypeOf(options.publicKeySpki);
  const issuer = await loadIssuer(options.issuer, now);
  checkWithinIssuer(notAfter, issuer.certificate, days, now);
  return signCertificate({
    issuer,
    subject: options.subject,
    publicKeySpki: options.publicKeySpki,
    notBefore,
    notAfter,
    extensions,
  });
}

/**
 * Generate a key pair and issue a client certificate for it.
 * @throws AnchorageError as {@link signEndEntity}.
 */
export async function issueClientCertificate(options: IssueClientOptions): Promise<IssuedCertificate> {
  const subject = subjectName(options.subject);
  const keyType = options.keyType ?? DEFAULT_KEY_TYPE;
  // Check everything that does not need the key first, so a bad --days fails before a slow RSA-4096 keygen.
  const now = options.now ?? new Date();
  const days = options.days ?? CLIENT_CERT_DEFAULT_DAYS;
  const { notAfter } = validityWindow(days, now);
  sanExtension(options.sans);
  const issuer = await loadIssuer(options.issuer, now);
  checkWithinIssuer(notAfter, issuer.certificate, days, now);
  const keys = await generateKeyPair(keyType);
  const certificate = await signEndEntity({
    issuer: options.issuer,
    subject,
    publicKeySpki: keys.publicKeySpki,
    days,
    sans: options.sans,
    now,
  });
  return issuedWith(certificate, keys.privateKeyPkcs8, keyType);
}

/** Options for renewing a client certificate. */
export interface RenewClientOptions {
  issuer: CaSigner;
  /** The certificate being renewed: its subject, SANs and key type carry over. */
  previous: x509.X509Certificate;
  /** Validity in whole days; default: as long as the previous certificate's. */
  days?: number;
  now?: Date;
}

/**
 * A successor for a client certificate: a new key of the same type and a new serial, with the same subject
 * (the very same encoded name) and SAN extension, from `issuer`.
 * @throws AnchorageError as {@link signEndEntity}.
 */
export async function renewClientCertificate(options: RenewClientOptions): Promise<IssuedCertificate> {
  const now = options.now ?? new Date();
  const days = options.days ?? validityDays(options.previous);
  const keyType = keyTypeOf(options.previous);
  const { notAfter } = validityWindow(days, now);
  const issuer = await loadIssuer(options.issuer, now);
  checkWithinIssuer(notAfter, issuer.certificate, days, now);
  const keys = await generateKeyPair(keyType);
  const san = options.previous.getExtension(x509.SubjectAlternativeNameExtension);
  const certificate = await signEndEntity({
    issuer: options.issuer,
    subject: options.previous.subjectName,
    publicKeySpki: keys.publicKeySpki,
    days,
    ...(san ? { sanExtension: san } : {}),
    now,
  });
  return issuedWith(certificate, keys.privateKeyPkcs8, keyType);
}

/** What issuing returns: the certificate, as object and PEM, with the key it was made for. */
function issuedWith(
  certificate: x509.X509Certificate,
  privateKeyPkcs8: Uint8Array,
  keyType: KeyType,
): IssuedCertificate {
  return { certificate, certificatePem: certificateToPem(certificate), privateKeyPkcs8, keyType };
}
