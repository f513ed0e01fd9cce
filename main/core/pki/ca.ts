/** Root and intermediate certificate authorities that meet the Roles Anywhere trust-anchor rules (ARCHITECTURE §1). */
import {
  INTERMEDIATE_CA_DEFAULT_DAYS,
  ROOT_CA_DEFAULT_DAYS,
  commonNameProblem,
} from '../../../shared/domain/limits';
import { AnchorageError } from '../../../shared/errors';
import { DEFAULT_KEY_TYPE } from '../../../shared/domain/key-types';
import type { KeyType } from '../../../shared/domain/key-types';
import { caExtensions, keyIdentifier } from './certificate-extensions';
import { certificateBytes, viewOfDer } from './certificate-reader';
import { certificateName, certificatePublicKey, subjectKeyIdentifierOf } from './der-info';
import { generateKeyPair } from './key-generation';
import { keyMismatch, keyPairMatches, keyTypeOfKey } from './key-summary';
import { buildName } from './names';
import type { SubjectInput } from '../api';
import { derToPem } from './pem-blocks';
import { loadIssuer, selfIssuer, signCertificate } from './signer';
import type { CaSigner, IssuerKey } from './signer';
import { checkWithinIssuer, validityDays, validityWindow } from './validity';

/** A new certificate with its new private key. */
export interface IssuedCertificate {
  certificateDer: Uint8Array;
  certificatePem: string;
  /** PKCS#8 DER, for the vault. */
  privateKeyPkcs8: Uint8Array;
  keyType: KeyType;
}

/** A new certificate's DER, its PEM, and the key it was made for. */
export function issuedCertificate(
  certificateDer: Uint8Array,
  privateKeyPkcs8: Uint8Array,
  keyType: KeyType,
): IssuedCertificate {
  return {
    certificateDer,
    certificatePem: derToPem(certificateDer, 'CERTIFICATE'),
    privateKeyPkcs8,
    keyType,
  };
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
 * A subject Anchorage can write: CN within X.509's ub-common-name (64), then the name itself.
 * @throws AnchorageError INVALID_INPUT (facts field `cn`, reason `too-long` | `required`).
 */
export function subjectName(subject: SubjectInput): Buffer {
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
  // Self-signed: the issuer is the subject itself, so AKI = its own SKI.
  const certificateDer = signCertificate({
    issuer: selfIssuer(subject, keys.privateKeyPkcs8, keyType, keys.publicKeySpki),
    subject,
    publicKeySpki: keys.publicKeySpki,
    notBefore,
    notAfter,
    extensions: caExtensions(options.pathLength),
  });
  return issuedCertificate(certificateDer, keys.privateKeyPkcs8, keyType);
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
      `"${issuer.subject}" has pathLen ${issuer.pathLength}, which does not allow an intermediate ` +
        `CA with pathLen ${pathLength} below it.`,
      issuer.pathLength === 0
        ? 'Issue client certificates directly from this CA.'
        : `Use a pathLen below ${issuer.pathLength}.`,
    );
  }
  checkWithinIssuer(notAfter, issuer, days, now);
  const keyType = options.keyType ?? DEFAULT_KEY_TYPE;
  const keys = await generateKeyPair(keyType);
  const certificateDer = signCertificate({
    issuer,
    subject,
    publicKeySpki: keys.publicKeySpki,
    notBefore,
    notAfter,
    extensions: caExtensions(pathLength),
  });
  return issuedCertificate(certificateDer, keys.privateKeyPkcs8, keyType);
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
  certificateDer: Uint8Array;
  certificatePem: string;
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
  const der = certificateBytes(options.current.certificate);
  const old = await viewOfDer(der);
  const days = options.days ?? validityDays(old);
  const { notBefore, notAfter } = validityWindow(days, now);
  if (!keyPairMatches(options.current.privateKeyPkcs8, old.publicKey)) throw keyMismatch(old.subject);
  const oldSki = subjectKeyIdentifierOf(der);
  const spki = certificatePublicKey(der);
  const keyType = keyTypeOfKey(old.publicKey);
  // The same name, byte for byte: certificates the CA issued name it by these bytes (RFC 5280 §7.1).
  const subject = certificateName(der, 'subject');
  let issuer: IssuerKey;
  if (options.parent) {
    const parent = await loadIssuer(options.parent, now);
    checkWithinIssuer(notAfter, parent, days, now);
    issuer = parent;
  } else {
    issuer = selfIssuer(subject, options.current.privateKeyPkcs8, keyType, spki, oldSki);
  }
  // The signer derives the new SKI from the key (certificate-extensions.ts keyIdentifier).
  if (oldSki !== undefined && !keyIdentifier(spki).equals(oldSki)) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `The CA "${old.subject}" has a subject key identifier that Anchorage does not derive the same way, ` +
        'so a renewed certificate would not match the certificates it issued.',
      'Renew this CA with the tool that created it, or create a new CA.',
      { facts: { reason: 'ski-changes', subject: old.subject } },
    );
  }
  const certificateDer = signCertificate({
    issuer,
    subject,
    publicKeySpki: spki,
    notBefore,
    notAfter,
    extensions: caExtensions(old.basicConstraints?.pathLength),
  });
  return { certificateDer, certificatePem: derToPem(certificateDer, 'CERTIFICATE') };
}
