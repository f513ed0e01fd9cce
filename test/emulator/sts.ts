/**
 * STS GetCallerIdentity, verified with standard SigV4 (AWS4-HMAC-SHA256) against the credentials the
 * emulator vended. Speaks the query protocol (form body, XML answer) and, for SDKs that use it, the JSON
 * protocol (`X-Amz-Target: AWSSecurityTokenServiceV20110615.GetCallerIdentity`).
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import {
  canonicalRequest,
  headerMap,
  parseAmzDate,
  parseAuthorization,
  parseQuery,
  sigv4Signature,
  sigv4SigningKey,
  stringToSign,
  type WireRequest,
} from './canonical';
import { skewProblem } from './clock';
import { assumedRoleArn, type IssuedSession } from './create-session';
import { Rejection } from './rejection';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const JSON_TARGET = 'AWSSecurityTokenServiceV20110615.GetCallerIdentity';
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const BAD_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

function xmlEscape(s: string): string {
  return s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );
}

const denied = (code: string, message: string): Rejection => new Rejection(403, code, message);
const incomplete = (message: string): Rejection => new Rejection(400, 'IncompleteSignature', message);

/** Form-decode `a=b&c=d` (application/x-www-form-urlencoded: `+` is a space). */
function parseForm(body: string): Map<string, string> {
  return new Map(parseQuery(body.replace(/\+/g, '%20')));
}

/** Verify the SigV4 signature and the session token; returns the session the request acts as. */
function authenticate(
  req: WireRequest,
  sessions: ReadonlyMap<string, IssuedSession>,
  now: Date,
  skewSeconds: number,
): IssuedSession {
  const headers = headerMap(req.headers);
  const header = headers.get('authorization')?.[0];
  if (!header) throw denied('MissingAuthenticationToken', 'Request is missing Authentication Token');
  const auth = parseAuthorization(header);
  if (!auth) {
    throw incomplete(
      "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.",
    );
  }
  if (auth.algorithm !== 'AWS4-HMAC-SHA256')
    throw incomplete(`Unsupported AWS 'algorithm': '${auth.algorithm}'`);
  const amzDate = headers.get('x-amz-date')?.[0];
  if (!amzDate) throw incomplete("Authorization header requires existence of a 'X-Amz-Date' header.");
  const time = parseAmzDate(amzDate);
  if (!time) throw incomplete(`X-Amz-Date '${amzDate}' is not in the form YYYYMMDDTHHMMSSZ.`);
  const skew = skewProblem(time, now, skewSeconds);
  if (skew) throw denied('SignatureDoesNotMatch', skew);
  if (auth.scopeDate !== amzDate.slice(0, 8)) {
    throw denied(
      'SignatureDoesNotMatch',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  // Any region is accepted (the CLI signs with its configured region), but it must look like one.
  if (!REGION.test(auth.scopeRegion)) {
    throw denied(
      'SignatureDoesNotMatch',
      `Credential should be scoped to a valid region, not '${auth.scopeRegion}'.`,
    );
  }
  if (auth.scopeService !== 'sts') {
    throw denied(
      'SignatureDoesNotMatch',
      `Credential should be scoped to correct service: 'sts', not '${auth.scopeService}'.`,
    );
  }
  if (auth.scopeTerminator !== 'aws4_request') {
    throw denied(
      'SignatureDoesNotMatch',
      "Credential should be scoped with a valid terminator: 'aws4_request'.",
    );
  }
  const signed = auth.signedHeaders;
  if (
    [...new Set(signed)].sort().join(';') !== signed.join(';') ||
    signed.some((h) => h !== h.toLowerCase())
  ) {
    throw incomplete(`SignedHeaders must be lower-case, unique and sorted: '${signed.join(';')}'.`);
  }
  for (const name of ['host', 'x-amz-date']) {
    if (!signed.includes(name))
      throw incomplete(`SignedHeaders must include '${name}'; got '${signed.join(';')}'.`);
  }
  for (const name of signed) {
    if (!headers.has(name)) throw incomplete(`Signed header '${name}' is not present in the request.`);
  }

  const session = sessions.get(auth.keyId);
  if (!session)
    throw denied('InvalidClientTokenId', 'The security token included in the request is invalid.');
  const token = headers.get('x-amz-security-token')?.[0];
  if (token !== session.sessionToken) {
    throw denied('InvalidClientTokenId', 'The security token included in the request is invalid.');
  }
  if (now >= session.expiration)
    throw denied('ExpiredToken', 'The security token included in the request is expired');

  const scope = `${auth.scopeDate}/${auth.scopeRegion}/sts/aws4_request`;
  const sts = stringToSign('AWS4-HMAC-SHA256', amzDate, scope, canonicalRequest(req, signed));
  const expected = Buffer.from(
    sigv4Signature(sigv4SigningKey(session.secretAccessKey, auth.scopeDate, auth.scopeRegion, 'sts'), sts),
  );
  const given = Buffer.from(auth.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw denied('SignatureDoesNotMatch', BAD_SIGNATURE);
  }
  return session;
}

function isJsonProtocol(req: WireRequest): boolean {
  return /^application\/x-amz-json-1\.[01]\b/.test(headerMap(req.headers).get('content-type')?.[0] ?? '');
}

/** Check the operation named by the request is GetCallerIdentity, in whichever protocol it came. */
function checkOperation(req: WireRequest): void {
  if (isJsonProtocol(req)) {
    const target = headerMap(req.headers).get('x-amz-target')?.[0];
    if (target !== JSON_TARGET)
      throw new Rejection(400, 'UnknownOperationException', `Unknown operation ${target ?? ''}`);
    return;
  }
  const params = new Map(parseQuery(req.query));
  const contentType = headerMap(req.headers).get('content-type')?.[0] ?? '';
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of parseForm(req.body.toString())) params.set(k, v);
  }
  const action = params.get('Action');
  const version = params.get('Version');
  if (action !== 'GetCallerIdentity' || version !== '2011-06-15') {
    throw new Rejection(
      400,
      'InvalidAction',
      `Could not find operation ${action ?? '(none)'} for version ${version ?? '(none)'}; this emulator serves GetCallerIdentity, 2011-06-15.`,
    );
  }
}

