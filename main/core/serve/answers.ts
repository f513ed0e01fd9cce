import type { ErrorCode, ErrorInfo } from '../../../shared/errors';
import type { HeldSession } from './session-keeper';

/** Why a request was refused before any credentials were looked at (reported, never with header values). */
export type Refusal =
  | 'host'
  | 'origin'
  | 'token-missing'
  | 'token-wrong'
  | 'method'
  | 'not-found'
  | 'imds-token'
  | 'imds-ttl'
  | 'forwarded';

/** What the server sends: a status, a body, and for a refusal its reason. */
export interface Answer {
  status: number;
  body: string;
  type: 'application/json' | 'text/plain';
  headers?: Record<string, string>;
  refused?: Refusal;
}

function jsonAnswer(status: number, value: unknown): Answer {
  return { status, body: JSON.stringify(value), type: 'application/json' };
}

export function textAnswer(body: string, headers?: Record<string, string>): Answer {
  return { status: 200, body, type: 'text/plain', ...(headers ? { headers } : {}) };
}

/**
 * An error in the shape the SDKs read from a credentials endpoint, `{Code, Message}` (the JS SDK's HTTP
 * credential provider takes both; botocore shows the body as it is).
 */
export function refusal(
  status: number,
  reason: Refusal,
  code: string,
  message: string,
  headers?: Record<string, string>,
): Answer {
  return {
    ...jsonAnswer(status, { Code: code, Message: message }),
    refused: reason,
    ...(headers ? { headers } : {}),
  };
}

/** Refused at AWS or locally for the certificate: the user must act; anything else may pass. */
const FORBIDDEN: ReadonlySet<ErrorCode> = new Set([
  'REVOKED',
  'CERT_EXPIRED',
  'CERT_NOT_YET_VALID',
  'AWS_ACCESS_DENIED',
  'AWS_UNTRUSTED_CERTIFICATE',
]);
const UPSTREAM: ReadonlySet<ErrorCode> = new Set([
  'NETWORK_ERROR',
  'TIMEOUT',
  'AWS_SERVER_ERROR',
  'AWS_THROTTLED',
  'CLOCK_SKEW',
]);

/** A session that could not be had, as the client sees it: Anchorage's code, and the edge's words. */
export function failure(info: ErrorInfo, words: (info: ErrorInfo) => string): Answer {
  const status = FORBIDDEN.has(info.code)
    ? 403
    : UPSTREAM.has(info.code)
      ? 502
      : info.code === 'NOT_FOUND'
        ? 404
        : 500;
  return jsonAnswer(status, { Code: info.code, Message: words(info) });
}

/**
 * An instant with whole seconds, `2026-01-01T00:00:00Z`: what ECS and IMDS send, and the only form botocore's
 * IMDS fetcher parses (`%Y-%m-%dT%H:%M:%SZ`). Rounded down, never past the real expiry.
 */
function wholeSeconds(iso: string): string {
  return new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The container-credentials document (ECS): exactly these four fields. */
export function containerDocument(held: HeldSession): Answer {
  const s = held.session;
  return jsonAnswer(200, {
    AccessKeyId: s.accessKeyId,
    SecretAccessKey: s.secretAccessKey,
    Token: s.sessionToken,
    Expiration: wholeSeconds(s.expiration),
  });
}

/** The IMDS credentials document (`iam/security-credentials/NAME`), as EC2 answers it. */
export function imdsDocument(held: HeldSession): Answer {
  const s = held.session;
  return jsonAnswer(200, {
    Code: 'Success',
    LastUpdated: wholeSeconds(held.obtainedAt),
    Type: 'AWS-HMAC',
    AccessKeyId: s.accessKeyId,
    SecretAccessKey: s.secretAccessKey,
    Token: s.sessionToken,
    Expiration: wholeSeconds(s.expiration),
  });
}
