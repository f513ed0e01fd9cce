/**
 * Key pairs from Node's native crypto (ARCHITECTURE §6: pure-JS RSA-4096 takes 6–26 s; native does not), as
 * PKCS#8 and SPKI DER: the forms the vault stores and the certificate writer takes. Its own module, with
 * node:crypto alone, so that `ca create` and `cert issue` never load @peculiar/x509 (./keys.ts re-exports it).
 */
import { generateKeyPair as nodeGenerateKeyPair } from 'node:crypto';
import type { KeyType } from '../../../shared/domain/key-types';
import { isKeyType, unsupportedKey } from './key-summary';

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
 * @throws AnchorageError UNSUPPORTED_KEY for a type outside KEY_TYPES.
 */
export async function generateKeyPair(keyType: KeyType): Promise<GeneratedKeyPair> {
  const encoding = {
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  } as const;
  if (!isKeyType(keyType)) throw unsupportedKey(`the key type "${String(keyType)}"`);
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
