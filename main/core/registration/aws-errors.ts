/**
 * AWS SDK failures of the registration calls as AnchorageErrors (ARCHITECTURE §9): the code AWS sent, its
 * message (AWS's messages name actions and resources, never a secret), and what to do. Codes are those of
 * the IAM and Roles Anywhere API references (Errors sections) and the SDKs' common errors.
 */
import { AnchorageError } from '../../../shared/errors';
import type { ErrorCode } from '../../../shared/errors';

/** A call, as `service:Operation` (the action an IAM policy names). */
export type Call = `${'iam' | 'rolesanywhere'}:${string}`;

const KINDS: ReadonlyArray<readonly [ReadonlySet<string>, ErrorCode, (call: Call) => string]> = [
  [
    new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']),
    'AWS_ACCESS_DENIED',
    (call) =>
      `The operator credentials need the permission ${call}. The dry run lists the policy these calls need; ` +
      'attach it to the user or role whose credentials you use, or use credentials that have it.',
  ],
  [
    new Set(['EntityAlreadyExists', 'ConflictException', 'ResourceInUseException']),
    'AWS_ALREADY_EXISTS',
    () => 'Another change made it meanwhile. Run the setup again: it finds what exists and reuses it.',
  ],
  [
    new Set([
      'ValidationException',
      'ValidationError',
      'MalformedPolicyDocument',
      'InvalidInput',
      'LimitExceeded',
    ]),
    'AWS_VALIDATION',
    () => 'AWS refused the input; correct what the message names and run it again.',
  ],
  [
    new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']),
    'AWS_THROTTLED',
    () =>
      'AWS is limiting the rate of these calls. Wait a minute and run it again: it continues where it stopped.',
  ],
  [
    new Set(['NoSuchEntity', 'ResourceNotFoundException']),
    'AWS_NOT_FOUND',
    () => 'It may have been deleted meanwhile, or live in another region or account.',
  ],
  [
    new Set([
      'InvalidClientTokenId',
      'UnrecognizedClientException',
      'SignatureDoesNotMatch',
      'InvalidSignatureException',
      'IncompleteSignature',
    ]),
    'AWS_INVALID_CREDENTIALS',
    () => 'AWS does not accept the operator credentials: check the access key, or sign in again.',
  ],
  [
    new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']),
    'AWS_EXPIRED_TOKEN',
    () => 'The operator credentials have expired: sign in again (aws sso login, or refresh them).',
  ],
];

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/**
 * The code AWS sent. The SDK names a modelled error after its shape (IAM `NoSuchEntity` →
 * `NoSuchEntityException`), an unmodelled one after the code itself; the wire code is what AWS documents.
 */
function awsErrorCode(error: unknown): string {
  const name = (error as SdkError | null)?.name ?? 'Error';
  const modelled =
    /^(NoSuchEntity|EntityAlreadyExists|MalformedPolicyDocument|InvalidInput|LimitExceeded|ServiceFailure|UnmodifiableEntity|ConcurrentModification|DeleteConflict)Exception$/.exec(
      name,
    );
  return modelled ? modelled[1]! : name;
}

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** The AnchorageError for a failed call (already an AnchorageError: unchanged). */
export function awsCallError(error: unknown, call: Call, endpoint: string | undefined): AnchorageError {
  if (error instanceof AnchorageError) return error;
  const e = (error ?? {}) as SdkError;
  const awsCode = awsErrorCode(error);
  const message = e.message ?? String(error);
  const status = e.$metadata?.httpStatusCode;
  const facts = { call, awsCode, ...(status ? { status } : {}) };
  for (const [codes, code, hint] of KINDS) {
    if (codes.has(awsCode)) {
      return new AnchorageError(code, `${call} failed: ${awsCode}: ${message}`, hint(call), {
        cause: error,
        facts,
      });
    }
  }
  if ((e.code && NETWORK_CODES.has(e.code)) || awsCode === 'TimeoutError') {
    const where = endpoint ?? `the ${call.split(':')[0]} endpoint`;
    return new AnchorageError(
      'NETWORK_ERROR',
      `${call} could not reach ${where} (${e.code ?? awsCode}).`,
      'Check the network connection, a proxy, and the endpoint setting.',
      { cause: error, facts: { ...facts, ...(endpoint ? { endpoint } : {}) } },
    );
  }
  if (status !== undefined && status >= 500) {
    return new AnchorageError(
      'AWS_SERVER_ERROR',
      `${call} failed: AWS answered ${status} (${awsCode}).`,
      'AWS had a problem; run it again in a moment: it continues where it stopped.',
      { cause: error, facts },
    );
  }
  return new AnchorageError(
    'AWS_ERROR',
    `${call} failed: ${awsCode}: ${message}`,
    'Check the message, then run it again.',
    {
      cause: error,
      facts,
    },
  );
}
