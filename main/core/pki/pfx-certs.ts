/**
 * The SafeBags of a PKCS#12 SafeContents (RFC 7292 §4.2): certificates exactly as stored (their DER is kept as
 * is, so fingerprints match the file), plain and shrouded keys, and the friendlyName attribute. Shrouded keys
 * are only parsed here, their iteration counts charged to the budget; pkcs12.ts derives and decrypts them.
 */
import { CONTEXT, DerError, bmpString, children, expect, octets, oid, readDer, sequence } from './der';
import type { DerNode } from './der';
import type { DerivationBudget } from './limits';
import { parsePbeAlgorithm } from './pbe';
import type { PbeScheme } from './pbe';

const BAG = {
  key: '1.2.840.113549.1.12.10.1.1',
  shroudedKey: '1.2.840.113549.1.12.10.1.2',
  cert: '1.2.840.113549.1.12.10.1.3',
  safeContents: '1.2.840.113549.1.12.10.1.6',
} as const;
const X509_CERTIFICATE = '1.2.840.113549.1.9.22.1';
const FRIENDLY_NAME = '1.2.840.113549.1.9.20';
/** safeContentsBag nests SafeContents (§4.2.6); nobody nests deeply, and this bounds the recursion. */
const MAX_NESTING = 4;

/** What one SafeContents holds, in file order. */
export interface SafeBags {
  certificates: Uint8Array[];
  /** PKCS#8 PrivateKeyInfo DER of keyBags. */
  keys: Uint8Array[];
  /** pkcs8ShroudedKeyBags: EncryptedPrivateKeyInfo, parsed but not yet decrypted. */
  shroudedKeys: Array<{ scheme: PbeScheme; ciphertext: Buffer }>;
  friendlyNames: string[];
}

/** The `[0] EXPLICIT` value of a bag. */
function explicitValue(node: DerNode | undefined, what: string): DerNode {
  const wrapped = children(expect(node, 0, what, CONTEXT))[0];
  if (!wrapped) throw new DerError(`${what} is empty`);
  return wrapped;
}

function friendlyNameOf(attributes: DerNode | undefined): string | undefined {
  if (!attributes) return undefined;
  for (const attribute of children(attributes)) {
    const [type, values] = sequence(attribute, 'a bag attribute');
    if (oid(type) !== FRIENDLY_NAME || !values) continue;
    const first = children(values)[0];
    if (first) return bmpString(first);
  }
  return undefined;
}

/**
 * Walk a SafeContents (DER), collecting into `into`.
 * @throws DerError when malformed; AnchorageError ITERATIONS_TOO_HIGH, UNSUPPORTED_ALGORITHM from shrouded keys.
 */
export function readSafeContents(
  der: Uint8Array,
  budget: DerivationBudget,
  into: SafeBags,
  depth = 0,
): SafeBags {
  if (depth > MAX_NESTING) throw new DerError(`SafeContents nested more than ${MAX_NESTING} deep`);
  for (const bag of sequence(readDer(der), 'the SafeContents')) {
    const [bagId, bagValue, attributes] = sequence(bag, 'a SafeBag');
    const name = friendlyNameOf(attributes);
    if (name !== undefined) into.friendlyNames.push(name);
    switch (oid(bagId)) {
      case BAG.cert: {
        // CertBag ::= SEQUENCE { certId OID, certValue [0] EXPLICIT OCTET STRING } (§4.2.3)
        const [certId, certValue] = sequence(explicitValue(bagValue, 'a certBag'), 'a CertBag');
        if (oid(certId) === X509_CERTIFICATE) {
          into.certificates.push(new Uint8Array(octets(explicitValue(certValue, 'a certValue'))));
        }
        break;
      }
      case BAG.key:
        into.keys.push(new Uint8Array(raw(bagValue)));
        break;
      case BAG.shroudedKey: {
        // EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm, encryptedData OCTET STRING } (RFC 5958 §3)
        const [algorithm, data] = sequence(
          explicitValue(bagValue, 'a pkcs8ShroudedKeyBag'),
          'an EncryptedPrivateKeyInfo',
        );
        const scheme = parsePbeAlgorithm(algorithm!, 'key bag', budget);
        into.shroudedKeys.push({ scheme, ciphertext: octets(data, 'the encrypted key') });
        break;
      }
      case BAG.safeContents:
        readSafeContents(raw(bagValue), budget, into, depth + 1);
        break;
      default:
        // crlBag, secretBag and unknown bags carry nothing Anchorage imports.
        break;
    }
  }
  return into;
}

/** The whole TLV inside `[0] EXPLICIT` (its DER as it appears in the file). */
function raw(wrapper: DerNode | undefined): Buffer {
  const w = expect(wrapper, 0, 'a bag value', CONTEXT);
  const inner = children(w)[0];
  if (!inner) throw new DerError('a bag value is empty');
  // `content` of the wrapper starts at the inner TLV and ends where it ends (DER) or before the EOC (BER).
  return w.content.subarray(0, inner.end);
}

/** An empty {@link SafeBags}. */
export function emptyBags(): SafeBags {
  return { certificates: [], keys: [], shroudedKeys: [], friendlyNames: [] };
}
