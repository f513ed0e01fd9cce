/** Issued certificates as the tests use them: as the signer issuing takes, and as an @peculiar/x509 object. */
import type { IssuedCertificate } from '../../main/core/pki/ca';
import { certificateFromDer } from '../../main/core/pki/pem';
import type { x509 } from '../../main/core/pki/provider';
import type { CaSigner } from '../../main/core/pki/signer';

/** A CA the tests made, as the signer of what it issues. */
export const signerOf = (ca: IssuedCertificate): CaSigner => ({
  certificate: ca.certificateDer,
  privateKeyPkcs8: ca.privateKeyPkcs8,
});

/** An issued certificate parsed by @peculiar/x509, for the assertions that read its fields. */
export const x509Of = (issued: { certificateDer: Uint8Array }): x509.X509Certificate =>
  certificateFromDer(issued.certificateDer);
