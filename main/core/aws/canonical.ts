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

/** A request as canonicalization sees it: the path is raw (not percent-encoded) unless `uriEscapePath` is off. */
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
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

/**
 * Split a URL into what canonicalization needs. With `uriEscapePath` (every service but S3) the path is decoded
 * so that smithy encodes it exactly once; for S3 it stays as sent.
 */
export function splitUrl(url: URL, uriEscapePath = true): { path: string; query: QueryMap } {
  const path = uriEscapePath ? decode(url.pathname) : url.pathname;
  return { path: path === '' ? '/' : path, query: parseQuery(url.search) };
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
