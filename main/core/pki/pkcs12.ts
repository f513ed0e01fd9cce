/**
 * PKCS#12 (PFX) files with node-forge's ASN.1 and PBE primitives (ARCHITECTURE §6). forge's own
 * `toPkcs12Asn1` cannot do what we need (SHA-1 MAC only, certificates unencrypted, RSA keys only), so the
 * PFX is assembled here from its parts (RFC 7292), and read back with forge's `pkcs12FromAsn1`.
 */
import { createHash, createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { AnchorageError } from '../../../shared/errors';
import { orderChain } from './chain';
import { pfxCertificates } from './pfx-certs';
import { assertKeyMatches, keyMatches, keyTypeOf, privateKeyObject } from './keys';
import type { KeyType } from './keys';
import { certificateFromDer, toCertificate } from './pem';
import type { CertificateInput } from './pem';
import { validatePfxPassword } from './pfx-password';
import type { x509 } from './provider';

const { asn1, pki } = forge;
// The typings omit pki.pbe, which node-forge exports (lib/pbe.js): the PKCS#12 KDF of RFC 7292 Appendix B.
const pbe = (pki as unknown as { pbe: { generatePkcs12Key: GeneratePkcs12Key } }).pbe;
type Asn1 = forge.asn1.Asn1;
type GeneratePkcs12Key = (
  password: string,
  salt: forge.util.ByteStringBuffer,
  id: number,
  iterations: number,
  bytes: number,
  md: forge.md.MessageDigest,
) => forge.util.ByteStringBuffer;

/**
 * The two profiles users need. `modern` is OpenSSL 3's default profile. `legacy` is what older Java, Mendix
 * Cloud and Windows Server 2016 can open; 3DES rather than RC2 because OpenSSL 3 reads 3DES without -legacy.
 */
export const PFX_PRESETS = {
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
} as const;
export type PfxPreset = keyof typeof PFX_PRESETS;
export const PFX_PRESET_NAMES = Object.keys(PFX_PRESETS) as PfxPreset[];

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

const U = asn1.Class.UNIVERSAL;
const T = asn1.Type;
const seq = (items: Asn1[]): Asn1 => asn1.create(U, T.SEQUENCE, true, items);
const set = (items: Asn1[]): Asn1 => asn1.create(U, T.SET, true, items);
const oid = (id: string): Asn1 => asn1.create(U, T.OID, false, asn1.oidToDer(id).getBytes());
const octets = (bytes: string): Asn1 => asn1.create(U, T.OCTETSTRING, false, bytes);
const explicit0 = (inner: Asn1): Asn1 => asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [inner]);
const int = (n: number): Asn1 => asn1.create(U, T.INTEGER, false, asn1.integerToDer(n).getBytes());
const bin = (bytes: Uint8Array): string => Buffer.from(bytes).toString('binary');
const der = (node: Asn1): string => asn1.toDer(node).getBytes();
const OIDS = pki.oids as Record<string, string>;

function bagAttributes(localKeyId: string, friendlyName: string): Asn1 {
  return set([
    seq([oid(OIDS.friendlyName!), set([asn1.create(U, T.BMPSTRING, false, friendlyName)])]),
    seq([oid(OIDS.localKeyId!), set([octets(localKeyId)])]),
  ]);
}

/** ContentInfo of type data wrapping DER bytes (RFC 2315 §8). */
function dataContentInfo(content: string): Asn1 {
  return seq([oid(OIDS.data!), explicit0(octets(content))]);
}

/**
 * ContentInfo of type encryptedData (RFC 2315 §13). forge's encryptPrivateKeyInfo is a generic
 * "PBE-encrypt this ASN.1" that returns {algorithm, ciphertext}; reuse it for SafeContents.
 */
