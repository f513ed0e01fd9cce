/**
 * Password-based encryption inside PKCS#12 files, on Node's native crypto: PBES2 with PBKDF2 (RFC 8018 §6.2,
 * §5.2) through `crypto.pbkdf2`, and the PKCS#12 PBE schemes (RFC 7292 Appendix B and C) with the Appendix B
 * KDF over native hashing. node-forge's pure-JS PBKDF2 and SHA made a 1,000,000-iteration PFX take 17 s.
 *
 * Reading is split so that a hostile file costs nothing: {@link parsePbeAlgorithm} reads the parameters and
 * charges their iteration counts to a {@link DerivationBudget} (which refuses them) before anything derives.
 */
import { createCipheriv, createDecipheriv, createHash, pbkdf2, pbkdf2Sync, randomBytes } from 'node:crypto';
import * as nodeCrypto from 'node:crypto';
import { AnchorageError } from '../../../shared/errors';
import {
  CONTEXT,
  DerError,
  TAG,
  derInteger,
  derNull,
  derOctets,
  derOid,
  derSequence,
  integer,
  octets,
  oid,
  sequence,
} from './der';
import type { DerNode } from './der';
import type { DerivationBudget } from './limits';

export type Digest = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** Output (u) and block (v) sizes in bytes (RFC 7292 Appendix B.2), by digest. */
export const DIGESTS: Record<Digest, { u: number; v: number; oid: string; hmacOid: string }> = {
  sha1: { u: 20, v: 64, oid: '1.3.14.3.2.26', hmacOid: '1.2.840.113549.2.7' },
  sha224: { u: 28, v: 64, oid: '2.16.840.1.101.3.4.2.4', hmacOid: '1.2.840.113549.2.8' },
  sha256: { u: 32, v: 64, oid: '2.16.840.1.101.3.4.2.1', hmacOid: '1.2.840.113549.2.9' },
  sha384: { u: 48, v: 128, oid: '2.16.840.1.101.3.4.2.2', hmacOid: '1.2.840.113549.2.10' },
  sha512: { u: 64, v: 128, oid: '2.16.840.1.101.3.4.2.3', hmacOid: '1.2.840.113549.2.11' },
};
const DIGEST_BY_OID = new Map(Object.entries(DIGESTS).map(([name, d]) => [d.oid, name as Digest]));
const PRF_BY_OID = new Map(Object.entries(DIGESTS).map(([name, d]) => [d.hmacOid, name as Digest]));

/** The digest a MacData's AlgorithmIdentifier names (RFC 7292 §4). */
export function digestOfOid(id: string): Digest | undefined {
  return DIGEST_BY_OID.get(id);
}

const OID = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
} as const;

/** PBES2 encryption schemes: OpenSSL cipher name, key and IV length. */
const PBES2_CIPHERS: Record<string, { cipher: string; keyLength: number; ivLength: number; name: string }> = {
  '2.16.840.1.101.3.4.1.2': { cipher: 'aes-128-cbc', keyLength: 16, ivLength: 16, name: 'AES-128-CBC' },
  '2.16.840.1.101.3.4.1.22': { cipher: 'aes-192-cbc', keyLength: 24, ivLength: 16, name: 'AES-192-CBC' },
  '2.16.840.1.101.3.4.1.42': { cipher: 'aes-256-cbc', keyLength: 32, ivLength: 16, name: 'AES-256-CBC' },
  '1.2.840.113549.3.7': { cipher: 'des-ede3-cbc', keyLength: 24, ivLength: 8, name: 'DES-EDE3-CBC' },
  '1.3.14.3.2.7': { cipher: 'des-cbc', keyLength: 8, ivLength: 8, name: 'DES-CBC' },
};

/** The PKCS#12 PBE schemes (RFC 7292 Appendix C), all with SHA-1. */
const PKCS12_PBE: Record<string, { cipher: string; keyLength: number; ivLength: number; name: string }> = {
  '1.2.840.113549.1.12.1.1': { cipher: 'rc4', keyLength: 16, ivLength: 0, name: 'pbeWithSHAAnd128BitRC4' },
  '1.2.840.113549.1.12.1.2': { cipher: 'rc4-40', keyLength: 5, ivLength: 0, name: 'pbeWithSHAAnd40BitRC4' },
  '1.2.840.113549.1.12.1.3': {
    cipher: 'des-ede3-cbc',
    keyLength: 24,
    ivLength: 8,
    name: 'pbeWithSHAAnd3-KeyTripleDES-CBC',
  },
  '1.2.840.113549.1.12.1.4': {
    cipher: 'des-ede-cbc',
    keyLength: 16,
    ivLength: 8,
    name: 'pbeWithSHAAnd2-KeyTripleDES-CBC',
  },
  '1.2.840.113549.1.12.1.5': {
    cipher: 'rc2-cbc',
    keyLength: 16,
    ivLength: 8,
    name: 'pbeWithSHAAnd128BitRC2-CBC',
  },
  '1.2.840.113549.1.12.1.6': {
    cipher: 'rc2-40-cbc',
    keyLength: 5,
    ivLength: 8,
    name: 'pbeWithSHAAnd40BitRC2-CBC',
  },
};

