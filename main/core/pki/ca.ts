/** Root and intermediate certificate authorities that meet the Roles Anywhere trust-anchor rules (ARCHITECTURE §1). */
import {
  DAY_MS,
  INTERMEDIATE_CA_DEFAULT_DAYS,
  ROOT_CA_DEFAULT_DAYS,
  commonNameProblem,
} from '../../../shared/domain/limits';
import { AnchorageError } from '../../../shared/errors';
import { DEFAULT_KEY_TYPE } from '../../../shared/domain/key-types';
import type { KeyType } from '../../../shared/domain/key-types';
import { assertKeyMatches, generateKeyPair, importSigningKey, keyTypeOf } from './keys';
import { buildName } from './names';
import type { SubjectInput } from '../api';
import { bufferSource, certificateToPem, toCertificate } from './pem';
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

/**
 * A subject Anchorage can write: CN within X.509's ub-common-name (64), then the name itself.
 * @throws AnchorageError INVALID_INPUT (facts field `cn`, reason `too-long` | `required`).
 */
export function subjectName(subject: SubjectInput): x509.Name {
  const problem = commonNameProblem(subject.commonName?.trim() ?? '');
  if (problem) {
    throw new AnchorageError('INVALID_INPUT', problem.message, 'Choose a shorter common name.', {
      facts: problem.facts,
    });
  }
  return buildName(subject);
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
  const subject = subjectName(options.subject);
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
  const subject = subjectName(options.subject);
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

/** Options for renewing a CA certificate. */
export interface RenewCaOptions {
  /** The CA as it is: its certificate and private key. */
  current: CaSigner;
  /** The parent of an intermediate; absent for a self-signed root. */
  parent?: CaSigner;
  /** Validity in whole days; default: as long as the current certificate's. */
  days?: number;
  now?: Date;
}

/** A renewed CA certificate: the same key, so no new private key. */
export interface RenewedCa {
  certificate: x509.X509Certificate;
  certificatePem: string;
}

/** The whole days a certificate is valid for (notBefore → notAfter), the default length of a renewal. */
export function validityDays(cert: x509.X509Certificate): number {
  return Math.max(1, Math.round((cert.notAfter.getTime() - cert.notBefore.getTime()) / DAY_MS));
}

/**
 * A new certificate for an existing CA key: same subject, same key, same SKI and pathLen, a new serial and
 * validity. Certificates the CA issued name it by subject and AKI (= this SKI) and are signed by this key, so
 * they validate against the old and the new CA certificate alike (RFC 5280 §4.2.1.1, §6.1). A root may be
 * renewed after it expired; an intermediate needs a parent that can issue now.
 * @throws AnchorageError INVALID_DAYS, KEY_MISMATCH, NOT_A_CA, VALIDITY_EXCEEDS_ISSUER, CERT_EXPIRED (parent),
 *   INVALID_INPUT (reason `ski-changes`: an imported CA whose SKI was not derived as Anchorage derives it).
 */
export async function renewCa(options: RenewCaOptions): Promise<RenewedCa> {
  const now = options.now ?? new Date();
  const old = toCertificate(options.current.certificate);
  const days = options.days ?? validityDays(old);
  const { notBefore, notAfter } = validityWindow(days, now);
  assertKeyMatches(options.current.privateKeyPkcs8, old);
  const bc = old.getExtension(x509.BasicConstraintsExtension);
  const oldSki = old.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
  const spki = new Uint8Array(old.publicKey.rawData);
  const keyType = keyTypeOf(old);
  let issuer;
  if (options.parent) {
    issuer = await loadIssuer(options.parent, now);
    checkWithinIssuer(notAfter, issuer.certificate, days, now);
  } else {
    issuer = {
      name: old.subjectName,
      signingKey: await importSigningKey(options.current.privateKeyPkcs8, keyType),
      keyType,
      keyId: oldSki ?? Buffer.from(await old.publicKey.getKeyIdentifier()).toString('hex'),
    };
  }
  const certificate = await signCertificate({
    issuer,
    subject: old.subjectName,
    publicKeySpki: spki,
    notBefore,
    notAfter,
    extensions: caExtensions(bc?.pathLength),
  });
  const newSki = certificate.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
  if (oldSki !== undefined && newSki !== oldSki) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `The CA "${rfc4514(old.subjectName)}" has a subject key identifier that Anchorage does not derive the same way, ` +
        'so a renewed certificate would not match the certificates it issued.',
      'Renew this CA with the tool that created it, or create a new CA.',
      { facts: { reason: 'ski-changes', subject: rfc4514(old.subjectName) } },
    );
  }
  return { certificate, certificatePem: certificateToPem(certificate) };
}
