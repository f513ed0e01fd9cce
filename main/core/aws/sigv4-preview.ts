import { HttpRequest } from '@smithy/protocol-http';
import { quoteSh as shellQuote } from '../../../shared/credentials';
import { AnchorageError } from '../../../shared/errors';
import { isS3Family } from '../../../shared/domain/service-guess';
import {
  amzDate,
  credentialScope,
  joinHeaders,
  queryMap,
  readWireUrl,
  RecordingSignatureV4,
  sentPath,
  sha256,
  wireQuery,
} from './canonical';
import type { QueryMap } from './canonical';
import type { AwsCredentials } from '../../../shared/credentials';

/**
 * SigV4 preview (ARCHITECTURE §1 step 6): sign a request with `@smithy/signature-v4`, the SDK's signer, and
 * show every intermediate it used. The canonical request and string to sign are recorded from the same signer
 * instance that produced the signature (see RecordingSignatureV4), never recomputed beside it.
 *
 * The URL is the wire form, and the server's rules decide the canonical URI (ARCHITECTURE §5): every service
 * but the S3 family encodes the wire path once more; the S3 family signs it as sent. What is sent is exactly
 * what was signed, and `notes` says how anything ambiguous was read.
 */

/** Header fields in the order given; a name may repeat, in any case. */
type HeaderPairs = readonly (readonly [string, string])[];

export interface SigV4PreviewInput {
  method: string;
  /** The URL in wire form: `%XX` is sent (and, outside S3, signed encoded again) as typed. */
  url: string;
  /** Repeated names are joined with "," into one field, as HTTP combines them (RFC 9110 §5.3). */
  headers?: HeaderPairs;
  body?: string | Uint8Array;
  service: string;
  region: string;
  credentials: AwsCredentials;
  time?: Date;
  /**
   * Sign X-Amz-Security-Token (default) or add it after signing. A few services want it unsigned
   * (SigV4 test suite, post-sts-token/readme.txt).
   */
  signSessionToken?: boolean;
}

/** What the signer computed, for a request already in canonicalization's terms. */
export interface SigV4Signature {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  /** `host;x-amz-date;…` */
  signedHeaders: string;
  authorization: string;
  /** Every header to send, including host, x-amz-date, authorization and, as applicable, the token and checksum. */
  headers: Record<string, string>;
  amzDate: string;
  scope: string;
}

/** A signed request as it goes on the wire. */
export interface SignedWireRequest extends SigV4Signature {
  /** The URL to send: the path and query exactly as signed. */
  url: string;
  /** How the typed URL and headers were read where they were ambiguous or had to change. */
  notes: string[];
}

export interface SigV4Preview extends SignedWireRequest {
  /** A curl command that sends the request. With a session token it reads the headers from headers.txt. */
  curl: string;
  /** The content of headers.txt for `curl`, present when the headers hold a session token. */
  curlHeaders?: string;
}

/** A request in canonicalization's terms: `path` is what smithy's canonicalizer gets. */
export interface SigV4Request {
  method: string;
  /** For the S3 family, the canonical URI itself; for others, the path that smithy encodes once more. */
  path: string;
  query: QueryMap;
  /** One entry per header name (see joinHeaders); must include host. */
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface SigV4Options {
  service: string;
  region: string;
  credentials: AwsCredentials;
  time: Date;
  signSessionToken?: boolean;
}

const TOKEN_HEADER = 'x-amz-security-token';
const HEADER_FILE = 'headers.txt';

function requireInput(ok: boolean, message: string, hint: string): void {
  if (!ok) throw new AnchorageError('INVALID_INPUT', message, hint);
}

function without(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== name));
}

function headerName(headers: Record<string, string>, name: string): string | undefined {
  return Object.keys(headers).find((h) => h.toLowerCase() === name);
}

/**
 * Sign with smithy's SignatureV4 by the server's rules for `service`. The S3 family gets the path verbatim
 * (`uriEscapePath: false`) and `x-amz-content-sha256`; every other service gets smithy's path normalization
 * (empty and dot segments removed, RFC 3986 §5.2.4, as botocore's remove_dot_segments does) and one more
 * encoding. A given X-Amz-Date, Date or Authorization is dropped by smithy; a given X-Amz-Security-Token is
 * replaced when the credentials carry a session token.
 */