/** PBES1 (RFC 8018 §6.1): DES/RC2 with MD2/MD5/SHA-1, 56-bit keys; only named in the refusal. */
const PBES1 = new Set(['1', '3', '4', '6', '10', '11'].map((n) => `1.2.840.113549.1.5.${n}`));

/** A password-based encryption scheme as read from an AlgorithmIdentifier, its counts already charged. */
export type PbeScheme =
  | {
      kind: 'pbes2';
      prf: Digest;
      salt: Buffer;
      iterations: number;
      cipher: string;
      keyLength: number;
      iv: Buffer;
      name: string;
    }
  | {
      kind: 'pkcs12';
      salt: Buffer;
      iterations: number;
      cipher: string;
      keyLength: number;
      ivLength: number;
      name: string;
    };

/** Key and IV, ready for the cipher. */
export interface DerivedKey {
  key: Buffer;
  iv: Buffer | null;
}

const available = new Map<string, boolean>();
/** Whether this Node's OpenSSL provides `cipher` (OpenSSL 3 moved RC2, RC4 and DES to its legacy provider). */
function cipherAvailable(cipher: string, keyLength: number, ivLength: number): boolean {
  let ok = available.get(cipher);
  if (ok === undefined) {
    try {
      createDecipheriv(cipher, Buffer.alloc(keyLength), ivLength ? Buffer.alloc(ivLength) : null);
      ok = true;
    } catch {
      ok = false;
    }
    available.set(cipher, ok);
  }
  return ok;
}

function unsupported(name: string, what: string, detail = ''): AnchorageError {
  return new AnchorageError(
    'UNSUPPORTED_ALGORITHM',
    `The PFX's ${what} is encrypted with ${name}${detail}, which Anchorage cannot decrypt: OpenSSL 3 ` +
      'keeps this old algorithm in its legacy provider, which Node does not load.',
    'Export the PFX again with a modern profile (PBES2 with AES-256) or with 3DES (pbeWithSHAAnd3-KeyTripleDES-CBC).',
  );
}

/**
 * Read an encryption AlgorithmIdentifier (PBES2 or a PKCS#12 PBE id) and charge its iteration count to
 * `budget`, before anything derives.
 * @param what how messages name the part, e.g. "certificate bag".
 * @throws AnchorageError UNSUPPORTED_ALGORITHM, ITERATIONS_TOO_HIGH; DerError when malformed.
 */
