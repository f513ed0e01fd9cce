/**
 * IAM over the query protocol (botocore iam/2010-05-08 model): verify the SigV4 signature with an
 * operator's keys (scope service `iam`, region us-east-1: IAM is global and signs there), check the
 * operator may call the action, then run it. Answers and errors are IAM's XML, namespace
 * https://iam.amazonaws.com/doc/2010-05-08/.
 */
import type { WireRequest } from '../canonical';
import { Rejection } from '../rejection';
import { queryErrorAnswer } from './answer';
import { IAM_OPERATIONS, iamResource } from './iam-ops';
import { answerSigned, deniedMessage, type ControlPlaneApi } from './operators';
import { queryParams, queryResponseXml } from './query-protocol';
import { QUERY_AUTH } from './sigv4-auth';

export const IAM_XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const IAM_VERSION = '2010-05-08';
/** IAM's signing region in the aws partition. */
const IAM_REGION = 'us-east-1';

/** The IAM action a request names (for the call log and fault matching), or undefined. */
export function iamAction(req: WireRequest): string | undefined {
  return queryParams(req).get('Action');
}

export const iamApi: ControlPlaneApi = (req, ctx) =>
  answerSigned(
    req,
    ctx,
    { service: 'iam', region: IAM_REGION, dialect: QUERY_AUTH },
    (err, requestId) => queryErrorAnswer(IAM_XMLNS, err, requestId),
    (operator, requestId) => {
      const params = queryParams(req);
      const action = params.get('Action') ?? '';
      const run = IAM_OPERATIONS[action];
      if (!run || params.get('Version') !== IAM_VERSION) {
        throw new Rejection(
          400,
          'InvalidAction',
          `Could not find operation ${action || '(none)'} for version ${params.get('Version') ?? '(none)'}; this emulator serves ${Object.keys(IAM_OPERATIONS).join(', ')} of IAM ${IAM_VERSION}.`,
        );
      }
      const denied = deniedMessage(operator, `iam:${action}`, iamResource(action, params, operator.account));
      if (denied) throw new Rejection(403, 'AccessDenied', denied);
      const result = run({ params, operator, state: ctx.state, now: ctx.now });
      return {
        status: 200,
        headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId },
        body: queryResponseXml(IAM_XMLNS, action, result, requestId),
      };
    },
  );
