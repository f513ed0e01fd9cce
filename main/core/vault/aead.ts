import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** AES-256-GCM with a 96-bit nonce and a 128-bit tag (NIST SP 800-38D §5.2.1.1, §5.2.1.2). */
export const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A sealed value, each part base64: the shape stored in vault records and in secrets.json. */
export interface Sealed {
  nonce: string;
  ciphertext: string;
  tag: string;
}

/**
 * Encrypt `plaintext` under `key`, binding it to `aad`. The nonce is fresh and random on every call:
 * with random 96-bit nonces, 2^32 messages per key keep the collision risk under 2^-32 (SP 800-38D §8.3),
 * far beyond what a vault holds.
 */
export function seal(key: Uint8Array, plaintext: Uint8Array, aad: string): Sealed {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    nonce: nonce.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/**
 * Decrypt and authenticate. Returns `undefined` when the key, the AAD or any byte is wrong: callers decide
 * which error that is (a wrong passphrase, a tampered record), so this never says more than "no".
 */
export function open(key: Uint8Array, sealed: Sealed, aad: string): Buffer | undefined {
  const nonce = Buffer.from(sealed.nonce, 'base64');
  const tag = Buffer.from(sealed.tag, 'base64');
  if (nonce.length !== NONCE_BYTES || tag.length !== TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
  } catch {
    return undefined;
  }
}
