/**
 * Facts @peculiar/x509 does not expose, read straight from the DER (RFC 5280 §4.1): the certificate version, the
 * signature algorithm OID (it throws on algorithms it does not know, and we must report those), and the serial
 * number's INTEGER as encoded, sign included (RFC 5280 §4.1.2.2 requires it positive; some issuers don't). And
 * the parts of an issuer that a new certificate copies as they are (its subject Name, its SKI), for signer.ts.
 */
import { createHash } from 'node:crypto';
import { CONTEXT, DerError, TAG, expect, integer, octets, oid, readDer, sequence } from './der';
import type { DerNode } from './der';

/** TBSCertificate's fields and the outer signatureAlgorithm. */
function certificateParts(der: Uint8Array): { tbs: DerNode[]; signatureAlgorithm: DerNode[] } {
  const [tbs, signatureAlgorithm] = sequence(readDer(der), 'the certificate');
  return {
    tbs: sequence(tbs, 'the TBSCertificate'),
    signatureAlgorithm: sequence(signatureAlgorithm, 'the signature algorithm'),
  };
}

/** 1, 2 or 3: the X.509 version (the DER field holds version − 1, absent meaning v1). */
export function certificateVersion(der: Uint8Array): number {
  const first = certificateParts(der).tbs[0];
  if (first && first.cls === CONTEXT && first.tag === 0) {
    return Number(integer(readDer(first.content), 'the version')) + 1;
  }
  return 1;
}

/** The outer signatureAlgorithm OID, e.g. 1.2.840.113549.1.1.11 for sha256WithRSAEncryption. */
export function signatureAlgorithmOid(der: Uint8Array): string {
  return oid(certificateParts(der).signatureAlgorithm[0]);
}

/** The DER of the certificate's issuer or subject Name (RFC 5280 §4.1.2.4, §4.1.2.6), for ./dn.ts to print. */
export function certificateName(der: Uint8Array, which: 'issuer' | 'subject'): Uint8Array {
  const { tbs } = certificateParts(der);
  const first = tbs[0];
  const serialAt = first && first.cls === CONTEXT && first.tag === 0 ? 1 : 0;
  // serialNumber, signature, issuer, validity, subject
  const name = tbs[serialAt + (which === 'issuer' ? 2 : 4)];
  if (!name) throw new DerError(`the certificate has no ${which}`);
  return name.raw;
}

/** The DER of the certificate's SubjectPublicKeyInfo (RFC 5280 §4.1.2.7), for node:crypto to read. */
export function certificatePublicKey(der: Uint8Array): Uint8Array {
  const { tbs } = certificateParts(der);
  const first = tbs[0];
  // serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo
  const spki = tbs[(first && first.cls === CONTEXT && first.tag === 0 ? 1 : 0) + 5];
  if (!spki) throw new DerError('the certificate has no subjectPublicKeyInfo');
  return spki.raw;
}

/** The serial number as the signed INTEGER it is encoded as (X.690 §8.3: two's complement). */
export function serialNumberValue(der: Uint8Array): bigint {
  const { tbs } = certificateParts(der);
  const first = tbs[0];
  const serial = first && first.cls === CONTEXT && first.tag === 0 ? tbs[1] : first;
  return integer(serial, 'the serial number');
}

/** Each extension of a certificate: its OID and its whole DER (RFC 5280 §4.1: `[3] EXPLICIT Extensions`). */
export function certificateExtensions(der: Uint8Array): Array<{ oid: string; der: Uint8Array }> {
  const wrapper = certificateParts(der).tbs.find((n) => n.cls === CONTEXT && n.tag === 3);
  if (!wrapper) return [];
  return sequence(readDer(wrapper.content), 'the extensions').map((extension) => {
    const [id] = sequence(extension, 'an extension');
    if (id?.tag !== TAG.OID) return { oid: 'unknown', der: extension.raw };
    return { oid: oid(id), der: extension.raw };
  });
}

/**
 * The value of the certificate's extension `oid` (the DER inside its extnValue OCTET STRING, RFC 5280 §4.1), or
 * `undefined` when it has none.
 */
function certificateExtensionValue(der: Uint8Array, oid: string): Buffer | undefined {
  const found = certificateExtensions(der).find((e) => e.oid === oid);
  if (!found) return undefined;
  const fields = sequence(readDer(found.der), 'an extension');
  return octets(fields[fields.length - 1], 'an extnValue');
}

/** The subjectKeyIdentifier's key identifier (RFC 5280 §4.2.1.2), or `undefined` without one. */
export function subjectKeyIdentifierOf(der: Uint8Array): Buffer | undefined {
  const value = certificateExtensionValue(der, '2.5.29.14');
  return value && octets(expect(readDer(value), TAG.OCTET_STRING, 'a subjectKeyIdentifier'));
}

/** SHA-256 of a certificate's DER as uppercase colon-separated hex, like `openssl x509 -fingerprint -sha256`. */
export function derSha256Fingerprint(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
}
