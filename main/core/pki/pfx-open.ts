/**
 * Opening PKCS#12 (PFX) files (RFC 7292) down to their bags' bytes: size and iteration counts checked and
 * charged to a budget (limits.ts) before anything derives, the MAC verified, every part decrypted. Certificates
 * stay DER here; pkcs12.ts readPfx parses them. Without a certificate parser, so that a PFX export checks the
 * file it wrote (pkcs12-export.ts) without loading @peculiar/x509 (issue 11 §3).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AnchorageError } from '../../../shared/errors';
import { CONTEXT, DerError, children, expect, integer, octets, oid, readDer, sequence } from './der';
import type { DerNode } from './der';
import { DerivationBudget, assertInputSize } from './limits';
import { DIGESTS, bmpPassword, decrypt, deriveKey, digestOfOid, parsePbeAlgorithm, pkcs12Kdf } from './pbe';
import type { DerivedKey, Digest, PbeScheme } from './pbe';
import { emptyBags, readSafeContents } from './pfx-certs';
import type { SafeBags } from './pfx-certs';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  envelopedData: '1.2.840.113549.1.7.3',
  encryptedData: '1.2.840.113549.1.7.6',
} as const;

/** The MAC and each encrypted part of a PFX (certificate safes first, then key bags), as read. */
export interface PfxProtection {
  mac?: { digest: Digest; iterations: number };
  encryption: Array<{ part: 'certificates' | 'key'; algorithm: string; iterations: number; prf?: Digest }>;
}

/** What an opened PFX holds, in file order: certificates as DER, keys as PKCS#8 DER (decrypted). */
export interface OpenedPfx {
  certificates: Uint8Array[];
  keys: Uint8Array[];
  friendlyNames: string[];
  protection: PfxProtection;
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

/** MALFORMED_PFX, saying what is wrong. */
export function malformedPfx(detail: string, cause?: unknown): AnchorageError {
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

/** Any failure as an AnchorageError: malformed ASN.1 (and anything unexpected) as MALFORMED_PFX. */
function rethrow(error: unknown): never {
  if (error instanceof AnchorageError) throw error;
  if (error instanceof DerError) throw malformedPfx(error.message, error);
  throw malformedPfx(error instanceof Error ? error.message : String(error), error);
}

/**
 * Open a PFX: check its size and iteration counts, verify its MAC, decrypt its bags, and return what they hold
 * as bytes. The bags' PBKDF2 runs on the libuv threadpool while this thread computes the MAC key.
 * @throws AnchorageError INPUT_TOO_LARGE, ITERATIONS_TOO_HIGH, UNSUPPORTED_ALGORITHM, WRONG_PASSWORD,
 *   MALFORMED_PFX.
 */
export async function openPfx(bytes: Uint8Array, password: string): Promise<OpenedPfx> {
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
      pfx.mac ? malformedPfx(`its MAC verifies, but its ${what} does not decrypt`) : wrongPassword();
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
  return {
    certificates: collected.certificates,
    keys: collected.keys,
    friendlyNames: collected.friendlyNames,
    protection,
  };
}
