/** PEM ⇄ DER conversion and certificate parsing helpers (RFC 7468 textual encodings). */
import { AnchorageError } from '../../../shared/errors';
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

const BLOCK_RE = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** Every PEM block in `text`, in order. Text between blocks (e.g. `openssl` "Bag Attributes") is ignored. */
export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(BLOCK_RE)) {
    const label = match[1] ?? '';
    const body = match[2] ?? '';
    const hasHeaders = /^[ \t]*[A-Za-z-]+:/m.test(body);
    const base64 = body
      .split(/\r?\n/)
      .filter((line) => !/^[ \t]*[A-Za-z-]+:/.test(line))
      .join('')
      .replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length === 0) {
      throw new AnchorageError(
        'MALFORMED_PEM',
        `The PEM block "${label}" does not contain valid base64.`,
        'Check that the file was copied completely, without extra characters.',
      );
    }
    blocks.push({ label, der: new Uint8Array(Buffer.from(base64, 'base64')), text: match[0], hasHeaders });
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

/**
 * Parse one DER certificate.
 * @throws AnchorageError MALFORMED_PEM when the bytes are not an X.509 certificate.
 */
export function certificateFromDer(der: Uint8Array): x509.X509Certificate {
  try {
    const cert = new x509.X509Certificate(bufferSource(der));
    // Touch the fields we rely on, so a structurally odd certificate fails here and not later.
    void cert.subject;
    void cert.publicKey;
    return cert;
  } catch (cause) {
    throw new AnchorageError(
      'MALFORMED_PEM',
      'The data is not a valid X.509 certificate (expected DER or a "-----BEGIN CERTIFICATE-----" block).',
      'Check that you picked the certificate file and that it is complete.',
      { cause },
    );
  }
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
