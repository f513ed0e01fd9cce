/**
 * PEM framing (RFC 7468): the blocks of a text, read and written with Node's Buffer alone, so that `inspect` of
 * a PEM file finds its certificates, and `ca create` writes one, without loading @peculiar/x509 (issue 11 §3).
 * ./pem.ts re-exports these.
 */
import { AnchorageError } from '../../../shared/errors';

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

/** DER bytes as a PEM block with 64-character lines and a trailing newline (RFC 7468 §2). */
export function derToPem(der: Uint8Array | ArrayBuffer, label: string): string {
  const base64 = Buffer.from(der instanceof ArrayBuffer ? new Uint8Array(der) : der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
