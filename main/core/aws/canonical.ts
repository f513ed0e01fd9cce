import { createHash } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4, SignatureV4Base, getCanonicalHeaders } from '@smithy/signature-v4';
import { AnchorageError } from '../../../shared/errors';

/**
 * The canonical request and string to sign, written once for SigV4 and AWS4-X509 (ARCHITECTURE §5).
 *
 * "Written once" means we do not write it at all: both signers go through `@smithy/signature-v4`'s own
 * `createCanonicalRequest` (the code the AWS SDK signs with), so the preview, the X.509 signer and the SDK
 * cannot disagree. The AWS4-X509 canonical request is the SigV4 one (Roles Anywhere user guide, "Signing
 * process": "the same as the canonical request for SigV4").
 */

export type QueryMap = Record<string, string | string[]>;

/** A request as canonicalization sees it: with `uriEscapePath` (the default) smithy encodes `path` once more. */
export interface CanonicalInput {
  method: string;
  path: string;
  query: QueryMap;
  headers: Record<string, string>;
}

export const sha256 = Hash.bind(null, 'sha256');

/** Hex SHA-256 of a UTF-8 string or bytes (the payload hash and the string-to-sign's last line). */
export function hashHex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `YYYYMMDDTHHMMSSZ`, the X-Amz-Date form (SigV4: ISO 8601 basic format, UTC, no fractions). */
export function amzDate(time: Date): string {
  return time
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** `YYYYMMDD/region/service/aws4_request`. */
export function credentialScope(date: string, region: string, service: string): string {
  return `${date.slice(0, 8)}/${region}/${service}/aws4_request`;
}

/**
 * RFC 3986 percent-encoding of everything but unreserved characters, as SigV4 requires for query keys and
 * values (smithy's `escapeUri`: encodeURIComponent plus `! ' ( ) *`).
 */
export function uriEscape(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // a stray `%` stays literal; escaping then encodes it as %25, as a server would read it
  }
}

/** Parse a raw query string (no `?`) into smithy's query map: decoded keys and values, repeats as arrays. */
export function parseQuery(search: string): QueryMap {
  const query: QueryMap = {};
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    addToQuery(query, decode(eq < 0 ? pair : pair.slice(0, eq)), eq < 0 ? '' : decode(pair.slice(eq + 1)));
  }
  return query;
}

function addToQuery(query: QueryMap, key: string, value: string): void {
  const existing = query[key];
  if (existing === undefined) query[key] = value;
  else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
}

/**
 * The path and query of a URL for canonicalization. The path is the wire path (`URL.pathname`, still
 * percent-encoded): smithy's `uriEscapePath` encodes it once more, which is the SigV4 rule for every service
 * but the S3 family ("Each path segment must be URI-encoded twice").
 */
export function splitUrl(url: URL): { path: string; query: QueryMap } {
  return { path: url.pathname === '' ? '/' : url.pathname, query: parseQuery(url.search) };
}

// ---------------------------------------------------------------------------------------------------------------
// A URL as the user typed it, read as the wire form (ARCHITECTURE §5: "A URL is taken in wire form").

/** One `key=value` of a query, decoded; `bare` when it was written without `=` (e.g. S3's `?acl`). */
export interface QueryPair {
  key: string;
  value: string;
  bare: boolean;
}

/** A typed URL split into what is sent: the wire path (percent-encoded) and the decoded query pairs. */
export interface WireUrl {
  url: URL;
  /** The path as it goes on the wire: typed `%XX` kept verbatim, raw characters percent-encoded (UTF-8). */
  path: string;
  query: QueryPair[];
  /** How ambiguous or rewritten parts of the URL were read, in words for the user. */
  notes: string[];
}

// RFC 3986 §3.3: a path segment may hold unreserved characters, sub-delims, ":" and "@" as they are, and
// pct-encoded triplets. Anything else cannot be sent raw and is percent-encoded, as a browser or curl would.
const PATH_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/;
const HEX2 = /^[0-9A-Fa-f]{2}$/;

function percentEncode(char: string): string {
  return [...new TextEncoder().encode(char)]
    .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('');
}

