/**
 * Key pairs: generation with Node's native crypto, PKCS#8 DER as the one at-rest form (the vault stores it),
 * and conversion to WebCrypto / KeyObject (ARCHITECTURE §6: pure-JS RSA-4096 takes 6–26 s; native does not).
 */
import { createPublicKey, generateKeyPair as nodeGenerateKeyPair } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { KEY_TYPES } from '../../../shared/domain/key-types';
import type { KeyType } from '../../../shared/domain/key-types';
import { AnchorageError } from '../../../shared/errors';
import { describeKey, detectKeyType, isKeyType, privateKeyObject, samePublicKey } from './key-summary';
import { bufferSource } from './pem';
import { nodeCrypto, x509 } from './provider';
import { rfc4514 } from './dn';

export { describeKey, detectKeyType, privateKeyObject, samePublicKey } from './key-summary';

// The key types Roles Anywhere accepts (ARCHITECTURE §1) and the default are listed in shared/domain/key-types.

/** A freshly generated key pair, as bytes. */
export interface GeneratedKeyPair {
  keyType: KeyType;
  /** PKCS#8 PrivateKeyInfo DER: the only form in which a private key leaves this module. */
  privateKeyPkcs8: Uint8Array;
  /** SubjectPublicKeyInfo DER. */
  publicKeySpki: Uint8Array;
}

/**
 * Generate a key pair natively (off the main thread for RSA).
 * @throws AnchorageError UNSUPPORTED_KEY for a type outside {@link KEY_TYPES}.
 */
export async function generateKeyPair(keyType: KeyType): Promise<GeneratedKeyPair> {
  const encoding = {
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  } as const;
  if (!isKeyType(keyType)) throw unsupported(`the key type "${String(keyType)}"`);
  const done =
    (resolve: (pair: { publicKey: Buffer; privateKey: Buffer }) => void, reject: (e: Error) => void) =>
    (err: Error | null, publicKey: Buffer, privateKey: Buffer): void =>
      err ? reject(err) : resolve({ publicKey, privateKey });
  const pair = await new Promise<{ publicKey: Buffer; privateKey: Buffer }>((resolve, reject) => {
    if (keyType.startsWith('rsa-')) {
      const options = { modulusLength: Number(keyType.slice(4)), publicExponent: 0x10001, ...encoding };
      nodeGenerateKeyPair('rsa', options, done(resolve, reject));
    } else {
      const options = { namedCurve: keyType === 'ec-p256' ? 'prime256v1' : 'secp384r1', ...encoding };
      nodeGenerateKeyPair('ec', options, done(resolve, reject));
    }
  });
  return {
    keyType,
    privateKeyPkcs8: new Uint8Array(pair.privateKey),
    publicKeySpki: new Uint8Array(pair.publicKey),
  };
}

function unsupported(what: string): AnchorageError {
  return new AnchorageError(
    'UNSUPPORTED_KEY',
    `IAM Roles Anywhere does not accept ${what}.`,
    `Use one of: ${KEY_TYPES.join(', ')}.`,
  );
}

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
    throw new AnchorageError('UNSUPPORTED_KEY', 'The public key cannot be read.', 'Use an RSA or EC key.', {
      cause,
    });
  }
  const type = detectKeyType(key);
  if (!type) throw unsupported(`an ${describeKey(key)} key`);
  return type;
}

/** The SPKI DER of the public half of a PKCS#8 private key. */
export function publicKeySpkiOf(pkcs8: Uint8Array): Uint8Array {
  return new Uint8Array(createPublicKey(privateKeyObject(pkcs8)).export({ type: 'spki', format: 'der' }));
}

/**
 * The signature algorithm for a key type (ARCHITECTURE §1): RSASSA-PKCS1-v1_5 with SHA-256 for RSA; ECDSA with
 * SHA-256 on P-256 and SHA-384 on P-384, the hash that matches the curve's strength (RFC 5480 §4).
 */
export function signingAlgorithm(keyType: KeyType): RsaHashedImportParams | EcdsaParams {
  switch (keyType) {
    case 'ec-p256':
      return { name: 'ECDSA', hash: 'SHA-256' };
    case 'ec-p384':
      return { name: 'ECDSA', hash: 'SHA-384' };
    default:
      return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  }
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
    return samePublicKey(createPublicKey(privateKeyObject(pkcs8)), publicKeyObject(publicKey));
  } catch {
    return false;
  }
}

/**
 * Check that the private key belongs to the certificate.
 * @throws AnchorageError KEY_MISMATCH otherwise.
 */
export function assertKeyMatches(pkcs8: Uint8Array, cert: x509.X509Certificate): void {
  if (!keyMatches(pkcs8, cert)) {
    throw new AnchorageError(
      'KEY_MISMATCH',
      `The private key does not belong to the certificate "${rfc4514(cert.subjectName)}".`,
      'Pick the key that was generated with this certificate (its public key must match).',
    );
  }
}
