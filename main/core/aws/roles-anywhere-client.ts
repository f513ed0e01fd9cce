import { createPrivateKey } from 'node:crypto';
import type { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { assertSessionDuration } from '../../../shared/domain/limits';
import { AnchorageError } from '../../../shared/errors';
import { rolesAnywhereEndpoint } from '../../../shared/domain/regions';
import { MAX_CLOCK_SKEW_MS, clockSkewError, fetchOnce, withRetry } from './retry';
import type { CallOptions, HttpAnswer } from './retry';
import { buildCreateSessionRequest, loadX509Credential, signX509Request } from './x509-signer';
import type { CreatedSession } from '../../../shared/credentials';
import { certificateName } from '../pki/der-info';
import { rfc4514 } from '../pki/dn';

export interface CreateSessionParams extends CallOptions {
  /** The client (leaf) certificate, DER. */
  certificateDer: Uint8Array;
  /** Intermediates between the leaf and the trust anchor, leaf side first (sent as X-Amz-X509-Chain). */
  chainDer?: Uint8Array[];
  /** The leaf's private key, PKCS#8 DER. Never logged, never in a message. */
  privateKeyPkcs8: Uint8Array;
  /** Informational: the signing algorithm follows the key itself. */
  keyType?: string;
  trustAnchorArn: string;
  profileArn: string;
  roleArn: string;
  region: string;
  /** 900–43200 (CreateSession API reference); the profile and role maxima also apply. */
  durationSeconds: number;
  roleSessionName?: string;
}

// CreateSession response (API reference): credentialSet[].{assumedRoleUser, credentials, roleArn, …}.
const ResponseSchema = z.object({
  credentialSet: z
    .array(
      z.object({
        assumedRoleUser: z.object({ arn: z.string(), assumedRoleId: z.string().optional() }).optional(),
        credentials: z.object({
          accessKeyId: z.string().min(1),
          secretAccessKey: z.string().min(1),
          sessionToken: z.string().min(1),
          expiration: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expiration is not a date'),
        }),
        roleArn: z.string().optional(),
      }),
    )
    .min(1),
});

/**
 * IAM Roles Anywhere CreateSession: exchange a client certificate for temporary AWS credentials
 * (ARCHITECTURE §5). The request is built and AWS4-X509-signed by ./x509-signer; this adds what a user
 * needs around it: checks that fail before anything is sent, a deadline per attempt, retries for
 * transient failures only, and errors that say what to fix.
 * @throws AnchorageError INVALID_DURATION, INVALID_ARN, REGION_MISMATCH, CERT_EXPIRED, CERT_NOT_YET_VALID
 *   (all before sending); AWS_UNTRUSTED_CERTIFICATE, AWS_ACCESS_DENIED, AWS_VALIDATION, AWS_NOT_FOUND,
 *   CLOCK_SKEW, AWS_THROTTLED, AWS_SERVER_ERROR, AWS_ERROR, NETWORK_ERROR, TIMEOUT.
 */
export async function createSession(params: CreateSessionParams): Promise<CreatedSession> {
  const now = params.now ?? (() => new Date());
  assertSessionDuration(params.durationSeconds);
  const endpoint =
    params.endpoint ?? (params.fips ? rolesAnywhereEndpoint(params.region, { fips: true }) : undefined);
  // Validates the ARNs and that the region is the trust anchor's (REGION_MISMATCH names both).
  const request = buildCreateSessionRequest({
    region: params.region,
    trustAnchorArn: params.trustAnchorArn,
    profileArn: params.profileArn,
    roleArn: params.roleArn,
    durationSeconds: params.durationSeconds,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(params.roleSessionName === undefined ? {} : { roleSessionName: params.roleSessionName }),
  });
  const chainDer = params.chainDer ?? [];
  const credential = loadX509Credential({
    certificate: params.certificateDer,
    privateKey: createPrivateKey({ key: Buffer.from(params.privateKeyPkcs8), format: 'der', type: 'pkcs8' }),
    chain: chainDer,
  });
  checkValidity(credential.certificate, now());

  const origin = new URL(request.url).origin;
  const answer = await withRetry(async () => {
    // Signed afresh for each attempt: X-Amz-Date must be the time of that attempt.
    const signed = signX509Request(request, credential, { region: params.region, time: now() });
    const headers = { ...signed.headers };
    delete headers.host; // fetch sets Host from the URL, to the same value that was signed
    const result = await fetchOnce(
      request.url,
      { method: 'POST', headers, body: request.body },
      { fetch: params.fetch, timeoutMs: params.timeoutMs, now },
    );
    if (result.status === 201 || result.status === 200) return result;
    throw rolesAnywhereError(
      result,
      origin,
      chainDer.length > 0 ? chainDer[chainDer.length - 1]! : params.certificateDer,
    );
  }, params.retry);

  return parseCredentials(answer, params.roleArn);
}

/** Refuse locally what AWS would refuse anyway, with the dates, so the user sees why without a round trip. */
function checkValidity(certificate: X509Certificate, now: Date): void {
  const notBefore = new Date(certificate.validFrom);
  const notAfter = new Date(certificate.validTo);
  if (now.getTime() > notAfter.getTime()) {
    throw new AnchorageError(
      'CERT_EXPIRED',
      `The client certificate expired on ${notAfter.toISOString()} (it is now ${now.toISOString()}).`,
      'Issue a new client certificate from the same CA and update the profile to use it.',
    );
  }
  if (now.getTime() < notBefore.getTime()) {
    throw new AnchorageError(
      'CERT_NOT_YET_VALID',
      `The client certificate is not valid before ${notBefore.toISOString()} (it is now ${now.toISOString()}).`,
      'Wait until then, or check that your system clock is right.',
    );
  }
}

function parseCredentials(answer: HttpAnswer, requestedRoleArn: string): CreatedSession {
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    json = undefined;
  }
  const parsed = ResponseSchema.safeParse(json);
  if (!parsed.success) {
    // The issue path only, never the body: a half-valid body may still hold a secret.
    const where = parsed.error.issues[0]?.path.join('.') ?? '';
    throw new AnchorageError(
      'AWS_ERROR',
      `CreateSession answered ${answer.status} but without usable credentials${where ? ` (problem at ${where})` : ''}.`,
      'Check that the endpoint is an IAM Roles Anywhere endpoint.',
    );
  }
  const set = parsed.data.credentialSet[0]!;
  const serverDate = answer.headers.get('date');
  const serverTime = serverDate ? Date.parse(serverDate) : NaN;
  return {
    accessKeyId: set.credentials.accessKeyId,
    secretAccessKey: set.credentials.secretAccessKey,
    sessionToken: set.credentials.sessionToken,
    expiration: new Date(set.credentials.expiration).toISOString(),
    roleArn: set.roleArn ?? requestedRoleArn,
    ...(set.assumedRoleUser ? { assumedRoleArn: set.assumedRoleUser.arn } : {}),
    ...(Number.isNaN(serverTime) ? {} : { serverDate: new Date(serverTime).toISOString() }),
    ...(answer.clockOffsetMs === undefined ? {} : { clockOffsetMs: answer.clockOffsetMs }),
  };
}

