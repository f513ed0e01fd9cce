/**
 * The key type of a Node KeyObject (ARCHITECTURE §1: the types Roles Anywhere accepts), and whether two keys
 * are one. Its own module, with node:crypto alone, so that der-summary.ts (`anchorage list`) names a
 * certificate's key, a PFX export (pkcs12-export.ts) matches it to its private key, and the issuer of a new
 * certificate is checked (signer.ts), without loading @peculiar/x509 (which ./keys.ts needs for its other
 * functions, and re-exports these from).
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { KEY_TYPES } from '../../../shared/domain/key-types';
import type { KeyType } from '../../../shared/domain/key-types';
import { AnchorageError } from '../../../shared/errors';

/** True when `value` is one of {@link KEY_TYPES}. */
export function isKeyType(value: string): value is KeyType {
  return (KEY_TYPES as readonly string[]).includes(value);
}

/** The key type of a public or private key, or `undefined` when Roles Anywhere would not accept it. */
export function detectKeyType(key: KeyObject): KeyType | undefined {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') {
    const type = `rsa-${details.modulusLength}`;
    return isKeyType(type) ? type : undefined;
  }
  if (key.asymmetricKeyType === 'ec') {
    if (details.namedCurve === 'prime256v1') return 'ec-p256';
    if (details.namedCurve === 'secp384r1') return 'ec-p384';
  }
  return undefined;
}

/** Describe a key for people ("RSA 1024", "EC secp521r1", "ed25519"), whether or not it is supported. */
export function describeKey(key: KeyObject): string {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') {
    return `${key.asymmetricKeyType === 'rsa' ? 'RSA' : 'RSA-PSS'} ${details.modulusLength ?? '?'}`;
  }
  if (key.asymmetricKeyType === 'ec') return `EC ${details.namedCurve ?? '?'}`;
  return key.asymmetricKeyType ?? 'unknown';
}

/** A Node private KeyObject from PKCS#8 DER. */
export function privateKeyObject(pkcs8: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
}

/**
 * True when two public keys are the same key. The types and curves are compared first: Node's
 * KeyObject.equals() across key types (RSA against EC) leaves "different key types" on the thread's OpenSSL
 * error queue, and the next createPrivateKey in that thread then fails with it.
 */
export function samePublicKey(a: KeyObject, b: KeyObject): boolean {
  if (a.asymmetricKeyType !== b.asymmetricKeyType) return false;
  if (a.asymmetricKeyDetails?.namedCurve !== b.asymmetricKeyDetails?.namedCurve) return false;
  return a.equals(b);
}

/** UNSUPPORTED_KEY: `what` (e.g. "an RSA 1024 key") is not a key Roles Anywhere accepts. */
export function unsupportedKey(what: string): AnchorageError {
  return new AnchorageError(
    'UNSUPPORTED_KEY',
    `IAM Roles Anywhere does not accept ${what}.`,
    `Use one of: ${KEY_TYPES.join(', ')}.`,
  );
}

/**
 * The {@link KeyType} of a key.
 * @throws AnchorageError UNSUPPORTED_KEY naming the key (e.g. "an RSA 1024 key") when it is not accepted.
 */
export function keyTypeOfKey(key: KeyObject): KeyType {
  const type = detectKeyType(key);
  if (!type) throw unsupportedKey(`an ${describeKey(key)} key`);
  return type;
}

/** UNSUPPORTED_KEY: node:crypto cannot read the public key at all. */
export function unreadableKey(cause: unknown): AnchorageError {
  return new AnchorageError('UNSUPPORTED_KEY', 'The public key cannot be read.', 'Use an RSA or EC key.', {
    cause,
  });
}

/**
 * The {@link KeyType} of a SubjectPublicKeyInfo (DER).
 * @throws AnchorageError UNSUPPORTED_KEY when it cannot be read or is not accepted.
 */
export function keyTypeOfSpki(spki: Uint8Array): KeyType {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  } catch (cause) {
    throw unreadableKey(cause);
  }
  return keyTypeOfKey(key);
}

/** True when the PKCS#8 private key is the private half of `publicKey`; false for an unreadable key too. */
export function keyPairMatches(pkcs8: Uint8Array, publicKey: KeyObject): boolean {
  try {
    return samePublicKey(createPublicKey(privateKeyObject(pkcs8)), publicKey);
  } catch {
    return false;
  }
}

/** KEY_MISMATCH: the private key is not the one of the certificate `subject` (RFC 4514 text). */
export function keyMismatch(subject: string): AnchorageError {
  return new AnchorageError(
    'KEY_MISMATCH',
    `The private key does not belong to the certificate "${subject}".`,
    'Pick the key that was generated with this certificate (its public key must match).',
  );
}
