/**
 * SigV4 (AWS4-HMAC-SHA256) verification of a request signed with keys the emulator knows: the session
 * credentials it vended (STS) or an operator's keys (IAM and the Roles Anywhere control plane). The checks
 * and their order are the services' (IAM User Guide, "Troubleshoot signed requests for AWS APIs"): the
 * Authorization header's syntax, X-Amz-Date and the clock skew, the credential scope (date, region,
 * service, terminator), the signed headers, the key and its session token, then the signature itself.
 * The query services (STS, IAM) and the REST-JSON ones (Roles Anywhere) give the same failures different
 * codes, so the caller passes its service's {@link AuthDialect}.
 */
import { timingSafeEqual } from 'node:crypto';
import {
  canonicalRequest,
  headerMap,
  parseAmzDate,
  parseAuthorization,
  sigv4Signature,
  sigv4SigningKey,
  stringToSign,
  type WireRequest,
} from '../canonical';
import { skewProblem } from '../clock';
import { Rejection } from '../rejection';

const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

/** The kinds of authentication failure a SigV4 service distinguishes. */
type AuthFailure = 'missingToken' | 'incomplete' | 'badSignature' | 'invalidToken' | 'expiredToken';

/** A service's status and code for each kind of failure. */
export type AuthDialect = Readonly<Record<AuthFailure, readonly [status: number, code: string]>>;

/** STS and IAM (query protocol): `<Code>` values of their ErrorResponse. */
export const QUERY_AUTH: AuthDialect = {
  missingToken: [403, 'MissingAuthenticationToken'],
  incomplete: [400, 'IncompleteSignature'],
  badSignature: [403, 'SignatureDoesNotMatch'],
  invalidToken: [403, 'InvalidClientTokenId'],
  expiredToken: [403, 'ExpiredToken'],
};

/** REST-JSON services such as Roles Anywhere: `X-Amzn-ErrorType` values. */
export const REST_JSON_AUTH: AuthDialect = {
  missingToken: [403, 'MissingAuthenticationTokenException'],
  incomplete: [400, 'IncompleteSignatureException'],
  badSignature: [403, 'InvalidSignatureException'],
  invalidToken: [403, 'UnrecognizedClientException'],
  expiredToken: [403, 'ExpiredTokenException'],
};

/** What a key needs for verification. */
export interface SigningKey {
  readonly secretAccessKey: string;
  /** Temporary credentials carry one; the request must then send it as X-Amz-Security-Token. */
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

export interface SigV4Expectation<K extends SigningKey> {
  /** The service the credential scope must name ('sts', 'iam', 'rolesanywhere'). */
  service: string;
  /** The region the scope must name; undefined accepts any well-formed region name (STS does). */
  region?: string;
  now: Date;
  skewSeconds: number;
  dialect: AuthDialect;
  lookup(accessKeyId: string): K | undefined;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const BAD_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const INVALID_TOKEN = 'The security token included in the request is invalid.';

/** The credential scope's service of a SigV4-signed request, or undefined when it is not one. */
export function signedService(req: WireRequest): string | undefined {
  const header = headerMap(req.headers).get('authorization')?.[0];
  const auth = header ? parseAuthorization(header) : undefined;
  return auth?.algorithm === SIGV4_ALGORITHM ? auth.scopeService : undefined;
}

/**
 * Verify a SigV4-signed request. Returns the key it was signed with, or throws a {@link Rejection} with the
 * dialect's status and code and a message saying what is wrong (never the secret or the token).
 */
export function verifySigV4<K extends SigningKey>(req: WireRequest, x: SigV4Expectation<K>): K {
  const fail = (kind: AuthFailure, message: string): Rejection =>
    new Rejection(x.dialect[kind][0], x.dialect[kind][1], message);
  const headers = headerMap(req.headers);
  const header = headers.get('authorization')?.[0];
  if (!header) throw fail('missingToken', 'Request is missing Authentication Token');
  const auth = parseAuthorization(header);
  if (!auth) {
    throw fail(
      'incomplete',
      "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.",
    );
  }
  if (auth.algorithm !== SIGV4_ALGORITHM)
    throw fail('incomplete', `Unsupported AWS 'algorithm': '${auth.algorithm}'`);
  const amzDate = headers.get('x-amz-date')?.[0];
  if (!amzDate) throw fail('incomplete', "Authorization header requires existence of a 'X-Amz-Date' header.");
  const time = parseAmzDate(amzDate);
  if (!time) throw fail('incomplete', `X-Amz-Date '${amzDate}' is not in the form YYYYMMDDTHHMMSSZ.`);
  const skew = skewProblem(time, x.now, x.skewSeconds);
  if (skew) throw fail('badSignature', skew);
  if (auth.scopeDate !== amzDate.slice(0, 8)) {
    throw fail(
      'badSignature',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (x.region ? auth.scopeRegion !== x.region : !REGION.test(auth.scopeRegion)) {
    throw fail(
      'badSignature',
      `Credential should be scoped to a valid region, not '${auth.scopeRegion}'.` +
        (x.region ? ` This endpoint signs for '${x.region}'.` : ''),
    );
  }
  if (auth.scopeService !== x.service) {
    throw fail(
      'badSignature',
      `Credential should be scoped to correct service: '${x.service}', not '${auth.scopeService}'.`,
    );
  }
  if (auth.scopeTerminator !== 'aws4_request')
    throw fail('badSignature', "Credential should be scoped with a valid terminator: 'aws4_request'.");
  const signed = auth.signedHeaders;
  if (
    [...new Set(signed)].sort().join(';') !== signed.join(';') ||
    signed.some((h) => h !== h.toLowerCase())
  ) {
    throw fail('incomplete', `SignedHeaders must be lower-case, unique and sorted: '${signed.join(';')}'.`);
  }
  if (!signed.includes('host'))
    throw fail('incomplete', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  if (!signed.includes('x-amz-date'))
    throw fail('incomplete', `SignedHeaders must include 'x-amz-date'; got '${signed.join(';')}'.`);
  for (const name of signed) {
    if (!headers.has(name))
      throw fail('incomplete', `Signed header '${name}' is not present in the request.`);
  }

  const key = x.lookup(auth.keyId);
  if (!key) throw fail('invalidToken', INVALID_TOKEN);
  if (headers.get('x-amz-security-token')?.[0] !== key.sessionToken)
    throw fail('invalidToken', INVALID_TOKEN);
  if (key.expiration && x.now >= key.expiration)
    throw fail('expiredToken', 'The security token included in the request is expired');

  const scope = `${auth.scopeDate}/${auth.scopeRegion}/${auth.scopeService}/aws4_request`;
  const sts = stringToSign(SIGV4_ALGORITHM, amzDate, scope, canonicalRequest(req, signed));
  const expected = Buffer.from(
    sigv4Signature(sigv4SigningKey(key.secretAccessKey, auth.scopeDate, auth.scopeRegion, x.service), sts),
  );
  const given = Buffer.from(auth.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw fail('badSignature', BAD_SIGNATURE);
  return key;
}
