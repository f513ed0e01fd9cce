/**
 * PKCS#12 (PFX) files (RFC 7292), written and read with Anchorage's own ASN.1 (der.ts) over Node's native
 * crypto (pbe.ts): PBKDF2, the Appendix B KDF, HMAC and the ciphers all run in OpenSSL, never in JavaScript.
 * node-forge's pure-JS PBKDF2 and SHA took 17 s on a 1,000,000-iteration PFX (54× `openssl pkcs12`), and its
 * reader derived before anything had looked at the counts. Here every count is read and charged to a budget
 * (limits.ts) before anything derives; then the bags' PBKDF2 runs on the libuv threadpool while this thread
 * computes the MAC key.
 */
import { createHash, createHmac, createPublicKey, randomBytes, timingSafeEqual } from 'node:crypto';
import { AnchorageError } from '../../../shared/errors';
import { orderChain } from './chain';
import {
  CONTEXT,
  DerError,
  children,
  derBmpString,
  derExplicit,
  derImplicit,
  derInteger,
  derNull,
  derOctets,
  derOid,
  derSequence,
  derSet,
  expect,
  integer,
  octets,
  oid,
  readDer,
  sequence,
} from './der';
import type { DerNode } from './der';
import { assertKeyMatches, keyTypeOf, privateKeyObject, publicKeyObject, samePublicKey } from './keys';
import { PFX_PROFILES } from '../../../shared/domain/key-types';
import type { KeyType, PfxProfile } from '../../../shared/domain/key-types';
import { DerivationBudget, assertInputSize } from './limits';
import {
  DIGESTS,
  bmpPassword,
  decrypt,
  deriveKey,
  digestOfOid,
  encryptForPfx,
  parsePbeAlgorithm,
  pkcs12Kdf,
} from './pbe';
import type { DerivedKey, Digest, PbeScheme } from './pbe';
import { emptyBags, readSafeContents } from './pfx-certs';
import type { SafeBags } from './pfx-certs';
import { certificateFromDer, toCertificate } from './pem';
import type { CertificateInput } from './pem';
import { validatePfxPassword } from './pfx-password';
import type { x509 } from './provider';

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
type PfxPreset = PfxProfile;

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

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  envelopedData: '1.2.840.113549.1.7.3',
  encryptedData: '1.2.840.113549.1.7.6',
  certBag: '1.2.840.113549.1.12.10.1.3',
  pkcs8ShroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
} as const;

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
 * Build a password-protected PFX holding the key, the certificate and its chain, with a friendlyName and a
 * localKeyId (SHA-1 of the certificate, as OpenSSL does) on the key and the leaf certificate.
 * @throws AnchorageError INVALID_PASSWORD, KEY_MISMATCH, UNSUPPORTED_KEY.
 */
