/**
 * PKCS#12 (PFX) files (RFC 7292), written and read with Anchorage's own ASN.1 (der.ts) over Node's native
 * crypto (pbe.ts): PBKDF2, the Appendix B KDF, HMAC and the ciphers all run in OpenSSL, never in JavaScript.
 * node-forge's pure-JS PBKDF2 and SHA took 17 s on a 1,000,000-iteration PFX (54× `openssl pkcs12`), and its
 * reader derived before anything had looked at the counts. Here every count is read and charged to a budget
 * (limits.ts) before anything derives (pfx-open.ts). This module joins the byte-level writer (pfx-build.ts)
 * and reader (pfx-open.ts) to certificates parsed with @peculiar/x509.
 */
import { createPublicKey } from 'node:crypto';
import { AnchorageError } from '../../../shared/errors';
import type { KeyType } from '../../../shared/domain/key-types';
import { orderChain } from './chain';
import { assertKeyMatches, keyTypeOf, privateKeyObject, publicKeyObject, samePublicKey } from './keys';
import { certificateFromDer, toCertificate } from './pem';
import type { CertificateInput } from './pem';
import { buildPfx, pfxPreset } from './pfx-build';
import type { PfxPreset } from './pfx-build';
import { malformedPfx, openPfx } from './pfx-open';
import type { OpenedPfx, PfxProtection } from './pfx-open';
import { validatePfxPassword } from './pfx-password';
import type { x509 } from './provider';

/** Options for {@link createPfx}. */
export interface CreatePfxOptions {
  certificate: CertificateInput;
  /** Issuers, leaf → root order; they are re-ordered if needed. */
  chain?: readonly CertificateInput[];
  privateKeyPkcs8: Uint8Array;
  password: string;
  preset?: PfxPreset;
  /** Alias shown by keytool and Windows; default: the certificate's CN. */
  friendlyName?: string;
}

/**
 * Build a password-protected PFX (pfx-build.ts) from certificates given in any form: the key must be one Roles
 * Anywhere accepts and belong to the certificate, and the chain is put leaf → root.
 * @throws AnchorageError INVALID_PASSWORD, KEY_MISMATCH, UNSUPPORTED_KEY.
 */
export function createPfx(options: CreatePfxOptions): Uint8Array {
  validatePfxPassword(options.password);
  const preset = pfxPreset(options.preset);
  const leaf = toCertificate(options.certificate);
  keyTypeOf(leaf);
  assertKeyMatches(options.privateKeyPkcs8, leaf);
  const chain = orderChain(leaf, (options.chain ?? []).map(toCertificate));
  return buildPfx({
    leafDer: new Uint8Array(leaf.rawData),
    chainDer: chain.map((cert) => new Uint8Array(cert.rawData)),
    privateKeyPkcs8: options.privateKeyPkcs8,
    password: options.password,
    preset,
    friendlyName: options.friendlyName ?? leaf.subjectName.getField('CN')[0] ?? 'anchorage',
  });
}

/** What a PFX holds. */
export interface PfxContents {
  certificate: x509.X509Certificate;
  /** Issuer certificates, leaf → root. */
  chain: x509.X509Certificate[];
  privateKeyPkcs8?: Uint8Array;
  keyType: KeyType;
  friendlyName?: string;
  /** How the file is protected, for `inspect`: names and counts only, nothing derived. */
  protection: PfxProtection;
}

/**
 * Open a PFX (pfx-open.ts: sizes and iteration counts first, then the MAC, then the bags) and return the key,
 * its certificate and the chain.
 * @throws AnchorageError INPUT_TOO_LARGE, ITERATIONS_TOO_HIGH, UNSUPPORTED_ALGORITHM, WRONG_PASSWORD,
 *   MALFORMED_PFX, KEY_MISMATCH, UNSUPPORTED_KEY.
 */
export async function readPfx(bytes: Uint8Array, password: string): Promise<PfxContents> {
  const opened = await openPfx(bytes, password);
  return { ...assemble(opened), protection: opened.protection };
}

/** The leaf, chain and key from the collected bags. */
function assemble(bags: OpenedPfx): Omit<PfxContents, 'protection'> {
  const certs = bags.certificates.map(certificateFromDer);
  const keys = bags.keys.map((pkcs8) => {
    try {
      return privateKeyObject(pkcs8);
    } catch (cause) {
      throw malformedPfx('its key bag does not hold a valid PKCS#8 private key', cause);
    }
  });
  const key = keys[0];
  const publicKey = key ? createPublicKey(key) : undefined;
  const leaf =
    (publicKey ? certs.find((c) => samePublicKey(publicKey, publicKeyObject(c))) : undefined) ?? certs[0];
  if (!leaf) {
    throw new AnchorageError(
      'MALFORMED_PFX',
      'The PFX holds no certificate.',
      'Export the PFX again with its certificate.',
    );
  }
  const pkcs8 = key ? new Uint8Array(key.export({ type: 'pkcs8', format: 'der' })) : undefined;
  if (pkcs8) assertKeyMatches(pkcs8, leaf);
  const friendlyName = bags.friendlyNames[0];
  return {
    certificate: leaf,
    chain: orderChain(leaf, certs),
    ...(pkcs8 ? { privateKeyPkcs8: pkcs8 } : {}),
    keyType: keyTypeOf(leaf),
    ...(friendlyName !== undefined ? { friendlyName } : {}),
  };
}
