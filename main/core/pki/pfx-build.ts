/**
 * Writing PKCS#12 (PFX) files (RFC 7292) from DER: the certificates as they are stored, the PKCS#8 key, the
 * password. No certificate parser: this module loads ./der and Node's crypto alone, so that a PFX export
 * (pkcs12-export.ts) loads no @peculiar/x509 (issue 11 §3). The checks on the inputs (key type, key against
 * certificate, chain order) are the callers' (pkcs12.ts createPfx, pkcs12-export.ts).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { AnchorageError } from '../../../shared/errors';
import { PFX_PROFILES } from '../../../shared/domain/key-types';
import type { PfxProfile } from '../../../shared/domain/key-types';
import {
  derBmpString,
  derExplicit,
  derImplicit,
  derInteger,
  derNull,
  derOctets,
  derOid,
  derSequence,
  derSet,
} from './der';
import { DIGESTS, bmpPassword, encryptForPfx, pkcs12Kdf } from './pbe';
import { validatePfxPassword } from './pfx-password';

/**
 * The two profiles users need. `modern` is OpenSSL 3's default profile. `legacy` is what older Java, Mendix
 * Cloud and Windows Server 2016 can open; 3DES rather than RC2 because OpenSSL 3 reads 3DES without -legacy.
 */
const PFX_PRESETS = {
  modern: {
    description: 'PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) for key and certificates, SHA-256 MAC',
    encryption: { algorithm: 'aes256', prfAlgorithm: 'sha256', count: 2048, saltSize: 16 },
    mac: { digest: 'sha256', keyBytes: 32, iterations: 2048, saltSize: 16 },
  },
  legacy: {
    description: 'pbeWithSHAAnd3-KeyTripleDES-CBC for key and certificates, SHA-1 MAC, 2048 iterations',
    encryption: { algorithm: '3des', count: 2048, saltSize: 8 },
    mac: { digest: 'sha1', keyBytes: 20, iterations: 2048, saltSize: 8 },
  },
} as const satisfies Record<PfxProfile, unknown>;
/** The crypto of each profile is here; its label and help for people are in shared/domain/key-types.ts. */
export type PfxPreset = PfxProfile;

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  certBag: '1.2.840.113549.1.12.10.1.3',
  pkcs8ShroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
} as const;

/** What goes into a PFX, checked by the caller. */
export interface PfxParts {
  leafDer: Uint8Array;
  /** Issuer certificates, already in leaf → root order. */
  chainDer: readonly Uint8Array[];
  privateKeyPkcs8: Uint8Array;
  password: string;
  preset: PfxPreset;
  /** The alias keytool and Windows show. */
  friendlyName: string;
}

/**
 * The preset, when it names one.
 * @throws AnchorageError INVALID_INPUT otherwise.
 */
export function pfxPreset(preset: string | undefined): PfxPreset {
  const name = preset ?? 'modern';
  if (!(name in PFX_PRESETS)) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `Unknown PFX preset "${name}".`,
      `Use ${PFX_PROFILES.join(' or ')}.`,
    );
  }
  return name as PfxPreset;
}

/** The bag attributes of the key and the leaf: friendlyName, then localKeyId (RFC 7292 §4.2, PKCS #9). */
function bagAttributes(localKeyId: Uint8Array, friendlyName: string): Buffer {
  return derSet(
    derSequence(derOid(OID.friendlyName), derSet(derBmpString(friendlyName))),
    derSequence(derOid(OID.localKeyId), derSet(derOctets(localKeyId))),
  );
}

/** ContentInfo of type data wrapping DER bytes (RFC 2315 §8). */
function dataContentInfo(content: Uint8Array): Buffer {
  return derSequence(derOid(OID.data), derExplicit(0, derOctets(content)));
}

/** ContentInfo of type encryptedData (RFC 2315 §13), the encrypted content `[0] IMPLICIT`. */
function encryptedContentInfo(content: Uint8Array, password: string, preset: PfxPreset): Buffer {
  const { algorithm, ciphertext } = encryptForPfx(PFX_PRESETS[preset].encryption, password, content);
  return derSequence(
    derOid(OID.encryptedData),
    derExplicit(
      0,
      derSequence(derInteger(0), derSequence(derOid(OID.data), algorithm, derImplicit(0, ciphertext))),
    ),
  );
}

/** MacData: HMAC over the AuthenticatedSafe with a key from the PKCS#12 KDF, ID 3 (RFC 7292 §4, B.3). */
function macData(authSafe: Uint8Array, password: string, preset: PfxPreset): Buffer {
  const { digest, keyBytes, iterations, saltSize } = PFX_PRESETS[preset].mac;
  const salt = randomBytes(saltSize);
  const key = pkcs12Kdf(digest, bmpPassword(password), salt, 3, iterations, keyBytes);
  const mac = createHmac(digest, key).update(authSafe).digest();
  return derSequence(
    derSequence(derSequence(derOid(DIGESTS[digest].oid), derNull()), derOctets(mac)),
    derOctets(salt),
    derInteger(iterations),
  );
}

/**
 * A password-protected PFX holding the key, the certificate and its chain, with a friendlyName and a
 * localKeyId (SHA-1 of the certificate, as OpenSSL does) on the key and the leaf certificate.
 * @throws AnchorageError INVALID_PASSWORD, INVALID_INPUT (an unknown preset).
 */
export function buildPfx(parts: PfxParts): Uint8Array {
  validatePfxPassword(parts.password);
  const preset = pfxPreset(parts.preset);
  const localKeyId = createHash('sha1').update(parts.leafDer).digest();
  const attrs = bagAttributes(localKeyId, parts.friendlyName);
  const certBags = [parts.leafDer, ...parts.chainDer].map((der, i) =>
    derSequence(
      derOid(OID.certBag),
      derExplicit(0, derSequence(derOid(OID.x509Certificate), derExplicit(0, derOctets(der)))),
      ...(i === 0 ? [attrs] : []),
    ),
  );
  // PKCS#8 goes in as DER, whatever the algorithm, as EncryptedPrivateKeyInfo (RFC 5958 §3).
  const shrouded = encryptForPfx(PFX_PRESETS[preset].encryption, parts.password, parts.privateKeyPkcs8);
  const keyBag = derSequence(
    derOid(OID.pkcs8ShroudedKeyBag),
    derExplicit(0, derSequence(shrouded.algorithm, derOctets(shrouded.ciphertext))),
    attrs,
  );
  const authSafe = derSequence(
    encryptedContentInfo(derSequence(...certBags), parts.password, preset),
    dataContentInfo(derSequence(keyBag)),
  );
  const pfx = derSequence(
    derInteger(3),
    dataContentInfo(authSafe),
    macData(authSafe, parts.password, preset),
  );
  return new Uint8Array(pfx);
}