function success(req: WireRequest, s: IssuedSession, requestId: string): HttpAnswer {
  const arn = assumedRoleArn(s);
  if (isJsonProtocol(req)) {
    const contentType =
      headerMap(req.headers).get('content-type')?.[0]?.split(';')[0] ?? 'application/x-amz-json-1.1';
    return {
      status: 200,
      headers: { 'Content-Type': contentType, 'x-amzn-RequestId': requestId },
      body: JSON.stringify({ Account: s.account, Arn: arn, UserId: s.assumedRoleId }),
    };
  }
  const body =
    `<GetCallerIdentityResponse xmlns="${XMLNS}">\n  <GetCallerIdentityResult>\n` +
    `    <Arn>${xmlEscape(arn)}</Arn>\n    <UserId>${xmlEscape(s.assumedRoleId)}</UserId>\n` +
    `    <Account>${s.account}</Account>\n  </GetCallerIdentityResult>\n` +
    `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</GetCallerIdentityResponse>\n`;
  return { status: 200, headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId }, body };
}

/** Render a rejection as STS does: XML ErrorResponse (query) or `__type` JSON (JSON protocol). */
function stsError(req: WireRequest, r: Rejection, requestId: string): HttpAnswer {
  const type = r.status >= 500 ? 'Receiver' : 'Sender';
  if (isJsonProtocol(req)) {
    return {
      status: r.status,
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'x-amzn-RequestId': requestId,
        'x-amzn-query-error': `${r.errorType};${type}`,
      },
      body: JSON.stringify({ __type: `com.amazon.coral.service#${r.errorType}`, message: r.message }),
    };
  }
  const body =
    `<ErrorResponse xmlns="${XMLNS}">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${xmlEscape(r.errorType)}</Code>\n` +
    `    <Message>${xmlEscape(r.message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
  return { status: r.status, headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId }, body };
}

/**
 * Handle one GetCallerIdentity request (POST / with a form body, GET / with the query, or JSON protocol).
 * Returns the answer; errors are answered in STS's format rather than thrown.
 */
export function getCallerIdentity(
  req: WireRequest & { body: Buffer },
  sessions: ReadonlyMap<string, IssuedSession>,
  now: Date,
  skewSeconds: number,
): HttpAnswer {
  const requestId = randomUUID();
  try {
    const session = authenticate(req, sessions, now, skewSeconds);
    checkOperation(req);
    return success(req, session, requestId);
  } catch (err) {
    if (err instanceof Rejection) return stsError(req, err, requestId);
    throw err;
  }
}
