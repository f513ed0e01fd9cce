/**
 * X.509 v3 certificates written as DER and signed with node:crypto (RFC 5280 §4.1), so that `ca create` and
 * `cert issue` never load @peculiar/x509 and its ASN.1 stack (issue 11 §3: 15–20 ms of a process). The bytes
 * are the ones @peculiar/x509's X509CertificateGenerator wrote for the same fields
 * (test/unit/main/core/pki/certificate-writer.test.ts); ./signer.ts decides the fields.
 */
import { sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { KeyType } from '../../../shared/domain/key-types';
import {
  derBitString,
  derCertificateTime,
  derExplicit,
  derInteger,
  derNull,
  derOid,
  derSequence,
} from './der';
import { signatureAlgorithmOf } from './signature-algorithm';

/** The fields of a TBSCertificate, all but the version (always v3) and the signature algorithm's form. */
export interface TbsFields {
  /** The serial as hex, a positive INTEGER (./serial.ts randomSerialHex). */
  serialNumber: string;
  /** The issuer's key type, which decides the signature algorithm. */
  signatureKeyType: KeyType;
  /** The issuer Name's DER: for a child, the issuer certificate's subject, byte for byte (RFC 5280 §4.1.2.4). */
  issuer: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  /** The subject Name's DER (./names.ts buildName, or copied from a certificate or CSR). */
  subject: Uint8Array;
  /** The SubjectPublicKeyInfo DER, as given. */
  publicKeySpki: Uint8Array;
  /** Each Extension's DER, in order (./certificate-extensions.ts). */
  extensions: readonly Uint8Array[];
}

/** The AlgorithmIdentifier of the signature (RFC 4055 §5 with NULL for RSA, RFC 5758 §3.2 without for ECDSA). */
function algorithmIdentifier(keyType: KeyType): Buffer {
  const { oid, nullParameters } = signatureAlgorithmOf(keyType);
  return derSequence(derOid(oid), ...(nullParameters ? [derNull()] : []));
}

/** The DER of a v3 TBSCertificate (RFC 5280 §4.1.2). */
export function tbsCertificate(fields: TbsFields): Buffer {
  return derSequence(
    derExplicit(0, derInteger(2)), // v3
    derInteger(BigInt(`0x${fields.serialNumber}`)),
    algorithmIdentifier(fields.signatureKeyType),
    fields.issuer,
    derSequence(derCertificateTime(fields.notBefore), derCertificateTime(fields.notAfter)),
    fields.subject,
    fields.publicKeySpki,
    derExplicit(3, derSequence(...fields.extensions)),
  );
}

/**
 * Sign a TBSCertificate with the issuer's private key (PKCS#1 v1.5, or ECDSA with a DER signature, X9.62) and
 * wrap it as a Certificate: `SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }`.
 */
export function signTbsCertificate(tbs: Uint8Array, keyType: KeyType, privateKey: KeyObject): Buffer {
  const { hash } = signatureAlgorithmOf(keyType);
  const signature = sign(hash.replace('-', '').toLowerCase(), tbs, privateKey);
  return derSequence(tbs, algorithmIdentifier(keyType), derBitString(signature));
}
