/** Client (end-entity) certificates that meet the Roles Anywhere end-entity rules (ARCHITECTURE §1). */
import { issuedCertificate, subjectName } from './ca';
import type { IssuedCertificate } from './ca';
import { DEFAULT_KEY_TYPE } from '../../../shared/domain/key-types';
import { CLIENT_CERT_DEFAULT_DAYS } from '../../../shared/domain/limits';
import type { KeyType } from '../../../shared/domain/key-types';
import { clientExtensions } from './certificate-extensions';
import { certificateBytes, viewOfDer } from './certificate-reader';
import { certificateExtensions, certificateName } from './der-info';
import { generateKeyPair } from './key-generation';
import { keyTypeOfKey, keyTypeOfSpki } from './key-summary';
import type { SubjectInput } from '../api';
import { sanExtension } from './san';
import { loadIssuer, signCertificate } from './signer';
import type { CaSigner } from './signer';
import { checkWithinIssuer, validityDays, validityWindow } from './validity';

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
  /** The subject Name's DER. */
  subject: Uint8Array;
  publicKeySpki: Uint8Array;
  days?: number;
  sans?: readonly string[];
  /** A ready SAN extension's DER (a renewal copies its predecessor's), instead of `sans`. */
  sanExtension?: Uint8Array;
  now?: Date;
}

/**
 * Sign `publicKeySpki` as a client certificate under `issuer`; the certificate's DER.
 * @throws AnchorageError INVALID_DAYS, INVALID_INPUT, NOT_A_CA, CERT_EXPIRED, CERT_NOT_YET_VALID, KEY_MISMATCH,
 *   UNSUPPORTED_KEY, VALIDITY_EXCEEDS_ISSUER.
 */
export async function signEndEntity(options: SignEndEntityOptions): Promise<Buffer> {
  const now = options.now ?? new Date();
  const days = options.days ?? CLIENT_CERT_DEFAULT_DAYS;
  const { notBefore, notAfter } = validityWindow(days, now);
  const extensions = clientExtensions(
    options.sanExtension ? [options.sanExtension] : sanExtension(options.sans),
  );
  keyTypeOfSpki(options.publicKeySpki);
  const issuer = await loadIssuer(options.issuer, now);
  checkWithinIssuer(notAfter, issuer, days, now);
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
  checkWithinIssuer(notAfter, issuer, days, now);
  const keys = await generateKeyPair(keyType);
  const certificateDer = await signEndEntity({
    issuer: options.issuer,
    subject,
    publicKeySpki: keys.publicKeySpki,
    days,
    sans: options.sans,
    now,
  });
  return issuedCertificate(certificateDer, keys.privateKeyPkcs8, keyType);
}

/** Options for renewing a client certificate. */
export interface RenewClientOptions {
  issuer: CaSigner;
  /** The certificate being renewed (PEM text, or DER or PEM bytes): its subject, SANs and key type carry over. */
  previous: string | Uint8Array;
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
  const der = certificateBytes(options.previous);
  const previous = await viewOfDer(der);
  const days = options.days ?? validityDays(previous);
  const keyType = keyTypeOfKey(previous.publicKey);
  const { notAfter } = validityWindow(days, now);
  const issuer = await loadIssuer(options.issuer, now);
  checkWithinIssuer(notAfter, issuer, days, now);
  const keys = await generateKeyPair(keyType);
  const san = certificateExtensions(der).find((e) => e.oid === '2.5.29.17');
  const certificateDer = await signEndEntity({
    issuer: options.issuer,
    subject: certificateName(der, 'subject'),
    publicKeySpki: keys.publicKeySpki,
    days,
    ...(san ? { sanExtension: san.der } : {}),
    now,
  });
  return issuedCertificate(certificateDer, keys.privateKeyPkcs8, keyType);
}
