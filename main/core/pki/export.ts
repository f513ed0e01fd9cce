/** Export: certificate and chain PEM, and private keys only password-encrypted (ARCHITECTURE §4). */
import { AnchorageError } from '../../../shared/errors';
import { orderChain } from './chain';
import { privateKeyObject } from './keys';
import { certificateToPem, toCertificate } from './pem';
import type { CertificateInput } from './pem';

/** One certificate as PEM. */
export function exportCertificatePem(certificate: CertificateInput): string {
  return certificateToPem(toCertificate(certificate));
}

/** The certificate followed by its issuers, leaf → … → root, as one PEM bundle. */
export function exportChainPem(certificate: CertificateInput, chain: readonly CertificateInput[]): string {
  const leaf = toCertificate(certificate);
  return [leaf, ...orderChain(leaf, chain.map(toCertificate))].map(certificateToPem).join('');
}

/**
 * The private key as an encrypted PKCS#8 PEM ("ENCRYPTED PRIVATE KEY"): PBES2 with PBKDF2-HMAC-SHA256 and
 * AES-256-CBC (OpenSSL 3's PKCS#8 defaults, reached through Node's native export).
 * @throws AnchorageError INVALID_PASSWORD for an empty password.
 */
export function exportEncryptedPrivateKey(privateKeyPkcs8: Uint8Array, password: string): string {
  if (password.length === 0) {
    throw new AnchorageError(
      'INVALID_PASSWORD',
      'A password is needed: Anchorage never exports an unencrypted private key.',
      'Choose a password for the key file.',
    );
  }
  return privateKeyObject(privateKeyPkcs8)
    .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: password })
    .toString();
}
