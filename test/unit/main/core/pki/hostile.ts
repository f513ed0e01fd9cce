/**
 * Builders of hostile PKI files for tests (nothing is committed): PFX files with their iteration counts
 * rewritten (the refusal comes before any derivation, so MAC and ciphertext need not match), and
 * certificates with an edited field, re-signed with node:crypto.
 */
import { sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { TAG, children, derInteger, derSequence, readDer, tlv } from '../../../../../main/core/pki/der';
import type { DerNode } from '../../../../../main/core/pki/der';

/** A DER tree that re-encodes itself, descending into OCTET STRINGs that hold one whole DER value. */
interface Tree {
  id: number;
  items?: Tree[];
  inner?: Tree;
  content?: Buffer;
}

function tree(node: DerNode): Tree {
  const id = node.raw[0]!;
  if (node.constructed) return { id, items: children(node).map(tree) };
  if (node.tag === TAG.OCTET_STRING && node.cls === 0 && node.content[0] === 0x30) {
    try {
      const inner = readDer(node.content);
      if (inner.end === node.content.length) return { id, inner: tree(inner) };
    } catch {
      // opaque bytes
    }
  }
  return { id, content: node.content };
}

function encode(t: Tree): Buffer {
  if (t.items) return tlv(t.id, ...t.items.map(encode));
  if (t.inner) return tlv(t.id, encode(t.inner));
  return tlv(t.id, t.content!);
}

/** Every `SEQUENCE { OCTET STRING salt, INTEGER count, … }` (PBKDF2-params, pkcs-12PbeParams), in file order. */
function pbeParams(t: Tree, out: Tree[] = []): Tree[] {
  const [a, b] = t.items ?? [];
  if (t.id === 0x30 && a?.id === 0x04 && b?.id === 0x02) out.push(t);
  for (const c of t.items ?? []) pbeParams(c, out);
  if (t.inner) pbeParams(t.inner, out);
  return out;
}

/**
 * A copy of `pfx` with new iteration counts: `mac` for MacData, `pbe[i]` for the i-th PBE parameters in file
 * order (for Anchorage's PFX files: 0 the certificate safe, 1 the key bag).
 */
export function withIterations(
  pfx: Uint8Array,
  counts: { mac?: number; pbe?: Array<number | undefined> },
): Buffer {
  const root = tree(readDer(pfx));
  if (counts.mac !== undefined) {
    const mac = root.items![2]!;
    mac.items![2] = { id: 0x02, content: derInteger(counts.mac).subarray(2) };
  }
  const params = pbeParams(root);
  counts.pbe?.forEach((count, i) => {
    if (count === undefined) return;
    const p = params[i];
    if (!p) throw new Error(`the PFX has no PBE parameters #${i}`);
    p.items![1] = { id: 0x02, content: derInteger(count).subarray(2) };
  });
  return encode(root);
}

/**
 * A certificate with `edit` applied to its TBSCertificate DER (lengths kept), re-signed with the issuer's key
 * under the same signature algorithm (ECDSA with SHA-256 or RSA PKCS#1 v1.5 with SHA-256).
 */
export function resigned(certDer: Uint8Array, issuerKey: KeyObject, edit: (tbs: Buffer) => Buffer): Buffer {
  const cert = readDer(certDer);
  const [tbs, algorithm] = children(cert);
  const newTbs = edit(Buffer.from(tbs!.raw));
  const signature = sign('sha256', newTbs, issuerKey);
  return derSequence(newTbs, algorithm!.raw, tlv(0x03, Buffer.from([0]), signature));
}

/** Replace the first occurrence of `from` with `to` (same length) in `bytes`. */
export function patch(bytes: Buffer, from: Buffer, to: Buffer): Buffer {
  const at = bytes.indexOf(from);
  if (at < 0 || from.length !== to.length) throw new Error('patch: pattern not found or lengths differ');
  const out = Buffer.from(bytes);
  to.copy(out, at);
  return out;
}
