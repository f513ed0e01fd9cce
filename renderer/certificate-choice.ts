import type { CertificateStatus, CertificateSummary } from '../shared/schemas/models';

/**
 * Which client certificates can sign a CreateSession request, and how the pickers and lists word their status
 * (issue 10 §2: the picker shows each certificate's status and never preselects an expired or revoked one).
 */

/** Why `cert` cannot sign, in the picker's words, or undefined when it can. */
export function unusableReason(cert: CertificateSummary): string | undefined {
  // Core refuses these locally (CERT_EXPIRED, REVOKED, CERT_NOT_YET_VALID) or has no key to sign with.
  if (cert.status === 'expired') return 'expired';
  if (cert.status === 'revoked') return 'revoked';
  if (cert.status === 'not-yet-valid') return 'not yet valid';
  if (!cert.hasPrivateKey) return 'no private key in Anchorage';
  return undefined;
}

/** Whether `cert` can sign a session now. */
export function isUsable(cert: CertificateSummary): boolean {
  return unusableReason(cert) === undefined;
}

/**
 * A status in a few words: "valid", "expiring in 3 days", "expired", "revoked", "superseded", "missing".
 * `daysToExpiry` words an expiring certificate's days when known.
 */
export function statusWords(status: CertificateStatus | 'missing', daysToExpiry?: number): string {
  switch (status) {
    case 'expiring':
      if (daysToExpiry === undefined) return 'expiring soon';
      if (daysToExpiry <= 0) return 'expiring today';
      return `expiring in ${daysToExpiry} day${daysToExpiry === 1 ? '' : 's'}`;
    case 'not-yet-valid':
      return 'not yet valid';
    case 'missing':
      return 'certificate missing';
    default:
      return status;
  }
}

/** The picker's label of one certificate: its name, common name and status. */
export function certificateOptionLabel(cert: CertificateSummary): string {
  const reason = unusableReason(cert);
  const status = reason && reason !== cert.status ? reason : statusWords(cert.status, cert.daysToExpiry);
  const cn = cert.commonName && cert.commonName !== cert.name ? ` (${cert.commonName})` : '';
  return `${cert.name}${cn} · ${status}`;
}

/**
 * The certificate a form starts with: `preferred` when it is usable, else the first usable current one, else the
 * first usable superseded one (a renewed certificate still signs, but its successor is the one to pick), else
 * none. Never an unusable one.
 */
export function preselectCertificate(certificates: CertificateSummary[], preferred?: string): string {
  const usable = certificates.filter(isUsable);
  if (preferred && usable.some((c) => c.id === preferred)) return preferred;
  return (usable.find((c) => c.status !== 'superseded') ?? usable[0])?.id ?? '';
}
