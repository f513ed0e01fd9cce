/**
 * A certificate's summary facts read through @peculiar/x509: the reference that der-summary.ts agrees with, and
 * what inventory.ts `summarize` falls back to for a certificate der-summary.ts does not take (a rare string type
 * in its common name, a time in a non-DER form, a key Roles Anywhere does not accept: keyTypeOf says why).
 */
import type { CertificateFacts } from './der-summary';
import { rfc4514 } from './dn';
import { keyTypeOf } from './keys';
import { certificateDer, certificateFromPem } from './pem';
import { serialDecimal, serialHex } from './serial';

/** The summary facts of the certificate in `pem`. @throws AnchorageError as certificateFromPem and keyTypeOf do. */
export function x509CertificateFacts(pem: string): CertificateFacts {
  const cert = certificateFromPem(pem);
  return {
    subject: rfc4514(cert.subjectName),
    commonName: cert.subjectName.getField('CN')[0] ?? '',
    issuer: rfc4514(cert.issuerName),
    serialNumber: serialDecimal(cert),
    serialHex: serialHex(cert),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    keyType: keyTypeOf(cert),
    der: certificateDer(cert),
  };
}
