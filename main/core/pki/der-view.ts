/**
 * A {@link CertificateView} read straight from the DER with ./der and node:crypto, so that `inspect` of a
 * certificate never loads @peculiar/x509 (issue 11 §3: 11–15 ms of its start). ./x509-view.ts is the reference:
 * this reader takes only what it is certain to read as x509 does (RFC 5280 §4.1 in strict DER; names whose
 * values are UTF8String, PrintableString or IA5String; RSA and EC P-256/P-384/P-521 keys; the extensions the
 * rules read, and those x509 leaves unparsed) and answers `undefined` for anything else, for the caller to read
 * with x509: so an unusual certificate, and a damaged one (which x509 refuses, naming the part), gets x509's
 * answer. test/unit/main/core/pki/certificate-view.test.ts compares the two.
 */
import { createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { CertificateView } from './certificate-view';
import { CONTEXT, TAG, children, integer, oid, readDer, sequence } from './der';
import type { DerNode } from './der';
import { derTime } from './der-summary';
import { rfc4514 } from './dn';

const BOOLEAN = 1;
const BIT_STRING = 3;
const UTF8_STRING = 12;
const PRINTABLE_STRING = 19;
const IA5_STRING = 22;

/** The extensions this reader reads (RFC 5280 §4.2.1). */
const EXT = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
} as const;

/**
 * The extensions @peculiar/x509 parses (and refuses when damaged) that this reader does not: a certificate with
 * one of them is x509's to read. Any other extension x509 keeps as bytes, and so does this reader.
 */
const LEFT_TO_X509 = new Set([
  '2.5.29.32', // certificatePolicies
  '2.5.29.31', // cRLDistributionPoints
  '1.3.6.1.5.5.7.1.1', // authorityInfoAccess
  '2.5.29.18', // issuerAltName
]);