export function createPfx(options: CreatePfxOptions): Uint8Array {
  validatePfxPassword(options.password);
  const preset = options.preset ?? 'modern';
  if (!(preset in PFX_PRESETS)) {
    throw new AnchorageError(
      'INVALID_INPUT',
      `Unknown PFX preset "${preset}".`,
      `Use ${PFX_PROFILES.join(' or ')}.`,
    );
  }
  const leaf = toCertificate(options.certificate);
  keyTypeOf(leaf);
  assertKeyMatches(options.privateKeyPkcs8, leaf);
  const chain = orderChain(leaf, (options.chain ?? []).map(toCertificate));
  const leafDer = new Uint8Array(leaf.rawData);
  const localKeyId = createHash('sha1').update(leafDer).digest();
  const friendlyName = options.friendlyName ?? leaf.subjectName.getField('CN')[0] ?? 'anchorage';
  const attrs = bagAttributes(localKeyId, friendlyName);

  const certBags = [leaf, ...chain].map((cert, i) =>
    derSequence(
      derOid(OID.certBag),
      derExplicit(
        0,
        derSequence(derOid(OID.x509Certificate), derExplicit(0, derOctets(new Uint8Array(cert.rawData)))),
      ),
      ...(i === 0 ? [attrs] : []),
    ),
  );
  // PKCS#8 goes in as DER, whatever the algorithm, as EncryptedPrivateKeyInfo (RFC 5958 §3).
  const shrouded = encryptForPfx(PFX_PRESETS[preset].encryption, options.password, options.privateKeyPkcs8);
  const keyBag = derSequence(
    derOid(OID.pkcs8ShroudedKeyBag),
    derExplicit(0, derSequence(shrouded.algorithm, derOctets(shrouded.ciphertext))),
    attrs,
  );
  const authSafe = derSequence(
    encryptedContentInfo(derSequence(...certBags), options.password, preset),
    dataContentInfo(derSequence(keyBag)),
  );
  const pfx = derSequence(
    derInteger(3),
    dataContentInfo(authSafe),
    macData(authSafe, options.password, preset),
  );
  return new Uint8Array(pfx);
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

/** The MAC and each encrypted part of a PFX (certificate safes first, then key bags), as read. */
interface PfxProtection {
  mac?: { digest: Digest; iterations: number };
  encryption: Array<{ part: 'certificates' | 'key'; algorithm: string; iterations: number; prf?: Digest }>;
}

/** A scheme's name and counts, without its salt or IV. */
function describeScheme(
  part: 'certificates' | 'key',
  scheme: PbeScheme,
): PfxProtection['encryption'][number] {
  return {
    part,
    algorithm: scheme.name,
    iterations: scheme.iterations,
    ...(scheme.kind === 'pbes2' ? { prf: scheme.prf } : {}),
  };
}

const wrongPassword = (): AnchorageError =>
  new AnchorageError(
    'WRONG_PASSWORD',
    "The PFX password is wrong (the file's integrity check or decryption failed).",
    'Type the password that was set when the PFX was exported.',
  );

function malformed(detail: string, cause?: unknown): AnchorageError {
  return new AnchorageError(
    'MALFORMED_PFX',
    `The file is not a readable PKCS#12 (PFX/P12) file: ${detail}.`,
    'Check that you picked a .pfx or .p12 file and that it is complete.',
    cause === undefined ? undefined : { cause },
  );
}

function unsupportedMode(what: string): AnchorageError {
  return new AnchorageError(
    'UNSUPPORTED_ALGORITHM',
    `The PFX uses ${what}, which Anchorage does not read (it reads password-protected PFX files).`,
    'Export the PFX again with a password, as OpenSSL, Windows and Java do by default.',
  );
}

/** One ContentInfo of the AuthenticatedSafe: plain SafeContents, or encrypted ones still to decrypt. */
type Part = { bags: SafeBags } | { scheme: PbeScheme; ciphertext: Buffer };

interface ParsedPfx {
  authSafe: Buffer;
  mac?: { digest: Digest; value: Buffer; salt: Buffer; iterations: number };
  parts: Part[];
}

/** `[0] EXPLICIT` content of a ContentInfo. */
function explicit0(node: DerNode | undefined, what: string): DerNode {
  const inner = children(expect(node, 0, what, CONTEXT))[0];
  if (!inner) throw new DerError(`${what} is empty`);
  return inner;
}

/** Read the structure and every visible iteration count, deriving nothing (RFC 7292 §4, §4.1). */
function parsePfx(bytes: Uint8Array, budget: DerivationBudget): ParsedPfx {
  // PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe ContentInfo, macData MacData OPTIONAL }
  const [version, authSafeInfo, macNode] = sequence(readDer(bytes), 'the PFX');
  if (integer(version, 'the PFX version') !== 3n) throw new DerError('the PFX version is not 3');
  const [authType, authContent] = sequence(authSafeInfo, 'the authSafe');
  const authTypeOid = oid(authType);
  if (authTypeOid === OID.signedData) throw unsupportedMode('public-key integrity (a signed authSafe)');
  if (authTypeOid !== OID.data) throw new DerError(`the authSafe has the content type ${authTypeOid}`);
  const authSafe = octets(explicit0(authContent, 'the authSafe content'), 'the authSafe');

  let mac: ParsedPfx['mac'];
  if (macNode) {
    // MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }
    const [digestInfo, salt, count] = sequence(macNode, 'the MacData');
    const [algorithm, value] = sequence(digestInfo, "the MAC's DigestInfo");
    const digestOid = oid(sequence(algorithm, "the MAC's digest algorithm")[0]);
    const digest = digestOfOid(digestOid);
    if (!digest) throw unsupportedMode(`a MAC with the digest ${digestOid}`);
    const iterations = budget.add('MAC', count ? integer(count, "the MAC's iterations") : 1n);
    mac = { digest, value: octets(value), salt: octets(salt), iterations };
  }

  const parts: Part[] = [];
  for (const contentInfo of sequence(readDer(authSafe), 'the AuthenticatedSafe')) {
    const [type, content] = sequence(contentInfo, 'a ContentInfo');
    const typeOid = oid(type);
    if (typeOid === OID.data) {
      const safe = octets(explicit0(content, 'a data ContentInfo'), 'the SafeContents');
      parts.push({ bags: readSafeContents(safe, budget, emptyBags()) });
    } else if (typeOid === OID.encryptedData) {
      // EncryptedData ::= SEQUENCE { version, EncryptedContentInfo ::= SEQUENCE { contentType,
      //   contentEncryptionAlgorithm, encryptedContent [0] IMPLICIT OCTET STRING OPTIONAL } } (RFC 2315 §13)
      const [, encryptedContentInfo] = sequence(explicit0(content, 'an encryptedData'), 'the EncryptedData');
      const [, algorithm, encrypted] = sequence(encryptedContentInfo, 'the EncryptedContentInfo');
      const scheme = parsePbeAlgorithm(algorithm!, 'certificate safe', budget);
      const ciphertext = encrypted
        ? octets(expect(encrypted, 0, 'the encrypted content', CONTEXT))
        : Buffer.alloc(0);
      parts.push({ scheme, ciphertext });
    } else if (typeOid === OID.envelopedData) {
      throw unsupportedMode('public-key privacy (an envelopedData part)');
    } else {
      throw new DerError(`a ContentInfo of the AuthenticatedSafe has the content type ${typeOid}`);
    }
  }
  return { authSafe, ...(mac ? { mac } : {}), parts };
}

/** PBES2 keys start deriving at once, on the threadpool; PKCS#12-KDF ones only when awaited (they run here). */
function startDerivation(scheme: PbeScheme, password: string): () => Promise<DerivedKey> {
  if (scheme.kind !== 'pbes2') return () => deriveKey(scheme, password);
  const pending = deriveKey(scheme, password);
  pending.catch(() => undefined); // awaited later, or dropped when the MAC fails
  return () => pending;
}

function rethrow(error: unknown): never {
  if (error instanceof AnchorageError) throw error;
  if (error instanceof DerError) throw malformed(error.message, error);
  throw malformed(error instanceof Error ? error.message : String(error), error);
}

/**
 * Open a PFX: check its size and iteration counts, verify its MAC, decrypt its bags, and return the key, its
 * certificate and the chain.
 * @throws AnchorageError INPUT_TOO_LARGE, ITERATIONS_TOO_HIGH, UNSUPPORTED_ALGORITHM, WRONG_PASSWORD,
 *   MALFORMED_PFX, KEY_MISMATCH, UNSUPPORTED_KEY.
 */
export async function readPfx(bytes: Uint8Array, password: string): Promise<PfxContents> {
  assertInputSize(bytes.length);
  const budget = new DerivationBudget();
  const collected = emptyBags();
  const protection: PfxProtection = { encryption: [] };
  try {
    const pfx = parsePfx(bytes, budget);
    if (pfx.mac) protection.mac = { digest: pfx.mac.digest, iterations: pfx.mac.iterations };
    for (const part of pfx.parts)
      if ('scheme' in part) protection.encryption.push(describeScheme('certificates', part.scheme));
    // Everything visible has passed the budget: start the PBES2 derivations, then compute the MAC meanwhile.
    const derivations = pfx.parts.map((part) =>
      'scheme' in part ? startDerivation(part.scheme, password) : null,
    );
    const plainKeys = pfx.parts.flatMap((part) =>
      'bags' in part
        ? part.bags.shroudedKeys.map((k) => ({ ...k, derive: startDerivation(k.scheme, password) }))
        : [],
    );
    if (pfx.mac) {
      const { digest, salt, iterations, value } = pfx.mac;
      const key = pkcs12Kdf(digest, bmpPassword(password), salt, 3, iterations, DIGESTS[digest].u);
      const expected = createHmac(digest, key).update(pfx.authSafe).digest();
      if (expected.length !== value.length || !timingSafeEqual(expected, value)) throw wrongPassword();
    }
    const undecryptable = (what: string): AnchorageError =>
      pfx.mac ? malformed(`its MAC verifies, but its ${what} does not decrypt`) : wrongPassword();
    const shrouded: Array<SafeBags['shroudedKeys'][number] & { derive: () => Promise<DerivedKey> }> = [
      ...plainKeys,
    ];
    for (const [i, part] of pfx.parts.entries()) {
      let bags: SafeBags;
      if ('bags' in part) bags = part.bags;
      else {
        const plaintext = decrypt(part.scheme, await derivations[i]!(), part.ciphertext);
        if (!plaintext) throw undecryptable('certificate safe');
        bags = readSafeContents(plaintext, budget, emptyBags());
        shrouded.push(
          ...bags.shroudedKeys.map((k) => ({ ...k, derive: startDerivation(k.scheme, password) })),
        );
      }
      collected.certificates.push(...bags.certificates);
      collected.keys.push(...bags.keys);
      collected.friendlyNames.push(...bags.friendlyNames);
    }
    for (const key of shrouded) {
      protection.encryption.push(describeScheme('key', key.scheme));
      const plaintext = decrypt(key.scheme, await key.derive(), key.ciphertext);
      if (!plaintext) throw undecryptable('key bag');
      collected.keys.push(new Uint8Array(plaintext));
    }
  } catch (error) {
    rethrow(error);
  }
  return { ...assemble(collected), protection };
}

/** The leaf, chain and key from the collected bags. */
function assemble(bags: SafeBags): Omit<PfxContents, 'protection'> {
  const certs = bags.certificates.map(certificateFromDer);
  const keys = bags.keys.map((pkcs8) => {
    try {
      return privateKeyObject(pkcs8);
    } catch (cause) {
      throw malformed('its key bag does not hold a valid PKCS#8 private key', cause);
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
