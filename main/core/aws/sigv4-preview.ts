import { HttpRequest } from '@smithy/protocol-http';
import { quoteSh as shellQuote } from '../../../shared/credentials';
import { AnchorageError } from '../../../shared/errors';
import { amzDate, credentialScope, RecordingSignatureV4, sha256, splitUrl, uriEscape } from './canonical';
import type { QueryMap } from './canonical';

/**
 * SigV4 preview (ARCHITECTURE §1 step 6): sign a request with `@smithy/signature-v4`, the SDK's signer, and
 * show every intermediate it used. The canonical request and string to sign are recorded from the same signer
 * instance that produced the signature (see RecordingSignatureV4), never recomputed beside it.
 */

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SigV4PreviewInput {
  method: string;
  url: string;
  /** Repeated headers may be given as arrays; they are joined with "," as HTTP combines them (RFC 9110 §5.3). */
  headers?: Record<string, string | readonly string[]>;
  body?: string | Uint8Array;
  service: string;
  region: string;
  credentials: SigningCredentials;
  time?: Date;
  /**
   * Sign X-Amz-Security-Token (default) or add it after signing. A few services want it unsigned
   * (SigV4 test suite, post-sts-token/readme.txt).
   */
  signSessionToken?: boolean;
}

export interface SigV4Preview {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  /** `host;x-amz-date;…` */
  signedHeaders: string;
  authorization: string;
  /** Every header to send, including host, x-amz-date, authorization and, as applicable, the token and checksum. */
  headers: Record<string, string>;
  /** The URL to send: the path and query exactly as canonicalized, so the wire matches what was signed. */
  url: string;
  amzDate: string;
  scope: string;
  curl: string;
}

function requireInput(ok: boolean, message: string, hint: string): void {
  if (!ok) throw new AnchorageError('INVALID_INPUT', message, hint);
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AnchorageError(
      'INVALID_INPUT',
      `"${text}" is not a URL.`,
      'Give a full URL, e.g. https://sts.us-east-1.amazonaws.com/.',
    );
  }
  requireInput(
    url.protocol === 'https:' || url.protocol === 'http:',
    `The URL scheme is ${url.protocol}; only http and https requests can be signed.`,
    'Use an https:// URL.',
  );
  return url;
}

function joinHeaders(headers: SigV4PreviewInput['headers'] = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    requireInput(
      /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name),
      `"${name}" is not a valid header name.`,
      'Header names are tokens without spaces or colons.',
    );
    out[name] = typeof value === 'string' ? value : value.join(',');
  }
  return out;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((h) => h.toLowerCase() === name);
}

/** The query as it goes on the wire: the canonical encoding (sorted, RFC 3986), so nothing is re-encoded in flight. */
function wireQuery(query: QueryMap): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) pairs.push(`${uriEscape(key)}=${uriEscape(v)}`);
  }
  return pairs.sort().join('&');
}

/**
 * Sign a request with SigV4 and return every intermediate plus a ready curl line.
 * S3 is signed as the SDK signs it: the path is not re-encoded and x-amz-content-sha256 is added.
 * @throws AnchorageError INVALID_INPUT for a malformed URL, method, header name, service or region.
 */
export async function previewSigV4(input: SigV4PreviewInput): Promise<SigV4Preview> {
  const url = parseUrl(input.url);
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

  const isS3 = input.service === 's3';
  const { path, query } = splitUrl(url, !isS3);
  const headers = joinHeaders(input.headers);
  if (!hasHeader(headers, 'host')) headers.host = url.host;

  const signSessionToken = input.signSessionToken ?? true;
  const { sessionToken } = input.credentials;
  const signer = new RecordingSignatureV4({
    service: input.service,
    region: input.region,
    credentials: {
      accessKeyId: input.credentials.accessKeyId,
      secretAccessKey: input.credentials.secretAccessKey,
      ...(sessionToken && signSessionToken ? { sessionToken } : {}),
    },
    sha256,
    // S3 keys are signed as sent and S3 wants the payload hash header (S3 API reference, SigV4 header auth).
    uriEscapePath: !isS3,
    applyChecksum: isS3,
  });
  const request = new HttpRequest({
    method: input.method,
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path,
    query,
    headers,
    ...(input.body !== undefined ? { body: input.body } : {}),
  });
  const time = input.time ?? new Date();
  const signed = await signer.sign(request, { signingDate: time });
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
  if (sessionToken && !signSessionToken) outHeaders['x-amz-security-token'] = sessionToken;

  // The canonical path is the one smithy signed; sending exactly it keeps curl from re-normalizing anything.
  const canonicalPath = canonicalRequest.split('\n')[1] ?? '/';
  const search = wireQuery(query);
  const finalUrl = `${url.protocol}//${url.host}${canonicalPath}${search ? `?${search}` : ''}`;
  const date = amzDate(time);
  return {
    canonicalRequest,
    stringToSign,
    signature: match[2] ?? '',
    signedHeaders: match[1] ?? '',
    authorization,
    headers: outHeaders,
    url: finalUrl,
    amzDate: date,
    scope: credentialScope(date, input.region, input.service),
    curl: curlLine(input.method, finalUrl, outHeaders, input.body),
  };
}

const INLINE_BODY_LIMIT = 2048;
const byteLength = (body: string | Uint8Array): number =>
  typeof body === 'string' ? new TextEncoder().encode(body).length : body.length;
// Tab, LF and CR are fine inside single quotes; other control characters are not pasteable text.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must not go inline
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * A curl command that sends exactly the given headers. Small text bodies go inline with `--data-raw` (which,
 * unlike `--data`, never reads a file for a leading `@`); others are read from stdin with `--data-binary @-`.
 */
export function curlLine(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: string | Uint8Array,
): string {
  const parts = ['curl', '-X', method, shellQuote(url)];
  for (const [name, value] of Object.entries(headers)) parts.push('-H', shellQuote(`${name}: ${value}`));
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

/** Where a request goes, guessed from its host, for pre-filling the preview form. */
