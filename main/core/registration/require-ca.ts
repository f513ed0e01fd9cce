/** The certificate a trust anchor is to hold must be a CA: one check for setup, the template and keeping in step. */
import { AnchorageError } from '../../../shared/errors';
import type { CertificateSummary } from '../../../shared/schemas/models';

export function requireCa(ca: CertificateSummary): CertificateSummary {
  if (ca.kind === 'ca') return ca;
  throw new AnchorageError(
    'NOT_A_CA',
    `"${ca.name}" is not a CA; a trust anchor holds a CA certificate.`,
    'Choose a CA.',
    { facts: { field: 'ca', name: ca.name } },
  );
}