/** Percent-encode what cannot appear raw in a path; keep `%XX` as typed (its case too: botocore signs it so). */
function encodeRawPath(path: string, notes: string[]): string {
  let out = '';
  let encodedRaw = false;
  let strayPercent = false;
  const chars = [...path];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '%') {
      if (HEX2.test(`${chars[i + 1] ?? ''}${chars[i + 2] ?? ''}`)) out += c;
      else {
        out += '%25';
        strayPercent = true;
      }
    } else if (PATH_SAFE.test(c)) out += c;
    else {
      out += percentEncode(c);
      encodedRaw = true;
    }
  }
  if (encodedRaw) {
    notes.push(
      `Characters that cannot appear raw in a URL path were percent-encoded (UTF-8) and signed as the server receives them: the path is sent as ${out}.`,
    );
  }
  if (strayPercent) {
    notes.push('A "%" in the path not followed by two hex digits was read as a literal percent sign (%25).');
  }
  return out === '' ? '/' : out;
}

function decodeQueryPart(part: string, notes: Set<string>): string {
  if (part.includes('+')) {
    notes.add(
      'The query\'s "+" was read as a literal plus sign (RFC 3986 gives it no other meaning) and is sent as %2B; write %20 for a space.',
    );
  }
  const literalPercents = part.replace(/%(?![0-9A-Fa-f]{2})/g, () => {
    notes.add('A "%" in the query not followed by two hex digits was read as a literal percent sign (%25).');
    return '%25';
  });
  try {
    return decodeURIComponent(literalPercents);
  } catch {
    throw new AnchorageError(
      'INVALID_INPUT',
      `The query part "${part}" holds percent-encoded bytes that are not UTF-8 text.`,
      'SigV4 canonicalizes query keys and values as UTF-8; percent-encode the UTF-8 bytes of the text.',
    );
  }
}

/**
 * Read a typed http(s) URL as the wire form (RFC 3986 reference syntax, not the WHATWG parser, which would
 * resolve dot segments that S3 signs as they are). Host and port come from the WHATWG parser, lower-cased and
 * without a default port, which is the Host header botocore and the SDKs sign.
 * @throws AnchorageError INVALID_INPUT for something that is not an http(s) URL.
 */
export function readWireUrl(text: string): WireUrl {
  const trimmed = text.trim();
  const invalid = (message: string, hint: string): AnchorageError =>
    new AnchorageError('INVALID_INPUT', message, hint);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw invalid(`"${text}" is not a URL.`, 'Give a full URL, e.g. https://sts.us-east-1.amazonaws.com/.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(
      `The URL scheme is ${url.protocol}; only http and https requests can be signed.`,
      'Use an https:// URL.',
    );
  }
  // eslint-disable-next-line no-control-regex -- control characters are what is refused here
  if (/[\u0000-\u001f\u007f\\]/.test(trimmed)) {
    throw invalid(
      'The URL holds a backslash or a control character, which URL parsers read differently (a browser reads "\\" as "/").',
      'Write / for a path separator, or percent-encode the character (%5C for a backslash).',
    );
  }
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*([^?#]*)(?:\?([^#]*))?(#.*)?$/.exec(trimmed);
  if (!m)
    throw invalid(`"${text}" is not a URL.`, 'Give a full URL, e.g. https://sts.us-east-1.amazonaws.com/.');
  const notes: string[] = [];
  const path = encodeRawPath(m[1] ?? '', notes);
  const queryNotes = new Set<string>();
  const query: QueryPair[] = [];
  for (const part of (m[2] ?? '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    query.push({
      key: decodeQueryPart(eq < 0 ? part : part.slice(0, eq), queryNotes),
      value: eq < 0 ? '' : decodeQueryPart(part.slice(eq + 1), queryNotes),
      bare: eq < 0,
    });
  }
  notes.push(...queryNotes);
  const sent = wireQuery(query);
  if (m[2] !== undefined && sent !== m[2] && sent !== '') {
    notes.push(
      `The query is sent as SigV4 canonicalizes each key and value (RFC 3986 unreserved characters as they are, everything else %XX in upper-case hex): ${sent}.`,
    );
  }
  if (m[3]) notes.push('The fragment (from "#") is not part of an HTTP request and is not sent.');
  return { url, path, query, notes };
}

/** The query as sent: in the typed order, each key and value in SigV4's encoding; bare keys stay bare. */
export function wireQuery(query: readonly QueryPair[]): string {
  return query
    .map((p) => (p.bare ? uriEscape(p.key) : `${uriEscape(p.key)}=${uriEscape(p.value)}`))
    .join('&');
}

/** Smithy's query map of the pairs (a bare key signs as `key=`, as SigV4 canonicalizes a missing value). */
export function queryMap(query: readonly QueryPair[]): QueryMap {
  const map: QueryMap = {};
  for (const p of query) addToQuery(map, p.key, p.value);
  return map;
}

