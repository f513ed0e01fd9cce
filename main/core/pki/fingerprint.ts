/** Certificate fingerprints as people compare them (OpenSSL / AWS console style). */
import { createHash } from 'node:crypto';
import { toCertificate } from './pem';
import type { CertificateInput } from './pem';

/** SHA-256 of the DER certificate as uppercase colon-separated hex, like `openssl x509 -fingerprint -sha256`. */
export function sha256Fingerprint(certificate: CertificateInput): string {
  const der = new Uint8Array(toCertificate(certificate).rawData);
  return createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
}
