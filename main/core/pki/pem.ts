/** PEM ⇄ DER conversion and certificate parsing helpers (RFC 7468 textual encodings). */
import { AnchorageError } from '../../../shared/errors';
import { certificateExtensions } from './der-info';
import { x509 } from './provider';

/**
 * A copy of `bytes` backed by a plain ArrayBuffer: WebCrypto and @peculiar/x509 are typed for
 * `Uint8Array<ArrayBuffer>`, while Node hands out `Uint8Array<ArrayBufferLike>`.
 */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

/** One `-----BEGIN X-----` … `-----END X-----` block of a PEM text. */
export interface PemBlock {
  label: string;
  der: Uint8Array;
  /** The whole block as it appeared, headers included (needed for legacy `Proc-Type: 4,ENCRYPTED` keys). */
  text: string;
  /** True when the block carries RFC 1421 encapsulated headers (legacy OpenSSL encrypted keys). */
  hasHeaders: boolean;
}

const BEGIN = '-----BEGIN ';
const DASHES = '-----';
/** Labels are short (RFC 7468 §2: "CERTIFICATE", "ENCRYPTED PRIVATE KEY", …); longer ones are not armour. */
const MAX_LABEL = 64;
const LABEL_RE = /^[A-Z0-9 ]+$/;
const HEADER_LINE_RE = /^[ \t]*[A-Za-z-]+:/;

/**
 * Every PEM block in `text`, in order. Text between blocks (e.g. `openssl` "Bag Attributes") is ignored.
 *
 * A forward scan with indexOf (RFC 7468 §2 framing), linear in the input: a backtracking regex took minutes on
 * 3 MB of BEGIN lines without END lines. Each label's END line is searched for once and remembered, so
 * thousands of unterminated BEGIN lines cost one search, not one each.
 */
export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  // Where the next "-----END label-----" at or after the last search starts; -1: there is none.
  const endOf = new Map<string, number>();
  let pos = 0;
  for (;;) {
    const begin = text.indexOf(BEGIN, pos);
    if (begin < 0) break;
    const labelStart = begin + BEGIN.length;
    const labelEnd = text.slice(labelStart, labelStart + MAX_LABEL + 1).indexOf(DASHES);
    const label = labelEnd > 0 ? text.slice(labelStart, labelStart + labelEnd) : '';
    if (!LABEL_RE.test(label)) {
      pos = labelStart;
      continue;
    }
    const bodyStart = labelStart + labelEnd + DASHES.length;
    const endLine = `-----END ${label}-----`;
    let end = endOf.get(label);
    if (end === undefined || (end >= 0 && end < bodyStart)) {
      end = text.indexOf(endLine, bodyStart);
      endOf.set(label, end);
    }
    if (end < 0) {
      pos = bodyStart;
      continue;
    }
    const body = text.slice(bodyStart, end);
    const lines = body.split(/\r?\n/);
    const hasHeaders = lines.some((line) => HEADER_LINE_RE.test(line));
    const base64 = lines
      .filter((line) => !HEADER_LINE_RE.test(line))
      .join('')
      .replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length === 0) {
      throw new AnchorageError(
        'MALFORMED_PEM',
        `The PEM block "${label}" does not contain valid base64.`,
        'Check that the file was copied completely, without extra characters.',
      );
    }
    const blockEnd = end + endLine.length;
    blocks.push({
      label,
      der: new Uint8Array(Buffer.from(base64, 'base64')),
      text: text.slice(begin, blockEnd),
      hasHeaders,
    });
    pos = blockEnd;
  }
  return blocks;
}

/** True when `input` (text or bytes) contains a PEM armour line. */
export function looksLikePem(input: string | Uint8Array): boolean {
  const text =
    typeof input === 'string' ? input : Buffer.from(input.subarray(0, 64 * 1024)).toString('latin1');
  return text.includes('-----BEGIN ');
}

/**
 * The DER bytes of the first PEM block (of the given label, when one is given).
 * @throws AnchorageError MALFORMED_PEM when no such block exists.
 */
export function pemToDer(pem: string, label?: string): Uint8Array {
  const block = pemBlocks(pem).find((b) => label === undefined || b.label === label);
  if (!block) {
    const what = label ? `a "-----BEGIN ${label}-----" block` : 'a "-----BEGIN …-----" PEM block';
    throw new AnchorageError('MALFORMED_PEM', `The input is not PEM: expected ${what}.`, 'Pass a PEM file.');
  }
  return block.der;
}

/** DER bytes as a PEM block with 64-character lines and a trailing newline. */
export function derToPem(der: Uint8Array | ArrayBuffer, label: string): string {
  const base64 = Buffer.from(der instanceof ArrayBuffer ? new Uint8Array(der) : der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

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
