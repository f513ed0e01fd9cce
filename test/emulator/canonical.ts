/**
 * The emulator's own SigV4 canonicalization, written independently of `main/` so that the product's signer
 * is checked against a second implementation (AWS General Reference, "Create a canonical request for
 * Signature Version 4"). AWS4-X509 (IAM Roles Anywhere) reuses the same canonical request; only the string
 * to sign's algorithm name and the signing key differ.
 */
import { createHash, createHmac } from 'node:crypto';

/** Raw header pairs in arrival order, as Node's `req.rawHeaders` gives them (duplicates kept). */
export type HeaderPairs = readonly (readonly [string, string])[];

/** A request as it came off the wire: the path and query are still percent-encoded. */
export interface WireRequest {
  method: string;
  /** Path as sent, without the query, e.g. `/sessions`. */
  path: string;
  /** Raw query string without the leading `?`, or ''. */
  query: string;
  headers: HeaderPairs;
  body: Buffer | string;
}

/** The parts of an `Authorization: ALG Credential=…, SignedHeaders=…, Signature=…` header. */
export interface ParsedAuthorization {
  algorithm: string;
  /** Access key id (SigV4) or decimal certificate serial (AWS4-X509). */
  keyId: string;
  scopeDate: string;
  scopeRegion: string;
  scopeService: string;
  scopeTerminator: string;
  signedHeaders: string[];
  signature: string;
}

/** URI-encode per SigV4: every byte except the RFC 3986 unreserved set becomes %XX (upper-case hex). */
export function uriEncode(value: string): string {
  // encodeURIComponent leaves !'()* alone; SigV4 requires them encoded.
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Canonical URI as the server computes it from the path it received (SigV4 docs, "Create a canonical
 * request"). For every service but the S3 family: remove empty and dot segments (RFC 3986 §5.2.4; a trailing
 * slash survives only when the path ends in one, as botocore's remove_dot_segments has it), then URI-encode
 * each segment of the path as it was sent: encoding the already-encoded wire path is the "encoded twice" rule,
 * so `%3A` is signed as `%253A`. The S3 family signs the path as sent ("You do not normalize URI paths";
 * "only gets URI-encoded once", and the wire path already is).
 */
function canonicalUri(path: string, s3Family = false): string {
  if (s3Family) return path === '' ? '/' : path;
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(uriEncode(segment));
  }
  const trailing = path.endsWith('/') && out.length > 0;
  return `/${out.join('/')}${trailing ? '/' : ''}`;
}

/** Parse a raw query string into decoded [name, value] pairs (RFC 3986 decoding: `+` stays a plus). */
export function parseQuery(query: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([safeDecode(name), safeDecode(value)]);
  }
  return pairs;
}

/** Canonical query string: each name and value URI-encoded, sorted by name then value, `name=value` joined by `&`. */
function canonicalQuery(query: string): string {
  const encoded = parseQuery(query).map(([k, v]) => [uriEncode(k), uriEncode(v)] as const);
  encoded.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return encoded.map(([k, v]) => `${k}=${v}`).join('&');
}

/** Header values by lower-cased name; repeated headers keep every value in arrival order. */
export function headerMap(headers: HeaderPairs): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    const list = map.get(key) ?? [];
    list.push(value);
    map.set(key, list);
  }
  return map;
}

/**
 * Canonical headers for the signed names: `name:value\n` in the signed order, where each value is trimmed
 * with inner runs of whitespace collapsed to one space, and repeated headers are joined by commas.
 */
function canonicalHeaders(headers: HeaderPairs, signedHeaders: readonly string[]): string {
  const map = headerMap(headers);
  return signedHeaders
    .map((name) => {
      const values = (map.get(name) ?? []).map((v) => v.trim().replace(/\s+/g, ' '));
      return `${name}:${values.join(',')}\n`;
    })
    .join('');
}

/** Hex SHA-256 of a string (UTF-8) or bytes. */
function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The canonical request over a wire request, for the given signed header names (already lower-case, sorted).
 * `s3Family` selects S3's path rule (see canonicalUri); the STS and Roles Anywhere verifiers use the other.
 */
export function canonicalRequest(
  req: WireRequest,
  signedHeaders: readonly string[],
  options: { s3Family?: boolean } = {},
): string {
  return [
    req.method.toUpperCase(),
    canonicalUri(req.path, options.s3Family),
    canonicalQuery(req.query),
    canonicalHeaders(req.headers, signedHeaders),
    signedHeaders.join(';'),
    sha256Hex(req.body),
  ].join('\n');
}

/** `ALG\nAMZDATE\nSCOPE\nhex(sha256(canonicalRequest))`. */
export function stringToSign(algorithm: string, amzDate: string, scope: string, creq: string): string {
  return `${algorithm}\n${amzDate}\n${scope}\n${sha256Hex(creq)}`;
}

/** The SigV4 signing key: HMAC chain over date, region, service and `aws4_request`. */
export function sigv4SigningKey(secret: string, date: string, region: string, service: string): Buffer {
  const hmac = (key: Buffer | string, data: string): Buffer =>
    createHmac('sha256', key).update(data).digest();
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

/** Hex HMAC-SHA256 of the string to sign with the signing key (the SigV4 signature). */
export function sigv4Signature(signingKey: Buffer, sts: string): string {
  return createHmac('sha256', signingKey).update(sts).digest('hex');
}

/**
 * Parse an Authorization header. Returns undefined when it is not of the form
 * `ALG Credential=ID/DATE/REGION/SERVICE/aws4_request, SignedHeaders=a;b, Signature=hex`.
 */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const m = /^(\S+)\s+(.+)$/.exec(header.trim());
  if (!m) return undefined;
  const [, algorithm, rest] = m as unknown as [string, string, string];
  const fields = new Map<string, string>();
  for (const part of rest.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return undefined;
    const name = part.slice(0, eq).trim();
    if (fields.has(name)) return undefined;
    fields.set(name, part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signed = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (fields.size !== 3 || !credential || !signed || !signature) return undefined;
  const scope = credential.split('/');
  if (scope.length < 5) return undefined;
  const [scopeDate, scopeRegion, scopeService, scopeTerminator] = scope.slice(-4) as [
    string,
    string,
    string,
    string,
  ];
  return {
    algorithm,
    keyId: scope.slice(0, -4).join('/'),
    scopeDate,
    scopeRegion,
    scopeService,
    scopeTerminator,
    signedHeaders: signed.split(';'),
    signature,
  };
}

/** Parse an ISO 8601 basic timestamp `YYYYMMDDTHHMMSSZ` (X-Amz-Date); undefined when malformed. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Reject rollovers such as month 13 or 31 February.
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
    return undefined;
  return date;
}

/** Format a Date as `YYYYMMDDTHHMMSSZ`. */
export function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}