/**
 * The path to send, given the canonical URI that was signed. For the S3 family they are the same string. For
 * every other service the canonical URI is the dot- and empty-segment-free path encoded once more, so
 * decoding each segment once gives back exactly the path the server will normalize and encode to the same
 * canonical URI (sending it avoids curl's own dot-segment handling too).
 */
export function sentPath(canonicalUri: string, s3Family: boolean): string {
  return s3Family ? canonicalUri : canonicalUri.split('/').map(decodeURIComponent).join('/');
}

/**
 * Join repeated header names (compared case-insensitively) into one field with commas, as HTTP does (RFC 9110
 * §5.3), keeping the first spelling of the name. Each value loses its leading and trailing whitespace first,
 * so the canonical value is botocore's (each value trimmed, then joined) and smithy's collapse is a no-op.
 */
export function joinHeaders(pairs: readonly (readonly [string, string])[]): {
  headers: Record<string, string>;
  repeated: string[];
} {
  const byName = new Map<string, { name: string; values: string[] }>();
  for (const [name, value] of pairs) {
    const key = name.toLowerCase();
    const entry = byName.get(key) ?? { name, values: [] };
    entry.values.push(value.trim());
    byName.set(key, entry);
  }
  const headers: Record<string, string> = {};
  const repeated: string[] = [];
  for (const { name, values } of byName.values()) {
    headers[name] = values.join(',');
    if (values.length > 1) repeated.push(name);
  }
  return { headers, repeated };
}

/** Smithy's canonicalizer with its protected steps made callable. */
class Canonicalizer extends SignatureV4Base {
  constructor(uriEscapePath: boolean) {
    // Service, region and credentials are unused: only the canonicalization methods are called.
    super({
      service: 'none',
      region: 'none',
      credentials: { accessKeyId: '', secretAccessKey: '' },
      sha256,
      uriEscapePath,
    });
  }

  canonical(request: HttpRequest, headers: Record<string, string>, payloadHash: string): string {
    return this.createCanonicalRequest(request, headers, payloadHash);
  }
}

const canonicalizers = { escaped: new Canonicalizer(true), raw: new Canonicalizer(false) };

/**
 * The canonical request (SigV4 task 1) over the listed headers only, through smithy's own code.
 * Header values are trimmed and their inner whitespace collapsed as SigV4 requires.
 * @throws AnchorageError INVALID_INPUT when a signed header is missing from the request.
 */
export function canonicalRequest(
  request: CanonicalInput,
  signedHeaders: readonly string[],
  payloadHash: string,
  options: { uriEscapePath?: boolean } = {},
): string {
  const wanted = new Set(signedHeaders.map((h) => h.toLowerCase()));
  const http = new HttpRequest({
    method: request.method,
    path: request.path,
    query: request.query,
    headers: request.headers,
  });
  // Passing the list as `signableHeaders` keeps smithy from dropping headers it never signs by default.
  const all = getCanonicalHeaders(http, undefined, wanted);
  const headers: Record<string, string> = {};
  for (const name of wanted) {
    const value = all[name];
    if (value === undefined) {
      throw new AnchorageError(
        'INVALID_INPUT',
        `The header "${name}" is listed as signed but the request does not carry it.`,
        'Add the header to the request or remove it from the signed headers.',
      );
    }
    headers[name] = value;
  }
  const canonicalizer = options.uriEscapePath === false ? canonicalizers.raw : canonicalizers.escaped;
  return canonicalizer.canonical(http, headers, payloadHash);
}

/** The string to sign (SigV4 task 2; AWS4-X509 uses the same four lines with its own algorithm name). */
export function stringToSign(
  algorithm: string,
  amzDateValue: string,
  scope: string,
  canonical: string,
): string {
  return `${algorithm}\n${amzDateValue}\n${scope}\n${hashHex(canonical)}`;
}

/**
 * A `SignatureV4` that records the canonical request and string to sign it actually signs, so a preview shows
 * the exact inputs of the signature and not a recomputation. Use one instance per request.
 */
export class RecordingSignatureV4 extends SignatureV4 {
  recordedCanonicalRequest: string | undefined;
  recordedStringToSign: string | undefined;

  protected override createCanonicalRequest(
    ...args: Parameters<SignatureV4Base['createCanonicalRequest']>
  ): string {
    const result = super.createCanonicalRequest(...args);
    this.recordedCanonicalRequest = result;
    return result;
  }

  protected override async createStringToSign(
    ...args: Parameters<SignatureV4Base['createStringToSign']>
  ): Promise<string> {
    const result = await super.createStringToSign(...args);
    this.recordedStringToSign = result;
    return result;
  }
}
