/**
 * A small ASN.1 reader and writer for the structures Anchorage takes apart or builds itself (PKCS#12, RFC 7292;
 * the certificate fields of der-info.ts; the certificates of certificate-writer.ts, RFC 5280). The reader works
 * on the bytes in place: one pass, no copies, no string conversions, so hostile input costs time and memory in
 * proportion to its size. It accepts BER as well as
 * DER where PFX writers use it (X.690 §8.1.3.6 indefinite lengths, §8.7.3 constructed OCTET STRINGs: Windows
 * and Java write those); the writer always writes DER (X.690 §10).
 */

/** One TLV of the input. `content` is a view into the input, without the end-of-contents octets. */
export interface DerNode {
  /** The identifier octet's class bits: 0x00 universal, 0x40 application, 0x80 context-specific, 0xc0 private. */
  cls: number;
  constructed: boolean;
  /** The tag number (X.690 §8.1.2). */
  tag: number;
  content: Buffer;
  /** The whole TLV, identifier to end-of-contents. */
  raw: Buffer;
  /** Offset of the first octet after this TLV, in the buffer it was read from. */
  end: number;
}

/** Malformed ASN.1: the readers of PFX and certificate files turn this into their own error. */
export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

/** Nesting deeper than this is refused: no certificate or PFX comes close, and it bounds the recursion. */
const MAX_DEPTH = 64;

const UNIVERSAL = 0x00;
export const CONTEXT = 0x80;
export const TAG = {
  INTEGER: 2,
  OCTET_STRING: 4,
  NULL: 5,
  OID: 6,
  SEQUENCE: 16,
  SET: 17,
  BMP_STRING: 30,
} as const;

function readAt(buf: Buffer, offset: number, limit: number, depth: number): DerNode {
  if (depth > MAX_DEPTH) throw new DerError(`nesting deeper than ${MAX_DEPTH} levels`);
  let pos = offset;
  if (pos >= limit) throw new DerError(`truncated at offset ${pos}`);
  const id = buf[pos++]!;
  const cls = id & 0xc0;
  const constructed = (id & 0x20) !== 0;
  let tag = id & 0x1f;
  if (tag === 0x1f) {
    // High tag number form (X.690 §8.1.2.4): base-128, at most 4 octets here.
    tag = 0;
    for (let i = 0; ; i++) {
      if (pos >= limit || i === 4) throw new DerError(`bad tag at offset ${offset}`);
      const b = buf[pos++]!;
      tag = tag * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
  }
  if (pos >= limit) throw new DerError(`truncated at offset ${pos}`);
  const first = buf[pos++]!;
  if (first === 0x80) {
    // Indefinite length (BER only, constructed only): the content runs to the matching end-of-contents.
    if (!constructed) throw new DerError(`indefinite length on a primitive value at offset ${offset}`);
    const start = pos;
    for (;;) {
      if (pos + 2 > limit) throw new DerError(`missing end-of-contents for the value at offset ${offset}`);
      if (buf[pos] === 0 && buf[pos + 1] === 0) {
        const end = pos + 2;
        return {
          cls,
          constructed,
          tag,
          content: buf.subarray(start, pos),
          raw: buf.subarray(offset, end),
          end,
        };
      }
      pos = readAt(buf, pos, limit, depth + 1).end;
    }
  }
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    // Four length octets address 4 GiB, far beyond any input that gets this far (limits.ts).
    if (count > 4) throw new DerError(`length of ${count} octets at offset ${offset}`);
    if (pos + count > limit) throw new DerError(`truncated at offset ${pos}`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[pos++]!;
  }
  if (pos + length > limit) {
    throw new DerError(`a value at offset ${offset} claims ${length} bytes, but only ${limit - pos} follow`);
  }
  const end = pos + length;
  return { cls, constructed, tag, content: buf.subarray(pos, end), raw: buf.subarray(offset, end), end };
}

/** The first TLV of `bytes` (anything after it is ignored, as OpenSSL does for PFX files). */
export function readDer(bytes: Uint8Array): DerNode {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return readAt(buf, 0, buf.length, 0);
}

/** The TLVs inside a constructed value. */
export function children(node: DerNode): DerNode[] {
  if (!node.constructed) throw new DerError('expected a constructed value');
  const out: DerNode[] = [];
  let pos = 0;
  while (pos < node.content.length) {
    const child = readAt(node.content, pos, node.content.length, 0);
    out.push(child);
    pos = child.end;
  }
  return out;
}

/** Check that `node` is the universal (or given-class) tag expected; `what` names it in the error. */
export function expect(node: DerNode | undefined, tag: number, what: string, cls = UNIVERSAL): DerNode {
  if (!node || node.tag !== tag || node.cls !== cls)
    throw new DerError(`${what} is missing or of the wrong type`);
  return node;
}

/** The children of a SEQUENCE. */
export function sequence(node: DerNode | undefined, what: string): DerNode[] {
  return children(expect(node, TAG.SEQUENCE, what));
}

/** The octets of an OCTET STRING, joining the segments of a BER constructed one. */
export function octets(node: DerNode | undefined, what = 'an OCTET STRING'): Buffer {
  if (!node) throw new DerError(`${what} is missing`);
  if (!node.constructed) return node.content;
  return Buffer.concat(children(node).map((c) => octets(c, what)));
}

/** An OBJECT IDENTIFIER in dotted form (X.690 §8.19). */
export function oid(node: DerNode | undefined, what = 'an OBJECT IDENTIFIER'): string {
  const bytes = expect(node, TAG.OID, what).content;
  if (bytes.length === 0 || bytes.length > 64) throw new DerError(`${what} has a bad length`);
  const arcs: number[] = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (arcs.length === 0)
        arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else arcs.push(value);
      value = 0;
    }
  }
  return arcs.join('.');
}

