/** Order certificates leaf → … → root by following issuer names (what bundles and PFX files should hold). */
import type { x509 } from './provider';

/**
 * `others` ordered so each certificate issued the previous one, starting from `leaf`'s issuer; certificates
 * that are not part of that path keep their order at the end. Duplicates of the leaf are dropped.
 */
export function orderChain(
  leaf: x509.X509Certificate,
  others: readonly x509.X509Certificate[],
): x509.X509Certificate[] {
  const rest = others.filter((c) => !c.equal(leaf));
  const ordered: x509.X509Certificate[] = [];
  let current = leaf;
  while (current.subject !== current.issuer) {
    const index = rest.findIndex((c) => c.subject === current.issuer);
    if (index < 0) break;
    const [next] = rest.splice(index, 1);
    if (!next) break;
    ordered.push(next);
    current = next;
  }
  return [...ordered, ...rest];
}