/** Signature algorithms whose self-signature this reader checks, with their hash (RFC 4055, RFC 5758). */
const SIGNATURES: Record<string, { key: 'rsa' | 'ec'; hash: string }> = {
  '1.2.840.113549.1.1.5': { key: 'rsa', hash: 'sha1' },
  '1.2.840.113549.1.1.11': { key: 'rsa', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { key: 'rsa', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { key: 'rsa', hash: 'sha512' },
  '1.2.840.10045.4.1': { key: 'ec', hash: 'sha1' },
  '1.2.840.10045.4.3.2': { key: 'ec', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { key: 'ec', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { key: 'ec', hash: 'sha512' },
};

/** The octets of r and of s in an ECDSA signature on each curve WebCrypto (and so x509) verifies on. */
const EC_POINT_SIZE: Record<string, number> = { prime256v1: 32, secp384r1: 48, secp521r1: 66 };

/** A certificate this reader does not take: caught in {@link derCertificateView}, which answers `undefined`. */
class NotTaken extends Error {}
function take<T>(value: T | undefined | false): T {
  if (value === undefined || value === false) throw new NotTaken();
  return value;
}

/**
 * True when `node` and everything inside it is DER (X.690 §10): definite, minimal lengths, low tag numbers, and
 * only SEQUENCE and SET (and context tags) constructed: no BER form whose reading might differ.
 */
function strictDer(node: DerNode): boolean {
  if (node.tag > 30) return false;
  const length = node.content.length;
  let lengthOctets = 1;
  if (length >= 0x80) for (let n = length; n > 0; n = Math.floor(n / 256)) lengthOctets++;
  if (node.raw.length !== 1 + lengthOctets + length) return false;
  if (!node.constructed) return true;
  if (node.cls === 0 && node.tag !== TAG.SEQUENCE && node.tag !== TAG.SET) return false;
  return children(node).every(strictDer);
}

/** A universal primitive value of `tag`. */
function primitive(node: DerNode | undefined, tag: number): DerNode {
  return take(node && node.cls === 0 && !node.constructed && node.tag === tag && node);
}

/** A DER BOOLEAN (X.690 §11.1: FF or 00). */
function boolean(node: DerNode | undefined): boolean {
  const { content } = primitive(node, BOOLEAN);
  take(content.length === 1 && (content[0] === 0xff || content[0] === 0));
  return content[0] === 0xff;
}

const ascii = (bytes: Buffer): boolean => bytes.every((b) => b < 0x80);

/** The text of a name's value as asn1js decodes it, for the string types this reader takes. */
function valueText(value: DerNode): string {
  take(value.cls === 0 && !value.constructed);
  if (value.tag === UTF8_STRING) {
    const text = value.content.toString('utf8');
    take(Buffer.from(text, 'utf8').equals(value.content));
    return text;
  }
  take((value.tag === PRINTABLE_STRING || value.tag === IA5_STRING) && ascii(value.content));
  return value.content.toString('latin1');
}

/** @peculiar/x509's short names (its `names` table), for {@link x509NameText}. */
const X509_SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'E',
  '2.5.4.42': 'G',
  '2.5.4.43': 'I',
  '2.5.4.4': 'SN',
  '2.5.4.12': 'T',
};

/** @peculiar/x509's value escaping, as it is (only the first CR, LF or tab becomes \XX). */
function x509Escape(text: string): string {
  return text
    .replace(/([,+"\\<>;])/g, '\\$1')
    .replace(/^([ #])/, '\\$1')
    .replace(/([ ]$)/, '\\$1')
    .replace(/([\r\n\t])/, (ch) => `\\${Buffer.from(ch, 'utf8').toString('hex').toUpperCase()}`);
}

/**
 * A Name as @peculiar/x509's `Name.toString()` prints it (certificate order, `, ` and `+`), and its RDN count;
 * the name must be one this reader takes (no empty RDN, string values only).
 */
function x509NameText(name: DerNode): { text: string; rdns: number } {
  const rdns = sequence(name, 'a Name');
  const text = rdns
    .map((rdn) => {
      take(rdn.cls === 0 && rdn.tag === TAG.SET);
      const attributes = children(rdn);
      take(attributes.length > 0);
      return attributes
        .map((attribute) => {
          const parts = sequence(attribute, 'an AttributeTypeAndValue');
          take(parts.length === 2);
          const id = oid(parts[0]);
          return `${X509_SHORT_NAMES[id] ?? id}=${x509Escape(valueText(parts[1]!))}`;
        })
        .join('+');
    })
    .join(', ');
  return { text, rdns: rdns.length };
}

/** The public key, when it is one x509 reads with certainty: RSA (rsaEncryption) or EC on a named curve. */
function publicKeyOf(spki: DerNode): KeyObject {
  const key = createPublicKey({ key: spki.raw, format: 'der', type: 'spki' });
  take(
    key.asymmetricKeyType === 'rsa' ||
      (key.asymmetricKeyType === 'ec' &&
        EC_POINT_SIZE[key.asymmetricKeyDetails?.namedCurve ?? ''] !== undefined),
  );
  return key;
}

/** basicConstraints (RFC 5280 §4.2.1.9): SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }. */
function basicConstraints(value: DerNode): { ca: boolean; pathLength?: number } {
  const fields = sequence(value, 'basicConstraints');
  let at = 0;
  let ca = false;
  if (fields[at]?.tag === BOOLEAN) ca = boolean(fields[at++]);
  let pathLength: number | undefined;
  if (fields[at]) {
    const n = integer(primitive(fields[at++], TAG.INTEGER));
    take(n >= 0n && n < 0x7fffffffn);
    pathLength = Number(n);
  }
  take(at === fields.length);
  return pathLength === undefined ? { ca } : { ca, pathLength };
}

/** keyUsage (RFC 5280 §4.2.1.3): a BIT STRING, bit n counted as 2ⁿ, the unused bits dropped (as x509 does). */
function keyUsage(value: DerNode): number {
  const bits = primitive(value, BIT_STRING).content;
  const unused = bits[0] ?? 8;
  take(bits.length >= 2 && bits.length <= 3 && unused < 8);
  const total = (bits.length - 1) * 8 - unused;
  let usages = 0;
  for (let n = 0; n < total; n++) if (bits[1 + (n >> 3)]! & (0x80 >> (n & 7))) usages += 2 ** n;
  return usages;
}

/** extendedKeyUsage (RFC 5280 §4.2.1.12): a SEQUENCE of purpose OIDs. */
function extendedKeyUsage(value: DerNode): string[] {
  const purposes = sequence(value, 'extendedKeyUsage');
  take(purposes.length > 0);
  return purposes.map((p) => oid(p));
}

/** authorityKeyIdentifier (RFC 5280 §4.2.1.1) as Anchorage and openssl write it: the keyIdentifier alone. */
function authorityKeyIdentifier(value: DerNode): void {
  const fields = sequence(value, 'authorityKeyIdentifier');
  take(fields.length === 1 && fields[0]!.cls === CONTEXT && fields[0]!.tag === 0 && !fields[0]!.constructed);
}

/** subjectAltName (RFC 5280 §4.2.1.6) of the forms x509 reads without question: email, DNS, URI, IP address. */
function subjectAltName(value: DerNode): void {
  const names = sequence(value, 'subjectAltName');
  take(names.length > 0);
  for (const name of names) {
    take(name.cls === CONTEXT && !name.constructed);
    if (name.tag === 7) take(name.content.length === 4 || name.content.length === 16);
    else take([1, 2, 6].includes(name.tag) && ascii(name.content));
  }
}

interface Extensions {
  basicConstraints?: { ca: boolean; pathLength?: number; critical: boolean };
  keyUsage?: { usages: number; critical: boolean };
  extendedKeyUsage?: string[];
  hasSubjectKeyIdentifier: boolean;
  hasAuthorityKeyIdentifier: boolean;
}

/** The extensions (`[3] EXPLICIT Extensions`, RFC 5280 §4.1), each once, each one this reader takes. */
function extensions(wrapper: DerNode | undefined): Extensions {
  const out: Extensions = { hasSubjectKeyIdentifier: false, hasAuthorityKeyIdentifier: false };
  if (!wrapper) return out;
  const list = children(wrapper);
  take(list.length === 1);
  const seen = new Set<string>();
  for (const extension of sequence(list[0], 'the extensions')) {
    const fields = sequence(extension, 'an extension');
    const id = oid(fields[0]);
    take(!seen.has(id) && !LEFT_TO_X509.has(id));
    seen.add(id);
    const critical = fields.length === 3 ? boolean(fields[1]) : false;
    take(fields.length === 2 || fields.length === 3);
    const octets = primitive(fields[fields.length - 1], TAG.OCTET_STRING).content;
    const isKnown = (Object.values(EXT) as string[]).includes(id);
    if (!isKnown) continue;
    const value = readDer(octets);
    take(value.raw.length === octets.length && strictDer(value));
    if (id === EXT.basicConstraints) out.basicConstraints = { ...basicConstraints(value), critical };
    else if (id === EXT.keyUsage) out.keyUsage = { usages: keyUsage(value), critical };
    else if (id === EXT.extKeyUsage) out.extendedKeyUsage = extendedKeyUsage(value);
    else if (id === EXT.subjectKeyIdentifier) {
      primitive(value, TAG.OCTET_STRING);
      out.hasSubjectKeyIdentifier = true;
    } else if (id === EXT.authorityKeyIdentifier) {
      authorityKeyIdentifier(value);
      out.hasAuthorityKeyIdentifier = true;
    } else subjectAltName(value);
  }
  return out;
}

/** An INTEGER's magnitude octets without leading zeros, left-padded to `size` (x509's ECDSA signature formatter). */
function padded(node: DerNode | undefined, size: number): Buffer {
  let bytes = primitive(node, TAG.INTEGER).content;
  while (bytes.length > 0 && bytes[0] === 0) bytes = bytes.subarray(1);
  take(bytes.length <= size);
  return Buffer.concat([Buffer.alloc(size - bytes.length), bytes]);
}

/**
 * Whether the certificate's signature verifies with `key` (its own), as @peculiar/x509's `isSelfSigned` verifies
 * it through WebCrypto: PKCS#1 v1.5 or ECDSA with the algorithm's hash, an ECDSA signature as r‖s of the curve's
 * size. A signature algorithm outside {@link SIGNATURES}, or one that does not fit the key, is x509's to judge.
 */
function signatureVerifies(tbs: DerNode, algorithm: string, signature: Buffer, key: KeyObject): boolean {
  const { key: keyType, hash } = take(SIGNATURES[algorithm]);
  take(keyType === key.asymmetricKeyType);
  if (keyType === 'rsa') {
    take(signature.length === Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8));
    return verify(hash, tbs.raw, key, signature);
  }
  const size = EC_POINT_SIZE[key.asymmetricKeyDetails?.namedCurve ?? '']!;
  const value = readDer(signature);
  take(value.raw.length === signature.length && strictDer(value));
  const rs = sequence(value, 'an ECDSA signature');
  take(rs.length === 2);
  const p1363 = Buffer.concat([padded(rs[0], size), padded(rs[1], size)]);
  return verify(hash, tbs.raw, { key, dsaEncoding: 'ieee-p1363' }, p1363);
}

function read(bytes: Uint8Array): CertificateView {
  const der = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const certificate = readDer(der);
  take(certificate.raw.length === der.length && strictDer(certificate));
  const outer = sequence(certificate, 'the certificate');
  take(outer.length === 3);
  const [tbsNode, algorithmNode, signatureNode] = outer as [DerNode, DerNode, DerNode];
  const signatureBits = primitive(signatureNode, BIT_STRING).content;
  take(signatureBits.length > 1 && signatureBits[0] === 0);
  const algorithm = oid(sequence(algorithmNode, 'the signature algorithm')[0]);

  const tbs = sequence(tbsNode, 'the TBSCertificate');
  let at = 0;
  if (tbs[0]?.cls === CONTEXT && tbs[0].tag === 0) {
    const [version, ...more] = children(tbs[0]);
    const v = integer(primitive(version, TAG.INTEGER));
    take(more.length === 0 && v >= 0n && v <= 2n);
    at = 1;
  }
  // serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, then only extensions (RFC 5280 §4.1)
  const [serial, signature, issuer, validity, subject, spki, ...rest] = tbs.slice(at);
  primitive(serial, TAG.INTEGER);
  sequence(signature, 'the TBS signature algorithm');
  take(issuer && subject && spki);
  const wrapper = rest[0];
  take(rest.length === 0 || (rest.length === 1 && wrapper!.cls === CONTEXT && wrapper!.tag === 3));
  const times = sequence(validity, 'the validity');
  take(times.length === 2);
  const notBefore = take(derTime(times[0]));
  const notAfter = take(derTime(times[1]));

  const publicKey = publicKeyOf(take(spki));
  const subjectName = x509NameText(take(subject));
  const issuerName = x509NameText(take(issuer));
  const ext = extensions(wrapper);
  // x509 verifies only a self-issued certificate's signature (its isSelfSigned): so here, at once, in this thread.
  const selfSigned =
    subjectName.text === issuerName.text &&
    signatureVerifies(tbsNode, algorithm, signatureBits.subarray(1), publicKey);

  return {
    der: new Uint8Array(der),
    subject: rfc4514(new Uint8Array(subject!.raw)),
    issuer: rfc4514(new Uint8Array(issuer!.raw)),
    subjectKey: subjectName.text,
    issuerKey: issuerName.text,
    subjectRdns: subjectName.rdns,
    notBefore,
    notAfter,
    publicKey,
    ...ext,
    selfSigned: () => Promise.resolve(selfSigned),
  };
}

/**
 * The view of a DER certificate, or `undefined` when it is not in a form this reader takes (then
 * ./x509-view.ts reads it). Never throws: a certificate it cannot take apart is x509's to judge.
 */
export function derCertificateView(der: Uint8Array): CertificateView | undefined {
  try {
    return read(der);
  } catch {
    return undefined;
  }
}
