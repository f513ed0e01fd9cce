/**
 * Which service and operation a request is for, and how each service answers an injected fault.
 * CreateSession is `POST /sessions` and the Roles Anywhere control plane has paths of its own. STS and IAM
 * both speak the query protocol on `POST /`: there the signed credential scope's service tells them apart,
 * as the host does at AWS (an unsigned request or another service's scope goes to STS, which refuses it).
 */
import { randomUUID } from 'node:crypto';
import type { WireRequest } from '../canonical';
import type { Fault } from '../config';
import { Rejection } from '../rejection';
import { stsError, stsOperation } from '../sts';
import { queryErrorAnswer, restJsonErrorAnswer, type HttpAnswer } from './answer';
import { IAM_XMLNS, iamAction } from './iam-api';
import { isRolesAnywherePath, rolesAnywhereRoute } from './roles-anywhere-api';
import { signedService } from './sigv4-auth';

export type Service = 'rolesanywhere' | 'iam' | 'sts' | 'createSession';

export interface Call {
  service: Service;
  operation: string;
}

const UNKNOWN = 'UnknownOperation';

export function classify(req: WireRequest): Call {
  if (req.method === 'POST' && req.path === '/sessions')
    return { service: 'createSession', operation: 'CreateSession' };
  const scoped = signedService(req);
  const queryMethod = req.method === 'POST' || req.method === 'GET';
  // A Roles Anywhere path is the control plane whatever the scope says, so a wrong scope is refused there.
  if (scoped === 'rolesanywhere' || isRolesAnywherePath(req.path) || !queryMethod) {
    return {
      service: 'rolesanywhere',
      operation: rolesAnywhereRoute(req.method, req.path)?.operation ?? UNKNOWN,
    };
  }
  if (scoped === 'iam') return { service: 'iam', operation: iamAction(req) ?? UNKNOWN };
  return { service: 'sts', operation: stsOperation(req) ?? UNKNOWN };
}

/** Status → [code, message] for the REST-JSON services (CreateSession and the control plane). */
const REST_JSON_FAULTS: Record<number, [string, string]> = {
  429: ['ThrottlingException', 'Rate exceeded'],
  500: ['InternalServerException', 'An internal error occurred. Try again.'],
  503: ['ServiceUnavailableException', 'Service unavailable. Try again later.'],
};

/**
 * The query services' rendering of a fault status: they throttle with 400 `Throttling` ("Rate exceeded"),
 * never 429, and fail with IAM's ServiceFailure or STS's InternalFailure.
 */
function queryFault(service: 'iam' | 'sts', status: number): [number, string, string] {
  if (status === 429) return [400, 'Throttling', 'Rate exceeded'];
  if (status === 500)
    return [
      500,
      service === 'iam' ? 'ServiceFailure' : 'InternalFailure',
      'An internal error occurred. Try again.',
    ];
  if (status === 503) return [503, 'ServiceUnavailable', 'Service is unavailable. Try again later.'];
  return [status, 'InternalFailure', `Injected failure ${status}.`];
}

/** The answer to a fault with a status, in the service's own format. */
export function faultAnswer(call: Call, req: WireRequest, fault: Fault & { status: number }): HttpAnswer {
  const requestId = randomUUID();
  if (call.service === 'iam' || call.service === 'sts') {
    const [status, code, message] = queryFault(call.service, fault.status);
    const r = new Rejection(status, fault.errorType ?? code, message);
    return call.service === 'iam' ? queryErrorAnswer(IAM_XMLNS, r, requestId) : stsError(req, r, requestId);
  }
  const [type, message] = REST_JSON_FAULTS[fault.status] ?? [
    'InternalFailure',
    `Injected failure ${fault.status}.`,
  ];
  return restJsonErrorAnswer(new Rejection(fault.status, fault.errorType ?? type, message), requestId);
}
