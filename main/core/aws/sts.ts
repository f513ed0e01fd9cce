import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { AnchorageError } from '../../../shared/errors';
import { stsEndpoint } from '../../../shared/domain/regions';
import { MAX_CLOCK_SKEW_MS, clockSkewError, fetchOnce, withRetry } from './retry';
import type { CallOptions, HttpAnswer } from './retry';
import type { AwsCredentials } from '../../../shared/credentials';
import type { CallerIdentity } from '../../../shared/schemas/models';

export interface GetCallerIdentityInput extends CallOptions {
  /** A session (with token) or a static key (without). */
  credentials: AwsCredentials;
  region: string;
}

const BODY = 'Action=GetCallerIdentity&Version=2011-06-15';

/**
 * STS GetCallerIdentity: who AWS thinks these credentials are. It needs no IAM permission, which makes
 * it the check that credentials work (STS API reference, GetCallerIdentity). Signed with SigV4 through
 * `@smithy/signature-v4`, the signer of the AWS SDK.
 * @throws AnchorageError AWS_INVALID_CREDENTIALS, AWS_EXPIRED_TOKEN, CLOCK_SKEW, AWS_ACCESS_DENIED,
 *   AWS_THROTTLED, AWS_SERVER_ERROR, AWS_ERROR, NETWORK_ERROR, TIMEOUT.
 */
export async function getCallerIdentity(input: GetCallerIdentityInput): Promise<CallerIdentity> {
  const base = input.endpoint ?? stsEndpoint(input.region, { fips: input.fips });
  const url = new URL('/', base);
  const now = input.now ?? (() => new Date());
  // @smithy wants expiration as a Date; it is not signed, so only the key and token go in.
  const { accessKeyId, secretAccessKey, sessionToken } = input.credentials;
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey, sessionToken },
    region: input.region,
    service: 'sts',
    sha256: Hash.bind(null, 'sha256'),
  });

  const answer = await withRetry(async () => {
    const request = new HttpRequest({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: BODY,
    });
    // Signed afresh on every attempt: X-Amz-Date must be the time of this attempt.
    const signed = await signer.sign(request, { signingDate: now() });
    const headers = { ...signed.headers };
    delete headers.host; // fetch derives Host from the URL; it is the same value that was signed
    const result = await fetchOnce(
      url.href,
      { method: 'POST', headers, body: BODY },
      { fetch: input.fetch, timeoutMs: input.timeoutMs, now },
    );
    if (result.status >= 200 && result.status < 300) return result;
    throw stsError(result, url.origin);
  }, input.retry);
  return parseIdentity(answer.body);
}

function xmlTag(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return match?.[1] === undefined ? undefined : decodeXml(match[1].trim());
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    const lower = entity.toLowerCase();
    if (lower in named) return named[lower]!;
    return String.fromCodePoint(
      lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10),
    );
  });
}

function parseIdentity(xml: string): CallerIdentity {
  // The response is a fixed, flat document (GetCallerIdentityResult: Arn, UserId, Account): three tags.
  const arn = xmlTag(xml, 'Arn');
  const account = xmlTag(xml, 'Account');
  const userId = xmlTag(xml, 'UserId');
  if (!arn || !account || !userId) {
    throw new AnchorageError(
      'AWS_ERROR',
      'STS answered GetCallerIdentity without Arn, Account and UserId.',
      'Check that the endpoint is an STS endpoint.',
    );
  }
  return { UserId: userId, Account: account, Arn: arn };
}

/** Map an STS error document (`<ErrorResponse><Error><Code>…<Message>…`) to what the user should do. */
function stsError(answer: HttpAnswer, endpoint: string): AnchorageError {
  const code = xmlTag(answer.body, 'Code') ?? '';
  const message = xmlTag(answer.body, 'Message') ?? `HTTP ${answer.status}`;
  const offset = answer.clockOffsetMs;
  const authFailure = answer.status === 401 || answer.status === 403 || code === 'SignatureDoesNotMatch';
  // A signature outside ±5 min is reported as SignatureDoesNotMatch or RequestExpired; our measured offset
  // tells the user what to fix, which "signature does not match" does not.
  if (
    (authFailure || code === 'RequestExpired') &&
    offset !== undefined &&
    Math.abs(offset) > MAX_CLOCK_SKEW_MS
  ) {
    return clockSkewError(offset, 'STS');
  }
  switch (code) {
    case 'InvalidClientTokenId':
      return new AnchorageError(
        'AWS_INVALID_CREDENTIALS',
        `STS does not recognise the access key: ${message}`,
        'The key was deleted or belongs to another partition; get new credentials.',
      );
    case 'SignatureDoesNotMatch':
      return new AnchorageError(
        'AWS_INVALID_CREDENTIALS',
        `STS rejected the signature: ${message}`,
        'The secret access key does not belong to this access key ID; re-enter the pair or get new session credentials.',
      );
    case 'ExpiredToken':
    case 'RequestExpired':
      return new AnchorageError(
        'AWS_EXPIRED_TOKEN',
        `STS says the session has expired: ${message}`,
        'Get new session credentials.',
      );
    case 'AccessDenied':
    case 'AccessDeniedException':
      return new AnchorageError(
        'AWS_ACCESS_DENIED',
        `STS denied the request: ${message}`,
        'Check the credentials and any SCP or permission boundary that applies.',
      );
    case 'Throttling':
    case 'ThrottlingException':
      return new AnchorageError(
        'AWS_THROTTLED',
        `STS is throttling requests: ${message}`,
        'Wait a moment and try again.',
      );
  }
  if (answer.status === 429)
    return new AnchorageError(
      'AWS_THROTTLED',
      `STS is throttling requests (HTTP 429).`,
      'Wait a moment and try again.',
    );
  if (answer.status >= 500) {
    return new AnchorageError(
      'AWS_SERVER_ERROR',
      `STS at ${endpoint} answered HTTP ${answer.status}${code ? ` (${code})` : ''}.`,
      'This is on the AWS side; try again in a moment.',
    );
  }
  return new AnchorageError(
    'AWS_ERROR',
    `STS answered HTTP ${answer.status}${code ? ` ${code}` : ''}: ${message}`,
    'Check the region and endpoint.',
  );
}
