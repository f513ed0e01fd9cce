/**
 * The certificates of a PFX exactly as stored. forge's PKCS#12 reader re-encodes the RSA-signed certificates it
 * parses (adding a NULL where the original may have none), which would change their fingerprints; so, after
 * forge has verified the MAC, walk the AuthenticatedSafe again (RFC 7292 §4) and take the certBag octets as is.
 */
import forge from 'node-forge';

const { asn1, pki } = forge;
type Asn1 = forge.asn1.Asn1;
const OIDS = pki.oids as Record<string, string>;
type GetCipher = (oid: string, params: Asn1, password: string) => forge.cipher.BlockCipher;
// The typings omit pki.pbe.getCipher, which node-forge exports (lib/pbe.js).
const getCipher = (pki as unknown as { pbe: { getCipher: GetCipher } }).pbe.getCipher;

const children = (node: Asn1 | undefined): Asn1[] =>
  Array.isArray(node?.value) ? (node.value as Asn1[]) : [];
const oidOf = (node: Asn1 | undefined): string => asn1.derToOid(node?.value as string);

/** The bytes of an OCTET STRING, joining the chunks of a BER constructed one (Windows writes those). */
function octets(node: Asn1 | undefined): string {
  if (!node) throw new Error('missing OCTET STRING');
  return typeof node.value === 'string' ? node.value : children(node).map(octets).join('');
}

/** SafeContents bytes of one ContentInfo of the AuthenticatedSafe (data or password-encrypted data). */
function safeContents(contentInfo: Asn1, password: string): string | undefined {
  const [type, wrapped] = children(contentInfo);
  const content = children(wrapped)[0];
  const oid = oidOf(type);
  if (oid === OIDS.data) return octets(content);
  if (oid !== OIDS.encryptedData) return undefined;
  const encryptedContentInfo = children(content)[1];
  const [, algorithm, encrypted] = children(encryptedContentInfo);
  const [algOid, params] = children(algorithm);
  const cipher = getCipher(oidOf(algOid), params!, password);
  cipher.update(forge.util.createBuffer(octets(encrypted)));
  if (!cipher.finish()) throw new Error('Failed to decrypt PKCS#12 SafeContents.');
  return cipher.output.getBytes();
}

/** DER of every X.509 certBag in the PFX, in file order. */
export function pfxCertificates(pfx: Asn1, password: string): Uint8Array[] {
  // PFX ::= SEQUENCE { version, authSafe ContentInfo { data, [0] OCTET STRING }, macData }
  const [, authSafeInfo] = children(pfx);
  const authSafe = asn1.fromDer(octets(children(children(authSafeInfo)[1])[0]), false);
  const out: Uint8Array[] = [];
  for (const contentInfo of children(authSafe)) {
    const bytes = safeContents(contentInfo, password);
    if (bytes === undefined) continue;
    for (const bag of children(asn1.fromDer(bytes, false))) {
      const [bagId, bagValue] = children(bag);
      if (oidOf(bagId) !== OIDS.certBag) continue;
      const [certId, certValue] = children(children(bagValue)[0]);
      if (oidOf(certId) !== OIDS.x509Certificate) continue;
      out.push(new Uint8Array(Buffer.from(octets(children(certValue)[0]), 'binary')));
    }
  }
  return out;
}
