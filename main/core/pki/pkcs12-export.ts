/**
 * The PFX and key export entry points in the shape the certificate service uses (PEM in, bytes out), over
 * {@link createPfx} and {@link exportEncryptedPrivateKey}.
 */
import { exportEncryptedPrivateKey } from './export';
import { createPfx } from './pkcs12';
import type { PfxProfile } from '../../../shared/domain/key-types';

export { readPfx } from './pkcs12';

/** Options for {@link exportPfx}. */
export interface ExportPfxOptions {
  certificatePem: string;
  /** Issuer certificates as PEM, in any order (they are put leaf → root). */
  chainPem: readonly string[];
  privateKeyPkcs8: Uint8Array;
  password: string;
  profile: PfxProfile;
  friendlyName?: string;
}

/**
 * A PFX in the named profile ("modern" or "legacy").
 * @throws AnchorageError INVALID_PASSWORD, KEY_MISMATCH, UNSUPPORTED_KEY, MALFORMED_PEM.
 */
export function exportPfx(options: ExportPfxOptions): Uint8Array {
  return createPfx({
    certificate: options.certificatePem,
    chain: options.chainPem,
    privateKeyPkcs8: options.privateKeyPkcs8,
    password: options.password,
    preset: options.profile,
    ...(options.friendlyName !== undefined ? { friendlyName: options.friendlyName } : {}),
  });
}

/**
 * The private key as encrypted PKCS#8 PEM (AES-256-CBC, PBKDF2-HMAC-SHA256).
 * @throws AnchorageError INVALID_PASSWORD for an empty password.
 */
export function exportEncryptedKey(privateKeyPkcs8: Uint8Array, password: string): string {
  return exportEncryptedPrivateKey(privateKeyPkcs8, password);
}
