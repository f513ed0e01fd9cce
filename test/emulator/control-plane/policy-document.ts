/**
 * A role's trust policy (IAM JSON policy reference: Version, Statement, Effect, Principal/NotPrincipal,
 * Action/NotAction, Condition), parsed and checked as IAM checks it on CreateRole and
 * UpdateAssumeRolePolicy: anything IAM would refuse is a 400 MalformedPolicyDocument naming the problem.
 */
import { Rejection } from '../rejection';

export interface Statement {
  effect: 'Allow' | 'Deny';
  /** '*' or, per principal type (AWS, Service, Federated, CanonicalUser), its values. */
  principal?: '*' | Record<string, string[]>;
  notPrincipal?: '*' | Record<string, string[]>;
  action?: string[];
  notAction?: string[];
  /** operator → condition key → values */
  condition: Record<string, Record<string, string[]>>;
}

/** Every condition operator IAM knows (IAM JSON policy reference, "Condition operators"), lower-cased. */
const OPERATORS = new Set(
  [
    'StringEquals',
    'StringNotEquals',
    'StringEqualsIgnoreCase',
    'StringNotEqualsIgnoreCase',
    'StringLike',
    'StringNotLike',
    'NumericEquals',
    'NumericNotEquals',
    'NumericLessThan',
    'NumericLessThanEquals',
    'NumericGreaterThan',
    'NumericGreaterThanEquals',
    'DateEquals',
    'DateNotEquals',
    'DateLessThan',
    'DateLessThanEquals',
    'DateGreaterThan',
    'DateGreaterThanEquals',
    'Bool',
    'BinaryEquals',
    'IpAddress',
    'NotIpAddress',
    'ArnEquals',
    'ArnLike',
    'ArnNotEquals',
    'ArnNotLike',
    'Null',
  ].map((o) => o.toLowerCase()),
);
const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);

const malformed = (message: string): Rejection => new Rejection(400, 'MalformedPolicyDocument', message);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function stringList(value: unknown, what: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((v) => typeof v === 'string'))
    throw malformed(`Syntax errors in policy: ${what} must be a string or a list of strings.`);
  return list as string[];
}

function principalOf(value: unknown, field: string): '*' | Record<string, string[]> {
  if (value === '*') return '*';
  if (!isRecord(value) || Object.keys(value).length === 0)
    throw malformed(
      `Invalid principal in policy: ${field} must be "*" or an object such as {"Service": "…"}.`,
    );
  const out: Record<string, string[]> = {};
  for (const [type, v] of Object.entries(value)) {
    if (!PRINCIPAL_TYPES.has(type))
      throw malformed(`Invalid principal in policy: "${type}" is not a principal type (AWS, Service, …).`);
    out[type] = stringList(v, `${field}.${type}`);
  }
  return out;
}

function actionsOf(value: unknown, field: string): string[] {
  const list = stringList(value, field);
  for (const a of list) {
    if (a !== '*' && !/^[a-z0-9-]+:[A-Za-z0-9*?]+$/i.test(a))
      throw malformed('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
  }
  return list;
}

function conditionOf(value: unknown): Record<string, Record<string, string[]>> {
  if (value === undefined) return {};
  if (!isRecord(value)) throw malformed('Syntax errors in policy: Condition must be an object.');
  const out: Record<string, Record<string, string[]>> = {};
  for (const [operator, block] of Object.entries(value)) {
    const base = operator.replace(/^(ForAnyValue|ForAllValues):/i, '').replace(/IfExists$/i, '');
    if (!OPERATORS.has(base.toLowerCase()))
      throw malformed(`Invalid Condition type : ${operator}. Use an operator of the IAM policy reference.`);
    if (!isRecord(block))
      throw malformed(`Syntax errors in policy: Condition ${operator} must be an object.`);
    const keys: Record<string, string[]> = {};
    for (const [key, v] of Object.entries(block)) {
      const list = Array.isArray(v) ? v : [v];
      if (!list.every((x) => ['string', 'number', 'boolean'].includes(typeof x)))
        throw malformed(`Syntax errors in policy: the values of ${operator} ${key} must be strings.`);
      keys[key] = list.map(String);
    }
    out[operator] = keys;
  }
  return out;
}

function statementOf(raw: unknown): Statement {
  if (!isRecord(raw)) throw malformed('Syntax errors in policy: each Statement must be an object.');
  for (const field of ['Resource', 'NotResource']) {
    if (field in raw) throw malformed(`Has prohibited field ${field}`);
  }
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') {
    throw malformed(
      raw.Effect === undefined
        ? 'Missing required field Effect'
        : `Invalid effect: ${String(raw.Effect)} (use Allow or Deny)`,
    );
  }
  if (!('Principal' in raw) && !('NotPrincipal' in raw)) throw malformed('Missing required field Principal');
  if (!('Action' in raw) && !('NotAction' in raw)) throw malformed('Missing required field Action');
  return {
    effect: raw.Effect,
    ...('Principal' in raw ? { principal: principalOf(raw.Principal, 'Principal') } : {}),
    ...('NotPrincipal' in raw ? { notPrincipal: principalOf(raw.NotPrincipal, 'NotPrincipal') } : {}),
    ...('Action' in raw ? { action: actionsOf(raw.Action, 'Action') } : {}),
    ...('NotAction' in raw ? { notAction: actionsOf(raw.NotAction, 'NotAction') } : {}),
    condition: conditionOf(raw.Condition),
  };
}

/** Parse a trust policy; throws MalformedPolicyDocument as IAM does for one it would refuse. */
export function parseTrustPolicy(text: string): Statement[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw malformed('This policy contains invalid Json');
  }
  if (!isRecord(doc)) throw malformed('Syntax errors in policy: the document must be a JSON object.');
  if (doc.Version !== undefined && !VERSIONS.has(String(doc.Version)))
    throw malformed('The policy failed legacy parsing');
  const raw = doc.Statement;
  if (raw === undefined) throw malformed('Missing required field Statement');
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw malformed('Syntax errors in policy: Statement must not be empty.');
  return list.map(statementOf);
}
