/**
 * STS GetCallerIdentity, verified with standard SigV4 (AWS4-HMAC-SHA256) against the credentials the
 * emulator vended or an operator's keys. Speaks the query protocol (form body, XML answer) and, for SDKs
 * that use it, the JSON protocol (`X-Amz-Target: AWSSecurityTokenServiceV20110615.GetCallerIdentity`).
 */
import { randomUUID } from 'node:crypto';
import { headerMap, type WireRequest } from './canonical';
import type { EmulatorConfig } from './config';
import { queryErrorAnswer, xmlEscape, type HttpAnswer } from './control-plane/answer';
import { findOperator } from './control-plane/operators';
import { queryParams } from './control-plane/query-protocol';
import { QUERY_AUTH, verifySigV4, type SigningKey } from './control-plane/sigv4-auth';
import { assumedRoleArn, type IssuedSession } from './create-session';
import { Rejection } from './rejection';

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const JSON_TARGET = 'AWSSecurityTokenServiceV20110615.GetCallerIdentity';

/** Who signed: what GetCallerIdentity reports. */
interface Identity extends SigningKey {
  arn: string;
  userId: string;
  account: string;
}

function isJsonProtocol(req: WireRequest): boolean {
  return /^application\/x-amz-json-1\.[01]\b/.test(headerMap(req.headers).get('content-type')?.[0] ?? '');
}

/** The operation a request names: its X-Amz-Target's (JSON protocol) or its Action (query). */
export function stsOperation(req: WireRequest): string | undefined {
  if (isJsonProtocol(req)) return headerMap(req.headers).get('x-amz-target')?.[0]?.split('.').pop();
  return queryParams(req).get('Action');
}

/** Check the operation named by the request is GetCallerIdentity, in whichever protocol it came. */
function checkOperation(req: WireRequest): void {
  if (isJsonProtocol(req)) {
    const target = headerMap(req.headers).get('x-amz-target')?.[0];
    if (target !== JSON_TARGET)
      throw new Rejection(400, 'UnknownOperationException', `Unknown operation ${target ?? ''}`);
    return;
  }
  const params = queryParams(req);
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

function success(req: WireRequest, who: Identity, requestId: string): HttpAnswer {
  if (isJsonProtocol(req)) {
    const contentType =
      headerMap(req.headers).get('content-type')?.[0]?.split(';')[0] ?? 'application/x-amz-json-1.1';
    return {
      status: 200,
      headers: { 'Content-Type': contentType, 'x-amzn-RequestId': requestId },
      body: JSON.stringify({ Account: who.account, Arn: who.arn, UserId: who.userId }),
    };
  }
  const body =
    `<GetCallerIdentityResponse xmlns="${XMLNS}">\n  <GetCallerIdentityResult>\n` +
    `    <Arn>${xmlEscape(who.arn)}</Arn>\n    <UserId>${xmlEscape(who.userId)}</UserId>\n` +
    `    <Account>${who.account}</Account>\n  </GetCallerIdentityResult>\n` +
    `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</GetCallerIdentityResponse>\n`;
  return { status: 200, headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId }, body };
}

/** Render a rejection as STS does: XML ErrorResponse (query) or `__type` JSON (JSON protocol). */
export function stsError(req: WireRequest, r: Rejection, requestId: string): HttpAnswer {
  if (!isJsonProtocol(req)) return queryErrorAnswer(XMLNS, r, requestId);
  const type = r.status >= 500 ? 'Receiver' : 'Sender';
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

/** The identity behind an access key id: a vended session, else an operator. */
function identityOf(
  accessKeyId: string,
  sessions: ReadonlyMap<string, IssuedSession>,
  config: EmulatorConfig,
): Identity | undefined {
  const s = sessions.get(accessKeyId);
  if (s) return { ...s, arn: assumedRoleArn(s), userId: s.assumedRoleId };
  const op = findOperator(config, accessKeyId);
  return op ? { ...op } : undefined;
}

/**
 * Handle one GetCallerIdentity request (POST / with a form body, GET / with the query, or JSON protocol).
 * Returns the answer; errors are answered in STS's format rather than thrown.
 */
export function getCallerIdentity(
  req: WireRequest & { body: Buffer },
  sessions: ReadonlyMap<string, IssuedSession>,
  config: EmulatorConfig,
  now: Date,
): HttpAnswer {
  const requestId = randomUUID();
  try {
    // Any region is accepted (the CLI signs with its configured region), but it must look like one.
    const who = verifySigV4(req, {
      service: 'sts',
      now,
      skewSeconds: config.clockSkewSeconds ?? 300,
      dialect: QUERY_AUTH,
      lookup: (id) => identityOf(id, sessions, config),
    });
    checkOperation(req);
    return success(req, who, requestId);
  } catch (err) {
    if (err instanceof Rejection) return stsError(req, err, requestId);
    throw err;
  }
}
