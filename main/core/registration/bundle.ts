/**
 * Which of the user's CAs a trust anchor's certificate bundle holds. A CA renewed in place keeps its key and
 * subject (main/core/pki/ca.ts renewCa), so an anchor that still holds its earlier certificate is matched
 * too, as `current: false`: that anchor needs `aws update-anchor`. node:crypto parses (native, and the
 * bundle comes from AWS, so only public data).
 */
import { X509Certificate } from 'node:crypto';
import { pemBlocks } from '../pki/pem';

/** A certificate of a bundle, with what matching needs. */
export interface BundleCertificate {
  pem: string;
  /** SHA-256 of the DER, as CertificateSummary.sha256Fingerprint spells it (upper-case hex with colons). */
  fingerprint: string;
  subject: string;
  /** DER SubjectPublicKeyInfo, base64: the key a renewal keeps. */
  publicKey: string;
  validTo: Date;
}

/** The certificates of a PEM bundle; blocks that are not certificates, or do not parse, are left out. */
export function bundleCertificates(bundlePem: string): BundleCertificate[] {
  const out: BundleCertificate[] = [];
  for (const block of pemBlocks(bundlePem)) {
    if (block.label !== 'CERTIFICATE') continue;
    try {
      const cert = new X509Certificate(block.der);
      out.push(describe(cert));
    } catch {
      // A block AWS holds that node cannot parse is not one of ours.
    }
  }
  return out;
}

/** The same facts of one certificate (PEM). */
export function describeCertificate(pem: string): BundleCertificate {
  return describe(new X509Certificate(pem));
}

function describe(cert: X509Certificate): BundleCertificate {
  return {
    pem: cert.toString(),
    fingerprint: cert.fingerprint256,
    subject: cert.subject,
    publicKey: cert.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    validTo: new Date(cert.validTo),
  };
}

/** How a bundle holds a CA: its current certificate, an earlier one of the same key and subject, or not. */
export function bundleHolds(
  bundle: readonly BundleCertificate[],
  ca: BundleCertificate,
): 'current' | 'previous' | undefined {
  if (bundle.some((c) => c.fingerprint === ca.fingerprint)) return 'current';
  if (bundle.some((c) => c.publicKey === ca.publicKey && c.subject === ca.subject)) return 'previous';
  return undefined;
}