/** `X-Amzn-ErrorType: AccessDeniedException:http://internal.amazon.com/…` → `AccessDeniedException`. */
function errorType(answer: HttpAnswer): string {
  return (answer.headers.get('x-amzn-errortype') ?? '').split(':')[0]!.trim();
}

function errorMessage(body: string): string {
  try {
    const json = JSON.parse(body) as { message?: unknown; Message?: unknown };
    const message = json.message ?? json.Message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: fall through
  }
  return '';
}

/** Map a CreateSession failure (ARCHITECTURE §5: `X-Amzn-ErrorType` plus `{message}`) to a typed error. */
function rolesAnywhereError(
  answer: HttpAnswer,
  origin: string,
  topCertificateDer: Uint8Array,
): AnchorageError {
  const type = errorType(answer);
  const message = errorMessage(answer.body);
  // AWS messages often end with a full stop; ours add their own.
  const said = message ? `: ${message.replace(/\.+$/, '')}` : '';
  const offset = answer.clockOffsetMs;
  const auth = answer.status === 401 || answer.status === 403 || type === 'AccessDeniedException';

  if (auth && offset !== undefined && Math.abs(offset) > MAX_CLOCK_SKEW_MS)
    return clockSkewError(offset, 'IAM Roles Anywhere');
  if (auth && /Signature (expired|not yet current)/i.test(message)) {
    return new AnchorageError(
      'CLOCK_SKEW',
      `IAM Roles Anywhere refused the request time${said}.`,
      'Set your system clock automatically (NTP), then retry.',
    );
  }
  if (auth && /Untrusted signing certificate/i.test(message)) {
    const issuer = issuerName(topCertificateDer);
    return new AnchorageError(
      'AWS_UNTRUSTED_CERTIFICATE',
      `Untrusted signing certificate: IAM Roles Anywhere does not trust the signing certificate; the profile's trust anchor must hold the CA "${issuer}".`,
      `Create a trust anchor (or update the existing one) with the PEM of the CA "${issuer}", and use that trust anchor's ARN in the profile.`,
    );
  }
  // AWS's answer to a request signed for another region than the endpoint serves (SigV4 scope check).
  if (auth && /\bregion\b/i.test(message)) {
    return new AnchorageError(
      'REGION_MISMATCH',
      `IAM Roles Anywhere at ${origin} refused the region of the request${said}.`,
      'Use the endpoint of the region in the trust anchor ARN (or none, for the default), or fix the ARNs’ region.',
      { facts: { field: 'endpoint', endpoint: origin } },
    );
  }
  if (type === 'ThrottlingException' || answer.status === 429) {
    return new AnchorageError(
      'AWS_THROTTLED',
      `IAM Roles Anywhere is throttling requests${said}.`,
      'Wait a moment and try again; request sessions less often.',
    );
  }
  if (answer.status >= 500) {
    return new AnchorageError(
      'AWS_SERVER_ERROR',
      `IAM Roles Anywhere at ${origin} answered HTTP ${answer.status}${type ? ` ${type}` : ''}${said}.`,
      'This is on the AWS side; try again in a moment (check the AWS Health Dashboard if it persists).',
    );
  }
  if (auth) {
    return new AnchorageError(
      'AWS_ACCESS_DENIED',
      `IAM Roles Anywhere denied access${said}.`,
      "Check that the role's trust policy trusts rolesanywhere.amazonaws.com (sts:AssumeRole, sts:TagSession, sts:SetSourceIdentity), that the profile lists the role, and that the certificate is not revoked.",
    );
  }
  if (type === 'ResourceNotFoundException' || answer.status === 404) {
    return new AnchorageError(
      'AWS_NOT_FOUND',
      `IAM Roles Anywhere did not find a resource${said}.`,
      'Check the trust anchor and profile ARNs, and that they are in the region you call (the region in their ARNs); also check they are enabled.',
    );
  }
  if (type === 'ValidationException' || answer.status === 400) {
    return new AnchorageError(
      'AWS_VALIDATION',
      `IAM Roles Anywhere rejected the request${said}.`,
      'Check the session duration against the profile and role maximum, and the ARNs.',
    );
  }
  return new AnchorageError(
    'AWS_ERROR',
    `IAM Roles Anywhere answered HTTP ${answer.status}${type ? ` ${type}` : ''}${said}.`,
    'Check the endpoint and try again.',
  );
}

/**
 * The issuer DN of the top certificate sent: the CA the trust anchor must hold. In RFC 4514 order (most
 * specific first, `CN=…, O=…`), as `openssl x509 -issuer -nameopt RFC2253` prints it (main/core/pki/dn.ts).
 */
function issuerName(der: Uint8Array): string {
  return rfc4514(certificateName(der, 'issuer'));
}
