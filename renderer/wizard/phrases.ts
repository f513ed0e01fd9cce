import type { CertificateSummary } from '../../shared/schemas/models';
import { expiresIn } from '../format';

/** "expires in 3 days", "expired 2 days ago", "expires today": a certificate's end, as a phrase. */
export function expiryPhrase(cert: Pick<CertificateSummary, 'notAfter'>, now: number = Date.now()): string {
  const when = expiresIn(cert.notAfter, now);
  if (when.startsWith('expire')) return when;
  return Date.parse(cert.notAfter) >= now ? `expires ${when}` : `expired ${when}`;
}