function encryptedContentInfo(content: Asn1, password: string, preset: PfxPreset): Asn1 {
  const encrypted = pki.encryptPrivateKeyInfo(content, password, { ...PFX_PRESETS[preset].encryption });
  const [algorithm, ciphertext] = encrypted.value as Asn1[];
  const encryptedContent = asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, false, ciphertext!.value as string);
  return seq([
    oid(OIDS.encryptedData!),
    explicit0(seq([int(0), seq([oid(OIDS.data!), algorithm!, encryptedContent])])),
  ]);
}

/** MacData with the PKCS#12 KDF (RFC 7292 Appendix B) and HMAC over the AuthenticatedSafe. */
function macData(authSafe: string, password: string, preset: PfxPreset): Asn1 {
  const { digest, keyBytes, iterations, saltSize } = PFX_PRESETS[preset].mac;
  const salt = forge.random.getBytesSync(saltSize);
  const md = digest === 'sha256' ? forge.md.sha256.create() : forge.md.sha1.create();
  const key = pbe.generatePkcs12Key(password, forge.util.createBuffer(salt), 3, iterations, keyBytes, md);
  const hmac = forge.hmac.create();
  hmac.start(digest === 'sha256' ? forge.md.sha256.create() : forge.md.sha1.create(), key);
  hmac.update(authSafe);
  const digestOid = digest === 'sha256' ? OIDS.sha256! : OIDS.sha1!;
  return seq([
    seq([seq([oid(digestOid), asn1.create(U, T.NULL, false, '')]), octets(hmac.digest().getBytes())]),
    octets(salt),
    int(iterations),
  ]);
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
      `Use ${PFX_PRESET_NAMES.join(' or ')}.`,
    );
  }
  const leaf = toCertificate(options.certificate);
  keyTypeOf(leaf);
  assertKeyMatches(options.privateKeyPkcs8, leaf);
  const chain = orderChain(leaf, (options.chain ?? []).map(toCertificate));
  const leafDer = new Uint8Array(leaf.rawData);
  const localKeyId = createHash('sha1').update(leafDer).digest('binary');
  const friendlyName = options.friendlyName ?? leaf.subjectName.getField('CN')[0] ?? 'anchorage';
  const attrs = bagAttributes(localKeyId, friendlyName);

  const certBags = [leaf, ...chain].map((cert, i) => {
    const bag = seq([
      oid(OIDS.certBag!),
      explicit0(seq([oid(OIDS.x509Certificate!), explicit0(octets(bin(new Uint8Array(cert.rawData))))])),
    ]);
    if (i === 0) (bag.value as Asn1[]).push(attrs);
    return bag;
  });

  // PKCS#8 goes in as DER, whatever the algorithm: this is how EC keys get wrapped, which forge cannot parse.
  const privateKeyInfo = asn1.fromDer(bin(options.privateKeyPkcs8));
  const shrouded = pki.encryptPrivateKeyInfo(privateKeyInfo, options.password, {
    ...PFX_PRESETS[preset].encryption,
  });
  const keyBag = seq([oid(OIDS.pkcs8ShroudedKeyBag!), explicit0(shrouded), attrs]);

  const authSafe = der(
    seq([encryptedContentInfo(seq(certBags), options.password, preset), dataContentInfo(der(seq([keyBag])))]),
  );
  const pfx = seq([int(3), dataContentInfo(authSafe), macData(authSafe, options.password, preset)]);
  return new Uint8Array(Buffer.from(der(pfx), 'binary'));
}

/** What a PFX holds. */
export interface PfxContents {
  certificate: x509.X509Certificate;
  /** Issuer certificates, leaf → root. */
  chain: x509.X509Certificate[];
  privateKeyPkcs8?: Uint8Array;
  keyType: KeyType;
  friendlyName?: string;
}

interface ForgeBag {
  type: string;
  cert?: forge.pki.Certificate | null;
  key?: forge.pki.PrivateKey | null;
  asn1?: Asn1;
  attributes?: Record<string, unknown[]>;
}

