/**
 * The issuing side shared by CA creation, client issuance and CSR signing: load and check the issuer, then sign
 * a TBSCertificate with its key. One place, so every certificate gets the same checks and the same algorithms.
 * It reads the issuer through ./certificate-reader.ts and writes with ./certificate-writer.ts, so issuing from a
 * CA Anchorage made never loads @peculiar/x509 (issue 11 §3).
 */
import type { KeyObject } from 'node:crypto';
import { AnchorageError } from '../../../shared/errors';
import type { KeyType } from '../../../shared/domain/key-types';
import { authorityKeyIdentifier, keyIdentifier, subjectKeyIdentifier } from './certificate-extensions';
import { certificateBytes, viewOfDer } from './certificate-reader';
import { KEY_USAGE } from './certificate-view';
import { signTbsCertificate, tbsCertificate } from './certificate-writer';
import { certificateName, certificatePublicKey, subjectKeyIdentifierOf } from './der-info';
import { keyMismatch, keyPairMatches, keyTypeOfKey, privateKeyObject } from './key-summary';
import { randomSerialHex } from './serial';

/** A CA able to sign: its certificate and its PKCS#8 private key (as the vault returns it). */
export interface CaSigner {
  /** PEM text, or DER (or PEM) bytes. */
  certificate: string | Uint8Array;
  privateKeyPkcs8: Uint8Array;
}

/** What signing needs to know about the issuer. */
export interface IssuerKey {
  /** The DER of the issuer's subject Name: the child's issuer name, byte for byte (RFC 5280 §4.1.2.4). */
  name: Uint8Array;
  privateKey: KeyObject;
  keyType: KeyType;
  /** The key identifier for the child's AKI: the issuer's SKI (RFC 5280 §4.2.1.1). */
  keyId: Uint8Array;
}

/** A checked issuer certificate, ready to sign. */
export interface LoadedIssuer extends IssuerKey {
  /** Its subject as RFC 4514 text (./dn.ts), for messages. */
  subject: string;
  notAfter: Date;
  /** The issuer's pathLen constraint, if any. */
  pathLength: number | undefined;
  /** Its keyUsage bits (./certificate-view.ts KEY_USAGE), when it has the extension. */
  keyUsage: number | undefined;
}

/** The issuer of a self-signed certificate: itself, with AKI = its own SKI (derived from `publicKeySpki`). */
export function selfIssuer(
  name: Uint8Array,
  privateKeyPkcs8: Uint8Array,
  keyType: KeyType,
  publicKeySpki: Uint8Array,
  keyId: Uint8Array = keyIdentifier(publicKeySpki),
): IssuerKey {
  return { name, privateKey: privateKeyObject(privateKeyPkcs8), keyType, keyId };
}

/**
 * Check that `signer` can issue now: a CA certificate (basicConstraints CA:TRUE, keyCertSign when keyUsage is
 * present), currently valid, whose key matches.
 * @throws AnchorageError MALFORMED_PEM, NOT_A_CA, CERT_EXPIRED, CERT_NOT_YET_VALID, KEY_MISMATCH or
 *   UNSUPPORTED_KEY.
 */
export async function loadIssuer(signer: CaSigner, now: Date): Promise<LoadedIssuer> {
  const der = certificateBytes(signer.certificate);
  const view = await viewOfDer(der);
  const bc = view.basicConstraints;
  if (!bc?.ca || (view.keyUsage && !(view.keyUsage.usages & KEY_USAGE.keyCertSign))) {
    throw new AnchorageError(
      'NOT_A_CA',
      `"${view.subject}" is not a certificate authority (it lacks basicConstraints CA:TRUE or keyCertSign).`,
      'Issue from a CA created in Anchorage or an imported CA certificate.',
      { facts: { subject: view.subjectKey } },
    );
  }
  if (view.notAfter.getTime() < now.getTime()) {
    throw new AnchorageError(
      'CERT_EXPIRED',
      `The CA "${view.subject}" expired on ${view.notAfter.toISOString()}.`,
      'Create or import a new CA, and register it as the trust anchor.',
    );
  }
  if (view.notBefore.getTime() > now.getTime()) {
    throw new AnchorageError(
      'CERT_NOT_YET_VALID',
      `The CA "${view.subject}" is not valid until ${view.notBefore.toISOString()}.`,
      "Wait until then, or check this computer's clock.",
    );
  }
  const keyType = keyTypeOfKey(view.publicKey);
  if (!keyPairMatches(signer.privateKeyPkcs8, view.publicKey)) throw keyMismatch(view.subject);
  return {
    subject: view.subject,
    notAfter: view.notAfter,
    name: certificateName(der, 'subject'),
    privateKey: privateKeyObject(signer.privateKeyPkcs8),
    keyType,
    // An imported CA without an SKI: the identifier Anchorage would have given it (RFC 5280 §4.2.1.2 method 1).
    keyId: subjectKeyIdentifierOf(der) ?? keyIdentifier(certificatePublicKey(der)),
    pathLength: bc.pathLength,
    keyUsage: view.keyUsage?.usages,
  };
}

/** What to sign. */
export interface SignParams {
  /** The issuer; for a self-signed certificate, {@link selfIssuer}. */
  issuer: IssuerKey;
  /** The subject Name's DER. */
  subject: Uint8Array;
  publicKeySpki: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  /** Extensions other than SKI and AKI, which are always added (./certificate-extensions.ts). */
  extensions: readonly Uint8Array[];
  /** The serial as hex; a fresh random one ({@link randomSerialHex}) when absent, as always outside tests. */
  serialNumber?: string;
}

/** Sign a certificate (DER) with a random ≤159-bit serial, SKI and AKI (keyid form) added after the others. */
export function signCertificate(params: SignParams): Buffer {
  const { issuer } = params;
  const tbs = tbsCertificate({
    serialNumber: params.serialNumber ?? randomSerialHex(),
    signatureKeyType: issuer.keyType,
    issuer: issuer.name,
    notBefore: params.notBefore,
    notAfter: params.notAfter,
    subject: params.subject,
    publicKeySpki: params.publicKeySpki,
    extensions: [
      ...params.extensions,
      subjectKeyIdentifier(keyIdentifier(params.publicKeySpki)),
      authorityKeyIdentifier(issuer.keyId),
    ],
  });
  return signTbsCertificate(tbs, issuer.keyType, issuer.privateKey);
}