export async function signSigV4(request: SigV4Request, options: SigV4Options): Promise<SigV4Signature> {
  const s3 = isS3Family(options.service);
  const signSessionToken = options.signSessionToken ?? true;
  const { sessionToken } = options.credentials;
  const headers = sessionToken ? without(request.headers, TOKEN_HEADER) : { ...request.headers };
  const signer = new RecordingSignatureV4({
    service: options.service,
    region: options.region,
    credentials: {
      accessKeyId: options.credentials.accessKeyId,
      secretAccessKey: options.credentials.secretAccessKey,
      ...(sessionToken && signSessionToken ? { sessionToken } : {}),
    },
    sha256,
    uriEscapePath: !s3,
    applyChecksum: s3,
  });
  const http = new HttpRequest({
    method: request.method,
    path: request.path,
    query: request.query,
    headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  const signed = await signer.sign(http, { signingDate: options.time });
  const canonicalRequest = signer.recordedCanonicalRequest;
  const stringToSign = signer.recordedStringToSign;
  const authorization = signed.headers.authorization;
  const match = /SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(authorization ?? '');
  if (canonicalRequest === undefined || stringToSign === undefined || !authorization || !match) {
    throw new AnchorageError(
      'INTERNAL',
      'The SigV4 signer did not produce a signature.',
      'This is a bug in Anchorage; please report it.',
    );
  }
  const outHeaders: Record<string, string> = { ...signed.headers };
  if (sessionToken && !signSessionToken) outHeaders[TOKEN_HEADER] = sessionToken;
  const date = amzDate(options.time);
  return {
    canonicalRequest,
    stringToSign,
    signature: match[2] ?? '',
    signedHeaders: match[1] ?? '',
    authorization,
    headers: outHeaders,
    amzDate: date,
    scope: credentialScope(date, options.region, options.service),
  };
}

/**
 * Sign a request given as a wire URL and header fields, and say what is sent. It checks nothing about
 * whether the headers can be sent (previewSigV4 does); canonicalization is the server's, whatever they hold.
 */
export async function signWireRequest(input: SigV4PreviewInput): Promise<SignedWireRequest> {
  const wire = readWireUrl(input.url);
  const s3 = isS3Family(input.service);
  const notes = [...wire.notes];
  const joined = joinHeaders(input.headers ?? []);
  for (const name of joined.repeated) {
    notes.push(
      `The header "${name}" was given more than once; its values were joined with commas into one header (RFC 9110 §5.3), which is what is signed and sent.`,
    );
  }
  const headers = joined.headers;
  const given = (name: string): string | undefined => headerName(headers, name);
  const replaced: Array<[string, string]> = [
    ['x-amz-date', 'was replaced by the signing time'],
    ['date', 'was dropped: X-Amz-Date carries the signing time'],
    ['authorization', 'was replaced by the signature'],
    ...(input.credentials.sessionToken
      ? [[TOKEN_HEADER, 'was replaced by the session token of the signing credentials'] as [string, string]]
      : []),
  ];
  for (const [name, what] of replaced) {
    const spelled = given(name);
    if (spelled) notes.push(`The given ${spelled} header ${what}.`);
  }
  if (!given('host')) headers.host = wire.url.host;

  const time = input.time ?? new Date();
  const signature = await signSigV4(
    {
      method: input.method,
      path: wire.path,
      query: queryMap(wire.query),
      headers,
      ...(input.body !== undefined ? { body: input.body } : {}),
    },
    {
      service: input.service,
      region: input.region,
      credentials: input.credentials,
      time,
      ...(input.signSessionToken !== undefined ? { signSessionToken: input.signSessionToken } : {}),
    },
  );
  const path = sentPath(signature.canonicalRequest.split('\n')[1] ?? '/', s3);
  if (!s3 && path !== wire.path) {
    notes.push(
      `The path is sent as ${path}: for ${input.service} AWS removes empty and dot segments before checking the signature (SigV4 "normalize URI paths", RFC 3986 §5.2.4), so that is the path that was signed.`,
    );
  }
  if (s3 && hasDotSegment(path)) {
    notes.push(
      'S3 signs the path as sent, dot segments included; the curl line keeps curl from resolving them (--path-as-is).',
    );
  }
  const search = wireQuery(wire.query);
  return {
    ...signature,
    url: `${wire.url.protocol}//${wire.url.host}${path}${search ? `?${search}` : ''}`,
    notes,
  };
}

function hasDotSegment(path: string): boolean {
  return path.split('/').some((s) => s === '.' || s === '..');
}

// RFC 9110 §5.5: a field value is visible ASCII, spaces and tabs. CR, LF and NUL must not be sent; other
// control characters and non-ASCII bytes are read differently by different servers.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is checked
const LINE_BREAK = /[\r\n\u0000]/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is checked
const CONTROL = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const NON_ASCII = /[^\p{ASCII}]/u;

function checkHeader(name: string, value: string): void {
  requireInput(
    /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name),
    `"${name}" is not a valid header name.`,
    'Header names are tokens without spaces or colons.',
  );
  requireInput(
    !LINE_BREAK.test(value),
    `The header "${name}" has a line break in its value; a header value is one line (RFC 9110 §5.5).`,
    'Put the value on one line; separate list items with commas.',
  );
  requireInput(
    !CONTROL.test(value),
    `The header "${name}" has a control character in its value, which HTTP does not allow (RFC 9110 §5.5).`,
    'Remove the control character; a tab or space is allowed.',
  );
  const nonAscii = NON_ASCII.exec(value)?.[0];
  requireInput(
    nonAscii === undefined,
    `The header "${name}" has the non-ASCII character "${nonAscii ?? ''}" in its value; HTTP header values are ASCII (RFC 9110 §5.5) and servers read other bytes differently.`,
    'Encode the value as the service documents it (for example percent-encoding, base64, or RFC 2047 for S3 metadata).',
  );
}

/**
 * Sign a request with SigV4 and return every intermediate, the URL to send and a ready curl line.
 * @throws AnchorageError INVALID_INPUT for a malformed URL, method, header, service or region.
 */
export async function previewSigV4(input: SigV4PreviewInput): Promise<SigV4Preview> {
  readWireUrl(input.url);
  requireInput(
    /^[A-Z]+$/.test(input.method),
    `"${input.method}" is not an HTTP method.`,
    'Use GET, POST, PUT, DELETE, HEAD or PATCH.',
  );
  requireInput(
    /^[a-z0-9-]+$/.test(input.service),
    `"${input.service}" is not a service signing name.`,
    'Use the signing name, e.g. sts, s3, execute-api.',
  );
  requireInput(
    /^[a-z0-9-]+$/.test(input.region),
    `"${input.region}" is not a region name.`,
    'Use a region like us-east-1.',
  );
  requireInput(
    input.credentials.accessKeyId !== '' && input.credentials.secretAccessKey !== '',
    'The credentials have no access key ID or secret.',
    'Pick a session, a static credential or the environment that holds both.',
  );
  for (const [name, value] of input.headers ?? []) checkHeader(name, value);

  const signed = await signWireRequest(input);
  const withToken = headerName(signed.headers, TOKEN_HEADER) !== undefined;
  const options = { headerFile: withToken, pathAsIs: hasDotSegment(pathOf(signed.url)) };
  const notes = [...signed.notes];
  if (withToken) {
    notes.push(
      `The curl line reads its headers from ${HEADER_FILE} (curl 7.55 or later): a session token on the command line would be visible to other users in ps and kept in the shell history.`,
    );
  }
  return {
    ...signed,
    notes,
    curl: curlLine(input.method, signed.url, signed.headers, input.body, options),
    ...(withToken ? { curlHeaders: headerFileText(signed.headers) } : {}),
  };
}

/** The path of an absolute URL as written (the WHATWG parser would resolve S3's dot segments). */
function pathOf(url: string): string {
  return /^[a-z]+:\/\/[^/?#]*([^?#]*)/i.exec(url)?.[1] ?? '/';
}

const INLINE_BODY_LIMIT = 2048;
const byteLength = (body: string | Uint8Array): number =>
  typeof body === 'string' ? new TextEncoder().encode(body).length : body.length;
// Tab, LF and CR are fine inside single quotes; other control characters are not pasteable text.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must not go inline
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** One header as curl takes it: `Name: value`, or `Name;` for an empty value (curl's `-H` syntax for that). */
function curlHeader(name: string, value: string): string {
  return value === '' ? `${name};` : `${name}: ${value}`;
}

/** The content of the headers file that `curl -H @file` reads: one header per line (curl ≥ 7.55). */
function headerFileText(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${curlHeader(name, value)}\n`)
    .join('');
}

export interface CurlOptions {
  /** Read the headers from headers.txt (`-H @headers.txt`) instead of the command line. */
  headerFile?: boolean;
  /** Keep `.` and `..` path segments as they are (S3 signs them). */
  pathAsIs?: boolean;
}

/**
 * A curl command that sends exactly the given headers. HEAD is `-I` (with `-X HEAD` curl would wait for a
 * body). Small text bodies go inline with `--data-raw` (which, unlike `--data`, never reads a file for a
 * leading `@`); others are read from stdin with `--data-binary @-`.
 */
export function curlLine(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: string | Uint8Array,
  options: CurlOptions = {},
): string {
  const parts = ['curl', ...(method === 'HEAD' ? ['-I'] : ['-X', method])];
  // Brackets (an IPv6 host) and braces would be read as curl's URL globbing.
  if (/[[\]{}]/.test(url)) parts.push('--globoff');
  if (options.pathAsIs) parts.push('--path-as-is');
  parts.push(shellQuote(url));
  if (options.headerFile) parts.push('-H', `@${HEADER_FILE}`);
  else
    for (const [name, value] of Object.entries(headers))
      parts.push('-H', shellQuote(curlHeader(name, value)));
  if (body !== undefined && body.length > 0) {
    const text = typeof body === 'string' ? body : undefined;
    if (text !== undefined && text.length <= INLINE_BODY_LIMIT && !CONTROL_CHARS.test(text)) {
      parts.push('--data-raw', shellQuote(text));
    } else {
      parts.push('--data-binary', '@-', `# send the ${byteLength(body)}-byte body on stdin, e.g. < body.bin`);
    }
  }
  return parts.join(' ');
}
