/**
 * The operators: IAM users whose keys sign the control-plane calls. Each has an account (where what it
 * creates lives), an ARN, and the actions it may call. A call outside them gets the service's AccessDenied
 * with IAM's wording ("User: ARN is not authorized to perform: ACTION on resource: ARN because no
 * identity-based policy allows the ACTION action", IAM User Guide, "Troubleshooting access denied").
 */
import { createHash, randomUUID } from 'node:crypto';
import { DEFAULT_ACCOUNT, type EmulatorConfig, type OperatorConfig } from '../config';
import type { WireRequest } from '../canonical';
import { Rejection } from '../rejection';
import type { AccountState } from './account-state';
import type { HttpAnswer } from './answer';
import { verifySigV4, type AuthDialect, type SigningKey } from './sigv4-auth';

export interface Operator extends SigningKey {
  accessKeyId: string;
  account: string;
  /** `arn:aws:iam::ACCOUNT:user/NAME` */
  arn: string;
  /** The user's unique id, `AIDA…`, as GetCallerIdentity reports it. */
  userId: string;
  allow: readonly string[];
}

/**
 * The access key pair of AWS's documentation examples (IAM User Guide, "Managing access keys"): public,
 * so it may be printed; the standalone emulator's default operator and the tests' usual one.
 */
export const EXAMPLE_OPERATOR = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
} as const;

function operatorOf(c: OperatorConfig): Operator {
  const account = c.account ?? DEFAULT_ACCOUNT;
  const arn = `arn:aws:iam::${account}:user/${c.userName ?? 'operator'}`;
  return {
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
    account,
    arn,
    userId: `AIDA${createHash('sha256').update(arn).digest('hex').slice(0, 17).toUpperCase()}`,
    allow: c.allow ?? ['*'],
  };
}

/** The operator whose access key id this is, under the current config. */
export function findOperator(config: EmulatorConfig, accessKeyId: string): Operator | undefined {
  const found = (config.operators ?? []).find((o) => o.accessKeyId === accessKeyId);
  return found ? operatorOf(found) : undefined;
}

/** IAM's action match: case-insensitive, `*` any run of characters, `?` one character. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(action);
}

/** Undefined when the operator may call `action`; otherwise AWS's AccessDenied message. */
export function deniedMessage(op: Operator, action: string, resource: string): string | undefined {
  if (op.allow.some((p) => actionMatches(p, action))) return undefined;
  return `User: ${op.arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
}

/** The operator a control-plane request is signed by (SigV4 for `service` in `region`), or its Rejection. */
function authenticateOperator(
  req: WireRequest,
  ctx: { config: EmulatorConfig; now: Date },
  scope: { service: string; region: string; dialect: AuthDialect },
): Operator {
  return verifySigV4(req, {
    ...scope,
    now: ctx.now,
    skewSeconds: ctx.config.clockSkewSeconds ?? 300,
    lookup: (id) => findOperator(ctx.config, id),
  });
}

/** A control-plane API (IAM's query protocol, Roles Anywhere's REST-JSON): a signed request in, an answer out. */
export type ControlPlaneApi = (
  req: WireRequest & { body: Buffer },
  ctx: { config: EmulatorConfig; state: AccountState; now: Date },
) => HttpAnswer;

/**
 * One control-plane request, answered: the operator authenticated (as {@link authenticateOperator}), then
 * `handle`; a Rejection from either becomes the protocol's error answer (`errorAnswer`), under one request id.
 */
export function answerSigned(
  req: WireRequest,
  ctx: { config: EmulatorConfig; now: Date },
  scope: { service: string; region: string; dialect: AuthDialect },
  errorAnswer: (err: Rejection, requestId: string) => HttpAnswer,
  handle: (operator: Operator, requestId: string) => HttpAnswer,
): HttpAnswer {
  const requestId = randomUUID();
  try {
    return handle(authenticateOperator(req, ctx, scope), requestId);
  } catch (err) {
    if (err instanceof Rejection) return errorAnswer(err, requestId);
    throw err;
  }
}
