/**
 * A {@link CertificateView} read through @peculiar/x509: the reference that ./der-view.ts agrees with, and what
 * the inspection falls back to for a certificate the DER reader does not take (an unusual encoding, a rare
 * string type, an extension it does not read).
 */
import type { CertificateView } from './certificate-view';
import { rfc4514 } from './dn';
import { publicKeyObject } from './keys';
import { certificateFromDer } from './pem';
import { x509 } from './provider';

/** The view of a parsed certificate. */
export function x509CertificateView(cert: x509.X509Certificate): CertificateView {
  // The key first: a key node:crypto cannot read fails the inspection here, before anything else, as it did.
  const publicKey = publicKeyObject(cert);
  const bc = cert.getExtension(x509.BasicConstraintsExtension);
  const ku = cert.getExtension(x509.KeyUsagesExtension);
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  return {
    der: new Uint8Array(cert.rawData),
    subject: rfc4514(cert.subjectName),
    issuer: rfc4514(cert.issuerName),
    subjectKey: cert.subject,
    issuerKey: cert.issuer,
    subjectRdns: cert.subjectName.toJSON().length,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    publicKey,
    ...(bc
      ? {
          basicConstraints: {
            ca: bc.ca,
            critical: bc.critical,
            ...(bc.pathLength !== undefined ? { pathLength: bc.pathLength } : {}),
          },
        }
      : {}),
    ...(ku ? { keyUsage: { usages: ku.usages, critical: ku.critical } } : {}),
    ...(eku ? { extendedKeyUsage: eku.usages.map(String) } : {}),
    hasSubjectKeyIdentifier: cert.getExtension(x509.SubjectKeyIdentifierExtension) !== null,
    hasAuthorityKeyIdentifier: cert.getExtension(x509.AuthorityKeyIdentifierExtension) !== null,
    selfSigned: async () => {
      try {
        return cert.subject === cert.issuer && (await cert.isSelfSigned());
      } catch {
        return false;
      }
    },
  };
}

/**
 * The view of a DER certificate through @peculiar/x509.
 * @throws AnchorageError MALFORMED_PEM as certificateFromDer does.
 */
export function x509CertificateViewOfDer(der: Uint8Array): CertificateView {
  return x509CertificateView(certificateFromDer(der));
}
