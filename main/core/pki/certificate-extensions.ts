/**
 * The extensions of the certificates Anchorage writes (RFC 5280 §4.2), as DER, in the two profiles of
 * ARCHITECTURE §1: a CA (trust anchor or intermediate) and a client. The encodings are the ones @peculiar/x509
 * wrote before (test/unit/main/core/pki/certificate-writer.test.ts compares them byte for byte): DEFAULT values
 * left out (X.690 §11.5), a keyUsage BIT STRING without trailing zero bits (X.690 §11.2.2).
 */
import { createHash } from 'node:crypto';
import { CLIENT_AUTH, KEY_USAGE } from './certificate-view';
import {
  derBitString,
  derBoolean,
  derImplicit,
  derInteger,
  derOctets,
  derOid,
  derSequence,
  readDer,
  sequence,
} from './der';

const OID = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
} as const;

/** One Extension: `SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }` (§4.1). */
export function extension(oid: string, critical: boolean, value: Uint8Array): Buffer {
  return derSequence(derOid(oid), ...(critical ? [derBoolean(true)] : []), derOctets(value));
}

/** basicConstraints (§4.2.1.9), critical: cA (absent when FALSE, its DEFAULT) and an optional pathLen. */
function basicConstraints(ca: boolean, pathLength?: number): Buffer {
  const fields = [
    ...(ca ? [derBoolean(true)] : []),
    ...(pathLength !== undefined ? [derInteger(pathLength)] : []),
  ];
  return extension(OID.basicConstraints, true, derSequence(...fields));
}

/**
 * keyUsage (§4.2.1.3), critical: bit n (value 2ⁿ, {@link KEY_USAGE}) is the n-th bit from the first octet's
 * top, and the bits after the last one set are left out (X.690 §11.2.2), their count in the unused-bits octet.
 */
function keyUsage(usages: number): Buffer {
  const bits = Math.max(1, usages.toString(2).length);
  const octets = Buffer.alloc(Math.ceil(bits / 8));
  for (let n = 0; n < bits; n++) if (usages & (2 ** n)) octets[n >> 3]! |= 0x80 >> (n & 7);
  return extension(OID.keyUsage, true, derBitString(octets, octets.length * 8 - bits));
}

/** extendedKeyUsage (§4.2.1.12), not critical: clientAuth alone. */
function clientAuth(): Buffer {
  return extension(OID.extKeyUsage, false, derSequence(derOid(CLIENT_AUTH)));
}

/**
 * The key identifier of a public key: the SHA-1 of its subjectPublicKey BIT STRING, without the unused-bits
 * octet (RFC 5280 §4.2.1.2, method 1), as @peculiar/x509 and OpenSSL derive it. A renewed CA keeps its SKI
 * because it is derived the same way (ca.ts renewCa checks).
 */
export function keyIdentifier(publicKeySpki: Uint8Array): Buffer {
  const [, subjectPublicKey] = sequence(readDer(publicKeySpki), 'the SubjectPublicKeyInfo');
  if (subjectPublicKey?.tag !== 3) throw new RangeError('the SubjectPublicKeyInfo has no BIT STRING');
  return createHash('sha1').update(subjectPublicKey.content.subarray(1)).digest();
}

/** subjectKeyIdentifier (§4.2.1.2), not critical. */
export function subjectKeyIdentifier(keyId: Uint8Array): Buffer {
  return extension(OID.subjectKeyIdentifier, false, derOctets(keyId));
}

/** authorityKeyIdentifier (§4.2.1.1), not critical: the keyIdentifier form alone, `[0] IMPLICIT`. */
export function authorityKeyIdentifier(keyId: Uint8Array): Buffer {
  return extension(OID.authorityKeyIdentifier, false, derSequence(derImplicit(0, keyId)));
}

/**
 * The trust-anchor extensions: basicConstraints critical CA:TRUE (with pathLen when given) and keyUsage critical
 * keyCertSign, cRLSign, digitalSignature (Roles Anywhere trust-anchor requirements; the signer adds SKI and AKI).
 */
export function caExtensions(pathLength: number | undefined): Buffer[] {
  return [
    basicConstraints(true, pathLength),
    keyUsage(KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign | KEY_USAGE.digitalSignature),
  ];
}

/**
 * The end-entity extensions: basicConstraints critical CA:FALSE, keyUsage critical digitalSignature,
 * extendedKeyUsage clientAuth, then the SAN extension when there is one (the signer adds SKI and AKI).
 */
export function clientExtensions(san: readonly Uint8Array[]): Uint8Array[] {
  return [basicConstraints(false), keyUsage(KEY_USAGE.digitalSignature), clientAuth(), ...san];
}
