/**
 * The Roles Anywhere control plane over REST-JSON (botocore rolesanywhere/2018-05-10 model: each
 * operation's method, path and status): route the request, verify its SigV4 signature with an operator's
 * keys (scope service `rolesanywhere`, the emulator's region), check the operator may call the action,
 * then run it. Errors are restJson1 errors: X-Amzn-ErrorType and `{"message"}`.
 */
import { parseQuery } from '../canonical';
import { accessDenied, jsonBody, Rejection, validation } from '../rejection';
import { restJsonErrorAnswer } from './answer';
import { answerSigned, deniedMessage, type ControlPlaneApi } from './operators';
import { ROLES_ANYWHERE_OPERATIONS } from './roles-anywhere-ops';
import { REST_JSON_AUTH } from './sigv4-auth';

const ROUTES: readonly (readonly [method: string, path: RegExp, operation: string, status: number])[] = [
  ['POST', /^\/trustanchors$/, 'CreateTrustAnchor', 201],
  ['GET', /^\/trustanchors$/, 'ListTrustAnchors', 200],
  ['GET', /^\/trustanchor\/([^/]+)$/, 'GetTrustAnchor', 200],
  ['PATCH', /^\/trustanchor\/([^/]+)$/, 'UpdateTrustAnchor', 200],
  ['POST', /^\/trustanchor\/([^/]+)\/enable$/, 'EnableTrustAnchor', 200],
  ['POST', /^\/profiles$/, 'CreateProfile', 201],
  ['GET', /^\/profiles$/, 'ListProfiles', 200],
  ['GET', /^\/profile\/([^/]+)$/, 'GetProfile', 200],
  ['POST', /^\/crls$/, 'ImportCrl', 201],
  ['GET', /^\/crls$/, 'ListCrls', 200],
  ['PATCH', /^\/crl\/([^/]+)$/, 'UpdateCrl', 200],
  ['POST', /^\/crl\/([^/]+)\/enable$/, 'EnableCrl', 200],
];

/** The resource type each operation acts on, for its ARN in authorization. */
const RESOURCE: Record<string, string> = { trustanchor: 'trust-anchor', profile: 'profile', crl: 'crl' };

export interface RolesAnywhereRoute {
  operation: string;
  status: number;
  id?: string;
}

/** The operation at `method path`, or undefined when the emulator serves none there. */
export function rolesAnywhereRoute(method: string, path: string): RolesAnywhereRoute | undefined {
  for (const [m, re, operation, status] of ROUTES) {
    const match = re.exec(path);
    if (m !== method || !match) continue;
    let id: string | undefined;
    try {
      id = match[1] === undefined ? undefined : decodeURIComponent(match[1]);
    } catch {
      id = match[1];
    }
    return { operation, status, ...(id !== undefined ? { id } : {}) };
  }
  return undefined;
}

/** Is this one of the control plane's paths (with any method)? */
export function isRolesAnywherePath(path: string): boolean {
  return /^\/(trustanchors|profiles|crls|(trustanchor|profile|crl)\/[^/]+(\/enable)?)$/.test(path);
}

function parseBody(body: Buffer): Record<string, unknown> {
  const json = jsonBody(body);
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw validation('The request body must be a JSON object.');
  return json as Record<string, unknown>;
}

/** Serve one control-plane request; every outcome is an answer, errors included. */
export const rolesAnywhereApi: ControlPlaneApi = (req, ctx) =>
  answerSigned(
    req,
    ctx,
    { service: 'rolesanywhere', region: ctx.config.region, dialect: REST_JSON_AUTH },
    restJsonErrorAnswer,
    (operator, requestId) => {
      const route = rolesAnywhereRoute(req.method, req.path);
      if (!route)
        throw new Rejection(404, 'UnknownOperationException', `No operation at ${req.method} ${req.path}.`);
      const type = RESOURCE[req.path.split('/')[1]?.replace(/s$/, '') ?? ''] ?? 'trust-anchor';
      const resource = `arn:aws:rolesanywhere:${ctx.config.region}:${operator.account}:${type}/${route.id ?? '*'}`;
      const denied = deniedMessage(operator, `rolesanywhere:${route.operation}`, resource);
      if (denied) throw accessDenied(denied);
      const run = ROLES_ANYWHERE_OPERATIONS[route.operation];
      if (!run) throw new Rejection(404, 'UnknownOperationException', `No operation ${route.operation}.`);
      const result = run({
        operation: route.operation,
        ...(route.id !== undefined ? { id: route.id } : {}),
        body: parseBody(req.body),
        query: new Map(parseQuery(req.query)),
        operator,
        region: ctx.config.region,
        state: ctx.state,
        now: ctx.now,
      });
      return {
        status: route.status,
        headers: { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId },
        body: JSON.stringify(result),
      };
    },
  );
