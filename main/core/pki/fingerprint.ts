/** Certificate fingerprints as people compare them (OpenSSL / AWS console style). */
import { derSha256Fingerprint } from './der-info';
import { toCertificate } from './pem';
import type { CertificateInput } from './pem';

/** SHA-256 of the DER certificate as uppercase colon-separated hex, like `openssl x509 -fingerprint -sha256`. */
export function sha256Fingerprint(certificate: CertificateInput): string {
  return derSha256Fingerprint(new Uint8Array(toCertificate(certificate).rawData));
}
