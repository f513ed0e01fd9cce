/**
 * The PFX and key export entry points in the shape the certificate service uses (PEM in, bytes out).
 *
 * A PFX of certificates in the form the inventory stores them (der-summary.ts certificatePemDer) is built from
 * their DER (pfx-build.ts) and read back (pfx-open.ts) with @peculiar/x509 never loaded (issue 11 §3: loading
 * and running it made the export 2.2× `node -e 0`, 1.8× without); any other input takes {@link createPfx},
 * which parses the certificates and says what is wrong.
 */
import { createPublicKey } from 'node:crypto';
import { AnchorageError } from '../../../shared/errors';
import type { PfxProfile } from '../../../shared/domain/key-types';
import { certificateName, certificatePublicKey } from './der-info';
import { certificatePemDer } from './der-summary';
import { detectKeyType, privateKeyObject, samePublicKey } from './key-summary';
import { buildPfx, pfxPreset } from './pfx-build';
import type { PfxParts } from './pfx-build';
import { openPfx } from './pfx-open';
import { validatePfxPassword } from './pfx-password';

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

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

/**
 * The DER inputs of a PFX when the checks {@link createPfx} makes are certain to pass on them, read from the
 * DER alone; `undefined` for anything else, which createPfx then takes (and refuses, saying why):
 * - every certificate is in the stored PEM form and its DER walks as a certificate;
 * - the leaf's key is one Roles Anywhere accepts (keyTypeOf) and the private key is its own (assertKeyMatches);
 * - the chain is already leaf → root, each certificate the issuer of the one before by its DER name, with no
 *   copy of the leaf: chain.ts orderChain returns such a chain as it is (it only moves certificates that are
 *   out of that order);
 * - a friendlyName is given (its default, the leaf's CN, is read through x509).
 */
function storedParts(options: ExportPfxOptions): Omit<PfxParts, 'password' | 'preset'> | undefined {
  if (options.friendlyName === undefined) return undefined;
  try {
    const leafDer = certificatePemDer(options.certificatePem);
    const chainDer = options.chainPem.map(certificatePemDer);
    if (!leafDer || chainDer.some((der) => der === undefined)) return undefined;
    const publicKey = createPublicKey({
      key: Buffer.from(certificatePublicKey(leafDer)),
      format: 'der',
      type: 'spki',
    });
    if (!detectKeyType(publicKey)) return undefined;
    if (!samePublicKey(createPublicKey(privateKeyObject(options.privateKeyPkcs8)), publicKey))
      return undefined;
    let below = leafDer;
    for (const der of chainDer as Buffer[]) {
      if (sameBytes(der, leafDer)) return undefined;
      if (!sameBytes(certificateName(der, 'subject'), certificateName(below, 'issuer'))) return undefined;
      below = der;
    }
    return {
      leafDer: new Uint8Array(leafDer),
      chainDer: (chainDer as Buffer[]).map((der) => new Uint8Array(der)),
      privateKeyPkcs8: options.privateKeyPkcs8,
      friendlyName: options.friendlyName,
    };
  } catch {
    return undefined; // not a form this reader takes: createPfx judges it
  }
}

/**
 * Check the file just written as a reader sees it: opened with the password by the reader (its MAC verified,
 * every part decrypted), it must hold exactly the certificates and the key that went in, under the
 * friendlyName. Those were checked before building (key type, key against certificate), so a second parse of
 * the certificates would find nothing new.
 * @throws AnchorageError INTERNAL when it does not.
 */
async function checkWritten(bytes: Uint8Array, parts: PfxParts): Promise<void> {
  const opened = await openPfx(bytes, parts.password);
  const certificates = [parts.leafDer, ...parts.chainDer];
  const same =
    opened.certificates.length === certificates.length &&
    opened.certificates.every((der, i) => sameBytes(der, certificates[i]!)) &&
    opened.keys.length === 1 &&
    sameBytes(opened.keys[0]!, parts.privateKeyPkcs8) &&
    opened.friendlyNames.every((name) => name === parts.friendlyName);
  if (!same) {
    throw new AnchorageError(
      'INTERNAL',
      'The PFX Anchorage just wrote does not read back as what went into it; it was not saved.',
      'This is a bug in Anchorage; please report it with the steps that led here.',
    );
  }
}

/**
 * A PFX in the named profile ("modern" or "legacy"), read back before it is returned: the file handed over
 * opens with the password it was given and holds what went in.
 * @throws AnchorageError INVALID_PASSWORD, KEY_MISMATCH, UNSUPPORTED_KEY, MALFORMED_PEM.
 */
export async function exportPfx(options: ExportPfxOptions): Promise<Uint8Array> {
  validatePfxPassword(options.password);
  const preset = pfxPreset(options.profile);
  const stored = storedParts(options);
  if (stored) {
    const parts = { ...stored, password: options.password, preset };
    const bytes = buildPfx(parts);
    await checkWritten(bytes, parts);
    return bytes;
  }
  const { createPfx, readPfx } = await import('./pkcs12');
  const bytes = createPfx({
    certificate: options.certificatePem,
    chain: options.chainPem,
    privateKeyPkcs8: options.privateKeyPkcs8,
    password: options.password,
    preset,
    ...(options.friendlyName !== undefined ? { friendlyName: options.friendlyName } : {}),
  });
  await readPfx(bytes, options.password);
  return bytes;
}

/**
 * The private key as encrypted PKCS#8 PEM (AES-256-CBC, PBKDF2-HMAC-SHA256), by export.ts, which loads
 * @peculiar/x509 for its other functions: loaded here only when a key is exported.
 * @throws AnchorageError INVALID_PASSWORD for an empty password.
 */
export async function exportEncryptedKey(privateKeyPkcs8: Uint8Array, password: string): Promise<string> {
  return (await import('./export')).exportEncryptedPrivateKey(privateKeyPkcs8, password);
}
