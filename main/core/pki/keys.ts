/**
 * Key pairs: generation with Node's native crypto (./key-generation.ts), PKCS#8 DER as the one at-rest form (the
 * vault stores it), and conversion to WebCrypto / KeyObject (ARCHITECTURE §6: pure-JS RSA-4096 takes 6–26 s;
 * native does not).
 */
import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { KeyType } from '../../../shared/domain/key-types';
import { keyMismatch, keyPairMatches, keyTypeOfKey, privateKeyObject, unreadableKey } from './key-summary';
import { bufferSource } from './pem';
import { nodeCrypto, x509 } from './provider';
import { rfc4514 } from './dn';
import { signatureAlgorithmOf } from './signature-algorithm';

export { describeKey, detectKeyType, privateKeyObject, samePublicKey } from './key-summary';
export { generateKeyPair } from './key-generation';
export type { GeneratedKeyPair } from './key-generation';

// The key types Roles Anywhere accepts (ARCHITECTURE §1) and the default are listed in shared/domain/key-types.

/** A public key given as a KeyObject, SPKI DER, an @peculiar/x509 PublicKey, or a certificate. */
export type PublicKeyInput = KeyObject | Uint8Array | x509.PublicKey | x509.X509Certificate;

/** Normalise a {@link PublicKeyInput} to a Node public KeyObject. */
export function publicKeyObject(input: PublicKeyInput): KeyObject {
  if (input instanceof x509.X509Certificate) return publicKeyObject(input.publicKey);
  if (input instanceof x509.PublicKey) return publicKeyObject(new Uint8Array(input.rawData));
  if (input instanceof Uint8Array)
    return createPublicKey({ key: Buffer.from(input), format: 'der', type: 'spki' });
  return input.type === 'private' ? createPublicKey(input) : input;
}

/**
 * The {@link KeyType} of a public key (or certificate).
 * @throws AnchorageError UNSUPPORTED_KEY naming the key (e.g. "an RSA 1024 key") when it is not accepted.
 */
export function keyTypeOf(publicKey: PublicKeyInput): KeyType {
  let key: KeyObject;
  try {
    key = publicKeyObject(publicKey);
  } catch (cause) {
    throw unreadableKey(cause);
  }
  return keyTypeOfKey(key);
}

/** The SPKI DER of the public half of a PKCS#8 private key. */
export function publicKeySpkiOf(pkcs8: Uint8Array): Uint8Array {
  return new Uint8Array(createPublicKey(privateKeyObject(pkcs8)).export({ type: 'spki', format: 'der' }));
}

/** The WebCrypto signature algorithm for a key type (./signature-algorithm.ts decides it). */
export function signingAlgorithm(keyType: KeyType): RsaHashedImportParams | EcdsaParams {
  const { scheme, hash } = signatureAlgorithmOf(keyType);
  return { name: scheme, hash };
}

function importAlgorithm(keyType: KeyType): RsaHashedImportParams | EcKeyImportParams {
  if (keyType === 'ec-p256') return { name: 'ECDSA', namedCurve: 'P-256' };
  if (keyType === 'ec-p384') return { name: 'ECDSA', namedCurve: 'P-384' };
  return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
}

/** A WebCrypto signing key from PKCS#8 DER (non-extractable). */
export async function importSigningKey(pkcs8: Uint8Array, keyType?: KeyType): Promise<CryptoKey> {
  const type = keyType ?? keyTypeOf(privateKeyObject(pkcs8));
  return nodeCrypto.subtle.importKey('pkcs8', bufferSource(pkcs8), importAlgorithm(type), false, ['sign']);
}

/** A WebCrypto verification key from SPKI DER. */
export async function importVerifyKey(spki: Uint8Array, keyType?: KeyType): Promise<CryptoKey> {
  const type = keyType ?? keyTypeOf(spki);
  return nodeCrypto.subtle.importKey('spki', bufferSource(spki), importAlgorithm(type), true, ['verify']);
}

/** True when the PKCS#8 private key is the private half of `publicKey`. */
export function keyMatches(pkcs8: Uint8Array, publicKey: PublicKeyInput): boolean {
  try {
    return keyPairMatches(pkcs8, publicKeyObject(publicKey));
  } catch {
    return false;
  }
}

/**
 * Check that the private key belongs to the certificate.
 * @throws AnchorageError KEY_MISMATCH otherwise.
 */
export function assertKeyMatches(pkcs8: Uint8Array, cert: x509.X509Certificate): void {
  if (!keyMatches(pkcs8, cert)) throw keyMismatch(rfc4514(cert.subjectName));
}
