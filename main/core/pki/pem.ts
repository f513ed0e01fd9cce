/** PEM ⇄ DER conversion and certificate parsing helpers (RFC 7468 textual encodings). */
import { AnchorageError } from '../../../shared/errors';
import { certificateExtensions } from './der-info';
import { derToPem, looksLikePem, pemToDer } from './pem-blocks';
import { x509 } from './provider';

/**
 * A copy of `bytes` backed by a plain ArrayBuffer: WebCrypto and @peculiar/x509 are typed for
 * `Uint8Array<ArrayBuffer>`, while Node hands out `Uint8Array<ArrayBufferLike>`.
 */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

export { derToPem, looksLikePem, pemBlocks, pemToDer } from './pem-blocks';
export type { PemBlock } from './pem-blocks';

/** A certificate given as an object, PEM text or DER bytes. */
export type CertificateInput = x509.X509Certificate | string | Uint8Array;

/**
 * Parse one certificate from PEM text.
 * @throws AnchorageError MALFORMED_PEM when there is no parsable CERTIFICATE block.
 */
export function certificateFromPem(pem: string): x509.X509Certificate {
  return certificateFromDer(pemToDer(pem, 'CERTIFICATE'));
}

/** RFC 5280 §4.2 names of the extensions a damaged one is most likely to be, for the error message. */
const EXTENSION_NAMES: Record<string, string> = {
  '2.5.29.14': 'subjectKeyIdentifier',
  '2.5.29.15': 'keyUsage',
  '2.5.29.17': 'subjectAltName',
  '2.5.29.18': 'issuerAltName',
  '2.5.29.19': 'basicConstraints',
  '2.5.29.30': 'nameConstraints',
  '2.5.29.31': 'cRLDistributionPoints',
  '2.5.29.32': 'certificatePolicies',
  '2.5.29.35': 'authorityKeyIdentifier',
  '2.5.29.37': 'extendedKeyUsage',
  '1.3.6.1.5.5.7.1.1': 'authorityInfoAccess',
};

/**
 * A certificate that is one (its outer structure parses) but has a damaged part: callers that guess a file's type
 * by trying parsers in turn rethrow this one instead of trying the next.
 */
export class DamagedCertificateError extends AnchorageError {}

/**
 * Name the extension that @peculiar/x509 cannot parse: it parses them all at once, on first use, and its
 * error names none, so try each one alone.
 */
function damagedExtension(der: Uint8Array): AnchorageError | undefined {
  let extensions: Array<{ oid: string; der: Uint8Array }>;
  try {
    extensions = certificateExtensions(der);
  } catch (cause) {
    return new DamagedCertificateError(
      'MALFORMED_PEM',
      "The certificate's extensions cannot be parsed.",
      'The certificate is damaged; get a new copy from its issuer.',
      { cause },
    );
  }
  for (const extension of extensions) {
    try {
      x509.ExtensionFactory.create(bufferSource(extension.der));
    } catch (cause) {
      const name = EXTENSION_NAMES[extension.oid];
      return new DamagedCertificateError(
        'MALFORMED_PEM',
        `The certificate's ${name ? `${name} extension (${extension.oid})` : `extension ${extension.oid}`} cannot be parsed.`,
        'The certificate is damaged or was built wrongly; get a new copy from its issuer, or issue a new one.',
        { cause },
      );
    }
  }
  return undefined;
}

/**
 * Parse one DER certificate, extensions included.
 * @throws AnchorageError MALFORMED_PEM when the bytes are not an X.509 certificate or an extension is damaged
 *   (the message names it).
 */
export function certificateFromDer(der: Uint8Array): x509.X509Certificate {
  let cert: x509.X509Certificate;
  try {
    cert = new x509.X509Certificate(bufferSource(der));
    // Touch the fields we rely on, so a structurally odd certificate fails here and not later.
    void cert.subject;
    void cert.publicKey;
  } catch (cause) {
    throw new AnchorageError(
      'MALFORMED_PEM',
      'The data is not a valid X.509 certificate (expected DER or a "-----BEGIN CERTIFICATE-----" block).',
      'Check that you picked the certificate file and that it is complete.',
      { cause },
    );
  }
  try {
    void cert.extensions;
  } catch (cause) {
    throw (
      damagedExtension(der) ??
      new DamagedCertificateError(
        'MALFORMED_PEM',
        "The certificate's extensions cannot be parsed.",
        'The certificate is damaged; get a new copy from its issuer.',
        { cause },
      )
    );
  }
  return cert;
}

/** Normalise a {@link CertificateInput} to an X509Certificate. */
export function toCertificate(input: CertificateInput): x509.X509Certificate {
  if (input instanceof x509.X509Certificate) return input;
  if (typeof input === 'string') return certificateFromPem(input);
  return looksLikePem(input)
    ? certificateFromPem(Buffer.from(input).toString('utf8'))
    : certificateFromDer(input);
}

/** The certificate's DER bytes. */
export function certificateDer(cert: x509.X509Certificate): Uint8Array {
  return new Uint8Array(cert.rawData);
}

/** The certificate as PEM text (one block, trailing newline). */
export function certificateToPem(cert: x509.X509Certificate): string {
  return derToPem(cert.rawData, 'CERTIFICATE');
}