export function parsePbeAlgorithm(algorithm: DerNode, what: string, budget: DerivationBudget): PbeScheme {
  const [idNode, params] = sequence(algorithm, `the ${what}'s encryption algorithm`);
  const id = oid(idNode);
  const legacy = PKCS12_PBE[id];
  if (legacy) {
    // pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING, iterations INTEGER } (RFC 7292 Appendix C)
    const [salt, count] = sequence(params, `the ${what}'s pkcs-12PbeParams`);
    const chains = Math.ceil(legacy.keyLength / DIGESTS.sha1.u) + Math.ceil(legacy.ivLength / DIGESTS.sha1.u);
    const iterations = budget.add(`${what} encryption (${legacy.name})`, integer(count), chains);
    if (!cipherAvailable(legacy.cipher, legacy.keyLength, legacy.ivLength))
      throw unsupported(legacy.name, what);
    return { kind: 'pkcs12', salt: octets(salt), iterations, ...legacy };
  }
  if (id === OID.pbes2) {
    // PBES2-params ::= SEQUENCE { keyDerivationFunc, encryptionScheme } (RFC 8018 Appendix A.4)
    const [kdf, scheme] = sequence(params, `the ${what}'s PBES2 parameters`);
    const [kdfId, kdfParams] = sequence(kdf, `the ${what}'s key derivation function`);
    if (oid(kdfId) !== OID.pbkdf2)
      throw unsupported(`PBES2 with the key derivation function ${oid(kdfId)}`, what);
    const [schemeId, ivNode] = sequence(scheme, `the ${what}'s encryption scheme`);
    const cipher = PBES2_CIPHERS[oid(schemeId)];
    if (!cipher) throw unsupported(`PBES2 with the cipher ${oid(schemeId)}`, what);
    // PBKDF2-params ::= SEQUENCE { salt CHOICE { specified OCTET STRING, … }, iterationCount INTEGER,
    //   keyLength INTEGER OPTIONAL, prf AlgorithmIdentifier DEFAULT hmacWithSHA1 } (RFC 8018 Appendix A.2)
    const [salt, count, ...rest] = sequence(kdfParams, `the ${what}'s PBKDF2 parameters`);
    if (salt?.tag !== TAG.OCTET_STRING)
      throw unsupported('PBKDF2 with a salt that is not given inline', what);
    let keyLength: number = cipher.keyLength;
    let prf: Digest = 'sha1';
    for (const node of rest) {
      if (node.tag === TAG.INTEGER && node.cls !== CONTEXT) keyLength = Number(integer(node));
      else {
        const prfId = oid(sequence(node, `the ${what}'s PBKDF2 PRF`)[0]);
        const found = PRF_BY_OID.get(prfId);
        if (!found) throw unsupported(`PBKDF2 with the PRF ${prfId}`, what);
        prf = found;
      }
    }
    if (keyLength !== cipher.keyLength)
      throw new DerError(`PBKDF2 key length ${keyLength} for ${cipher.name}`);
    const chains = Math.ceil(keyLength / DIGESTS[prf].u);
    const iterations = budget.add(`${what} encryption (PBKDF2)`, integer(count), chains);
    if (!cipherAvailable(cipher.cipher, cipher.keyLength, cipher.ivLength))
      throw unsupported(cipher.name, what);
    const iv = octets(ivNode, `the ${what}'s IV`);
    if (iv.length !== cipher.ivLength) throw new DerError(`an IV of ${iv.length} bytes for ${cipher.name}`);
    return {
      kind: 'pbes2',
      prf,
      salt: octets(salt),
      iterations,
      cipher: cipher.cipher,
      keyLength,
      iv,
      name: `PBES2 (PBKDF2-HMAC-${prf.toUpperCase()}, ${cipher.name})`,
    };
  }
  if (PBES1.has(id)) throw unsupported('PBES1', what, ` (${id})`);
  throw unsupported(`the algorithm ${id}`, what);
}

/** The password as the PKCS#12 KDF takes it: a BMPString with its two-zero-byte terminator (RFC 7292 B.1). */
export function bmpPassword(password: string): Buffer {
  return Buffer.concat([Buffer.from(password, 'utf16le').swap16(), Buffer.alloc(2)]);
}

type NativeHash = (algorithm: string, data: Uint8Array, outputEncoding: 'buffer') => Buffer;
// crypto.hash (Node ≥ 20.12, 21.7) is a one-shot native digest without a Hash object: about 0.5 µs a call
// against 0.9 µs for createHash, and the KDF below is one call per iteration.
const oneShot = (nodeCrypto as unknown as { hash?: NativeHash }).hash;
const digestOnce: (algorithm: string, data: Uint8Array) => Buffer = oneShot
  ? (algorithm, data) => oneShot(algorithm, data, 'buffer')
  : (algorithm, data) => createHash(algorithm).update(data).digest();

/** `src` repeated to the next multiple of v bytes (RFC 7292 B.2 steps 2–3; empty stays empty). */
function fill(src: Buffer, v: number): Buffer {
  const out = Buffer.alloc(v * Math.ceil(src.length / v));
  for (let i = 0; i < out.length; i++) out[i] = src[i % src.length]!;
  return out;
}

/**
 * The PKCS#12 key derivation function (RFC 7292 Appendix B.2) with native hashing.
 * @param id 1 for an encryption key, 2 for an IV, 3 for a MAC key (B.3).
 * @param password as {@link bmpPassword} encodes it.
 */
