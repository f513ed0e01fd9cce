/**
 * The one way to read a certificate's {@link CertificateView}: from its DER (./der-view.ts, node:crypto alone)
 * when that reader takes it, else through @peculiar/x509 (./x509-view.ts), loaded then and only then. The
 * inspection and the issuer checks of CA creation and issuance (./signer.ts) read certificates here, so that a
 * certificate Anchorage wrote never loads x509 (issue 11 §3) and any other one gets x509's reading.
 */
import type { CertificateView } from './certificate-view';
import { derCertificateView } from './der-view';
import type { CertificateInput } from './pem';
import { looksLikePem, pemToDer } from './pem-blocks';

const x509ViewModule = () => import('./x509-view');

/**
 * A certificate's view from its DER.
 * @throws AnchorageError MALFORMED_PEM when neither reader takes it (x509 names the damaged part).
 */
export async function viewOfDer(der: Uint8Array): Promise<CertificateView> {
  return derCertificateView(der) ?? (await x509ViewModule()).x509CertificateViewOfDer(der);
}

/**
 * The DER of a certificate given as PEM text or as bytes (DER, or PEM in bytes).
 * @throws AnchorageError MALFORMED_PEM for text without a CERTIFICATE block.
 */
export function certificateBytes(input: string | Uint8Array): Uint8Array {
  if (typeof input === 'string') return pemToDer(input, 'CERTIFICATE');
  return looksLikePem(input) ? certificateBytes(Buffer.from(input).toString('utf8')) : input;
}

/** The view of a certificate given as PEM text, DER bytes (or PEM in bytes), or a parsed x509 object. */
export async function viewOf(input: CertificateInput): Promise<CertificateView> {
  if (typeof input === 'string' || input instanceof Uint8Array) return viewOfDer(certificateBytes(input));
  return (await x509ViewModule()).x509CertificateView(input);
}