/** An INTEGER as a BigInt (two's complement, X.690 §8.3). */
export function integer(node: DerNode | undefined, what = 'an INTEGER'): bigint {
  const bytes = expect(node, TAG.INTEGER, what).content;
  if (bytes.length === 0) throw new DerError(`${what} is empty`);
  const value = BigInt(`0x${bytes.toString('hex')}`);
  return bytes[0]! & 0x80 ? value - (1n << BigInt(bytes.length * 8)) : value;
}

// ---- writing (DER) ----

function lengthOctets(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** A TLV with a low tag number; `identifier` is the whole identifier octet (class | constructed | tag). */
export function tlv(identifier: number, ...content: Uint8Array[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([identifier]), lengthOctets(body.length), body]);
}

export const derSequence = (...items: Uint8Array[]): Buffer => tlv(0x30, ...items);
/** A SET, elements in the order given (callers pass them in the order the existing files use). */
export const derSet = (...items: Uint8Array[]): Buffer => tlv(0x31, ...items);
export const derOctets = (bytes: Uint8Array): Buffer => tlv(0x04, bytes);
export const derNull = (): Buffer => Buffer.from([0x05, 0x00]);
/** `[n] EXPLICIT` around one value. */
export const derExplicit = (n: number, inner: Uint8Array): Buffer => tlv(0xa0 | n, inner);
/** `[n] IMPLICIT` primitive content. */
export const derImplicit = (n: number, content: Uint8Array): Buffer => tlv(0x80 | n, content);

export function derOid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [];
  const push = (value: number) => {
    const groups = [value & 0x7f];
    for (let v = Math.floor(value / 128); v > 0; v = Math.floor(v / 128)) groups.unshift((v & 0x7f) | 0x80);
    out.push(...groups);
  };
  push(arcs[0]! * 40 + arcs[1]!);
  for (const arc of arcs.slice(2)) push(arc);
  return tlv(0x06, Buffer.from(out));
}

/** A non-negative INTEGER, minimally encoded. */
export function derInteger(value: number | bigint): Buffer {
  let hex = BigInt(value).toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(0x02, bytes);
}

/** A BOOLEAN: FF for TRUE (X.690 §11.1). */
export const derBoolean = (value: boolean): Buffer => Buffer.from([0x01, 0x01, value ? 0xff : 0x00]);

/** A BIT STRING of whole octets, or with `unusedBits` (0–7) of the last octet unused (X.690 §8.6.2). */
export const derBitString = (bytes: Uint8Array, unusedBits = 0): Buffer =>
  tlv(0x03, Buffer.from([unusedBits]), bytes);

/** A PrintableString (X.680 §41.4: the characters {@link isPrintableString} allows). */
export const derPrintableString = (text: string): Buffer => tlv(0x13, Buffer.from(text, 'latin1'));

/** A UTF8String (X.680 §41). */
export const derUtf8String = (text: string): Buffer => tlv(0x0c, Buffer.from(text, 'utf8'));

/** True when every character of `text` is one PrintableString allows (X.680 §41.4, Table 10). */
export const isPrintableString = (text: string): boolean => /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(text);

/**
 * A certificate Time (RFC 5280 §4.1.2.5): UTCTime YYMMDDHHMMSSZ through 2049, GeneralizedTime YYYYMMDDHHMMSSZ
 * from 2050; whole seconds, the milliseconds dropped (§4.1.2.5.1, §4.1.2.5.2: seconds present, no fraction).
 */
export function derCertificateTime(date: Date): Buffer {
  const year = date.getUTCFullYear();
  if (year < 1950 || year > 9999) throw new RangeError(`a certificate time in ${year}`);
  const digits = date.toISOString().slice(0, 19).replace(/[-:T]/g, '');
  return year < 2050 ? tlv(0x17, Buffer.from(`${digits.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${digits}Z`));
}

/** A BMPString (UCS-2 big-endian, X.680 §41). */
export function derBmpString(text: string): Buffer {
  return tlv(0x1e, Buffer.from(text, 'utf16le').swap16());
}

/** The text of a BMPString. */
export function bmpString(node: DerNode): string {
  const bytes = Buffer.from(expect(node, TAG.BMP_STRING, 'a BMPString').content);
  if (bytes.length % 2) throw new DerError('a BMPString has an odd length');
  return bytes.swap16().toString('utf16le');
}