function classify(error: unknown): AnchorageError {
  const text = error instanceof Error ? error.message : String(error);
  if (
    /MAC could not be verified|Unable to decrypt|Failed to decrypt|wrong password|Invalid password/i.test(
      text,
    )
  ) {
    return new AnchorageError(
      'WRONG_PASSWORD',
      "The PFX password is wrong (the file's integrity check or decryption failed).",
      'Type the password that was set when the PFX was exported.',
    );
  }
  return new AnchorageError(
    'MALFORMED_PFX',
    `The file is not a readable PKCS#12 (PFX/P12) file: ${text}`,
    'Check that you picked a .pfx or .p12 file and that it is complete.',
    { cause: error },
  );
}

/**
 * forge parses RSA keys into numbers (and keeps only the ASN.1 of others). Its DER re-encoding of RSA integers
 * is not always canonical (OpenSSL then rejects the key), so hand the numbers to Node as a JWK instead.
 */
function rsaKeyObject(key: forge.pki.rsa.PrivateKey): KeyObject {
  const b64 = (n: forge.jsbn.BigInteger): string => {
    const hex = n.toString(16);
    return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex').toString('base64url');
  };
  return createPrivateKey({
    format: 'jwk',
    key: {
      kty: 'RSA',
      n: b64(key.n),
      e: b64(key.e),
      d: b64(key.d),
      p: b64(key.p),
      q: b64(key.q),
      dp: b64(key.dP),
      dq: b64(key.dQ),
      qi: b64(key.qInv),
    },
  });
}

function bagKey(bag: ForgeBag): Uint8Array | undefined {
  let key: KeyObject | undefined;
  if (bag.key) key = rsaKeyObject(bag.key as forge.pki.rsa.PrivateKey);
  else if (bag.asn1) key = privateKeyObject(new Uint8Array(Buffer.from(der(bag.asn1), 'binary')));
  return key ? new Uint8Array(key.export({ type: 'pkcs8', format: 'der' })) : undefined;
}

/**
 * Open a PFX: verify its MAC, decrypt its bags, and return the key, its certificate and the chain.
 * @throws AnchorageError WRONG_PASSWORD, MALFORMED_PFX, KEY_MISMATCH, UNSUPPORTED_KEY.
 */
export function readPfx(bytes: Uint8Array, password: string): PfxContents {
  let p12: forge.pkcs12.Pkcs12Pfx;
  let certs: x509.X509Certificate[];
  try {
    const pfx = asn1.fromDer(bin(bytes), false);
    p12 = forge.pkcs12.pkcs12FromAsn1(pfx, false, password);
    certs = pfxCertificates(pfx, password).map(certificateFromDer);
  } catch (error) {
    throw error instanceof AnchorageError ? error : classify(error);
  }
  const keys: Uint8Array[] = [];
  let friendlyName: string | undefined;
  try {
    for (const safe of p12.safeContents) {
      for (const bag of safe.safeBags as ForgeBag[]) {
        if (bag.type === OIDS.keyBag || bag.type === OIDS.pkcs8ShroudedKeyBag) {
          const key = bagKey(bag);
          if (key) keys.push(key);
        }
        const name = bag.attributes?.friendlyName?.[0];
        if (typeof name === 'string' && friendlyName === undefined) friendlyName = name;
      }
    }
  } catch (error) {
    throw error instanceof AnchorageError ? error : classify(error);
  }
  const key = keys[0];
  const leaf = (key ? certs.find((c) => keyMatches(key, c)) : undefined) ?? certs[0];
  if (!leaf) {
    throw new AnchorageError(
      'MALFORMED_PFX',
      'The PFX holds no certificate.',
      'Export the PFX again with its certificate.',
    );
  }
  if (key) assertKeyMatches(key, leaf);
  return {
    certificate: leaf,
    chain: orderChain(leaf, certs),
    ...(key ? { privateKeyPkcs8: key } : {}),
    keyType: keyTypeOf(leaf),
    ...(friendlyName !== undefined ? { friendlyName } : {}),
  };
}