export function pkcs12Kdf(
  digest: Digest,
  password: Buffer,
  salt: Uint8Array,
  id: 1 | 2 | 3,
  iterations: number,
  n: number,
): Buffer {
  const { u, v } = DIGESTS[digest];
  const d = Buffer.alloc(v, id);
  const i = Buffer.concat([fill(Buffer.from(salt), v), fill(password, v)]);
  const c = Math.ceil(n / u);
  const out = Buffer.alloc(c * u);
  for (let block = 0; block < c; block++) {
    let a = digestOnce(digest, Buffer.concat([d, i]));
    for (let r = 1; r < iterations; r++) a = digestOnce(digest, a);
    a.copy(out, block * u);
    if (block + 1 < c) {
      // Step 6: B = A repeated to v bytes; each v-byte block I_j of I becomes (I_j + B + 1) mod 2^(8v).
      for (let j = 0; j < i.length; j += v) {
        let carry = 1;
        for (let k = v - 1; k >= 0; k--) {
          const sum = i[j + k]! + a[k % u]! + carry;
          i[j + k] = sum & 0xff;
          carry = sum >> 8;
        }
      }
    }
  }
  return out.subarray(0, n);
}

/**
 * Derive the key (and IV) of a scheme. PBES2 runs `crypto.pbkdf2` on the libuv threadpool, so several can run
 * while this thread computes the MAC; the PKCS#12 KDF runs here, synchronously.
 */
export function deriveKey(scheme: PbeScheme, password: string): Promise<DerivedKey> {
  if (scheme.kind === 'pbes2') {
    return new Promise((resolve, reject) =>
      pbkdf2(password, scheme.salt, scheme.iterations, scheme.keyLength, scheme.prf, (error, key) =>
        error ? reject(error) : resolve({ key, iv: scheme.iv }),
      ),
    );
  }
  try {
    const bmp = bmpPassword(password);
    const key = pkcs12Kdf('sha1', bmp, scheme.salt, 1, scheme.iterations, scheme.keyLength);
    const iv = scheme.ivLength
      ? pkcs12Kdf('sha1', bmp, scheme.salt, 2, scheme.iterations, scheme.ivLength)
      : null;
    return Promise.resolve({ key, iv });
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Decrypt; `undefined` when the padding is wrong (a wrong password, or damage). */
export function decrypt(scheme: PbeScheme, derived: DerivedKey, ciphertext: Uint8Array): Buffer | undefined {
  try {
    const decipher = createDecipheriv(scheme.cipher, derived.key, derived.iv);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return undefined;
  }
}

/** What {@link encryptForPfx} writes: PBES2 with PBKDF2 and AES-256-CBC, or PKCS#12 3DES (RFC 7292 C). */
export type PfxEncryption =
  | { algorithm: 'aes256'; prfAlgorithm: 'sha256'; count: number; saltSize: number }
  | { algorithm: '3des'; count: number; saltSize: number };

/**
 * Encrypt with a PFX profile's scheme. Returns the AlgorithmIdentifier (DER) and the ciphertext, laid out as
 * the files Anchorage has always written: PBKDF2-params with keyLength and an explicit hmacWithSHA256 PRF
 * (NULL parameters); pkcs-12PbeParams with an 8-byte salt.
 */
export function encryptForPfx(
  encryption: PfxEncryption,
  password: string,
  plaintext: Uint8Array,
): { algorithm: Buffer; ciphertext: Buffer } {
  const salt = randomBytes(encryption.saltSize);
  if (encryption.algorithm === 'aes256') {
    const prf = DIGESTS[encryption.prfAlgorithm];
    const iv = randomBytes(16);
    const key = pbkdf2Sync(password, salt, encryption.count, 32, encryption.prfAlgorithm);
    const cipher = createCipheriv('aes-256-cbc', key, iv);
    const algorithm = derSequence(
      derOid(OID.pbes2),
      derSequence(
        derSequence(
          derOid(OID.pbkdf2),
          derSequence(
            derOctets(salt),
            derInteger(encryption.count),
            derInteger(32),
            derSequence(derOid(prf.hmacOid), derNull()),
          ),
        ),
        derSequence(derOid('2.16.840.1.101.3.4.1.42'), derOctets(iv)),
      ),
    );
    return { algorithm, ciphertext: Buffer.concat([cipher.update(plaintext), cipher.final()]) };
  }
  const bmp = bmpPassword(password);
  const key = pkcs12Kdf('sha1', bmp, salt, 1, encryption.count, 24);
  const iv = pkcs12Kdf('sha1', bmp, salt, 2, encryption.count, 8);
  const cipher = createCipheriv('des-ede3-cbc', key, iv);
  const algorithm = derSequence(
    derOid('1.2.840.113549.1.12.1.3'),
    derSequence(derOctets(salt), derInteger(encryption.count)),
  );
  return { algorithm, ciphertext: Buffer.concat([cipher.update(plaintext), cipher.final()]) };
}
