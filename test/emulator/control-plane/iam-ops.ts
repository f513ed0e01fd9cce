/**
 * The IAM operations the emulator serves, with the members, constraints and errors of the API model
 * (botocore iam/2010-05-08/service-2.json): CreateRole, GetRole, ListRoles, AttachRolePolicy,
 * ListAttachedRolePolicies, UpdateAssumeRolePolicy. Each returns its `…Result` members as a tree that
 * iam-api.ts writes as XML (lists as `<member>` items), or undefined for operations without a result.
 */
import { uriEncode } from '../canonical';
import { Rejection } from '../rejection';
import { roleIdOf, type AccountState, type RoleRecord } from './account-state';
import type { Operator } from './operators';
import { parseTrustPolicy } from './policy-document';
import type { XmlValue } from './query-protocol';
import { Violations } from './validation';

export interface IamCall {
  params: ReadonlyMap<string, string>;
  operator: Operator;
  state: AccountState;
  now: Date;
}

const ROLE_NAME = { min: 1, max: 64, pattern: '[\\w+=,.@-]+' };
const POLICY_DOCUMENT = { min: 1, max: 131072, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' };
const PATH = { min: 1, max: 512, pattern: '(\\u002F)|(\\u002F[\\u0021-\\u007F]+\\u002F)' };
const PATH_PREFIX = { min: 1, max: 512, pattern: '\\u002F[\\u0021-\\u007F]*' };
const MARKER = { min: 1, max: 320, pattern: '[\\u0020-\\u00FF]+' };
const ARN = { min: 20, max: 2048 };
const POLICY_ARN = /^arn:aws(-[a-z]+)*:iam::(aws|\d{12}):policy\/(?:[\u0021-\u007F]+\/)?([\w+=,.@-]{1,128})$/;
/** IAM's default quota of managed policies attached to one role (IAM User Guide, "IAM and AWS STS quotas"). */
const POLICIES_PER_ROLE = 10;

const noSuchRole = (name: string): Rejection =>
  new Rejection(404, 'NoSuchEntity', `The role with name ${name} cannot be found.`);

/** `Tags.member.N.Key` / `.Value` pairs, in N order. */
function tagsOf(v: Violations, params: ReadonlyMap<string, string>): { Key: string; Value: string }[] {
  const tags: { Key: string; Value: string }[] = [];
  for (let n = 1; params.has(`Tags.member.${n}.Key`) || params.has(`Tags.member.${n}.Value`); n++) {
    const key = params.get(`Tags.member.${n}.Key`);
    const value = params.get(`Tags.member.${n}.Value`);
    v.required(key, `tags.${n}.member.key`);
    v.required(value, `tags.${n}.member.value`);
    v.string(key, `tags.${n}.member.key`, { min: 1, max: 128, pattern: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+' });
    v.string(value, `tags.${n}.member.value`, { max: 256, pattern: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*' });
    tags.push({ Key: key ?? '', Value: value ?? '' });
  }
  if (tags.length > 50) v.add(`[${tags.length} tags]`, 'tags', 'have length less than or equal to 50');
  return tags;
}

function intParam(
  v: Violations,
  params: ReadonlyMap<string, string>,
  name: string,
  at: string,
  rule: { min: number; max: number },
): number | undefined {
  const raw = params.get(name);
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) v.fail(`${name} '${raw}' is not an integer.`);
  return v.int(Number(raw), at, rule);
}

/** The Role structure; ListRoles leaves out Tags and PermissionsBoundary, as IAM does. */
function roleXml(r: RoleRecord, full: boolean): XmlValue {
  return {
    Path: r.path,
    RoleName: r.name,
    RoleId: r.roleId,
    Arn: r.arn,
    CreateDate: r.createDate,
    // "The policy document returned in this structure is URL-encoded compliant with RFC 3986."
    AssumeRolePolicyDocument: uriEncode(r.assumeRolePolicyDocument),
    ...(r.description !== undefined ? { Description: r.description } : {}),
    MaxSessionDuration: r.maxSessionDuration,
    ...(full && r.permissionsBoundary
      ? {
          PermissionsBoundary: {
            PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
            PermissionsBoundaryArn: r.permissionsBoundary,
          },
        }
      : {}),
    ...(full && r.tags.length ? { Tags: r.tags } : {}),
  };
}

/** `Marker`/`MaxItems` paging over `items`; the marker is opaque (the offset, base64url). */
function paged<T>(
  v: Violations,
  params: ReadonlyMap<string, string>,
  items: T[],
): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const marker = v.string(params.get('Marker'), 'marker', MARKER);
  const max = intParam(v, params, 'MaxItems', 'maxItems', { min: 1, max: 1000 }) ?? 100;
  v.check();
  let offset = 0;
  if (marker !== undefined) {
    const m = /^m(\d+)$/.exec(Buffer.from(marker, 'base64url').toString('utf8'));
    if (!m || Number(m[1]) > items.length)
      v.fail(`Invalid Marker '${marker}': pass the Marker of the previous answer.`);
    offset = Number(m[1]);
  }
  const end = offset + max;
  const truncated = end < items.length;
  return {
    items: items.slice(offset, end),
    IsTruncated: truncated,
    ...(truncated ? { Marker: Buffer.from(`m${end}`).toString('base64url') } : {}),
  };
}

function existingRole(c: IamCall, v: Violations): RoleRecord {
  v.required(c.params.get('RoleName'), 'roleName');
  const name = v.string(c.params.get('RoleName'), 'roleName', ROLE_NAME) as string;
  v.check();
  const role = c.state.role(c.operator.account, name);
  if (!role) throw noSuchRole(name);
  return role;
}

function createRole(c: IamCall): XmlValue {
  const p = c.params;
  const v: Violations = new Violations('ValidationError');
  v.required(p.get('RoleName'), 'roleName');
  v.required(p.get('AssumeRolePolicyDocument'), 'assumeRolePolicyDocument');
  const name = v.string(p.get('RoleName'), 'roleName', ROLE_NAME) as string;
  const document = v.string(
    p.get('AssumeRolePolicyDocument'),
    'assumeRolePolicyDocument',
    POLICY_DOCUMENT,
  ) as string;
  const path = v.string(p.get('Path'), 'path', PATH) ?? '/';
  const description = v.string(p.get('Description'), 'description', {
    max: 1000,
    pattern: '[\\p{L}\\p{M}\\p{Z}\\p{S}\\p{N}\\p{P}]*',
  });
  const maxSessionDuration =
    intParam(v, p, 'MaxSessionDuration', 'maxSessionDuration', { min: 3600, max: 43200 }) ?? 3600;
  const boundary = v.string(p.get('PermissionsBoundary'), 'permissionsBoundary', ARN);
  const tags = tagsOf(v, p);
  v.check();
  if (boundary !== undefined && !POLICY_ARN.test(boundary))
    throw new Rejection(400, 'InvalidInput', `ARN ${boundary} is not valid.`);
  parseTrustPolicy(document);
  if (c.state.role(c.operator.account, name))
    throw new Rejection(409, 'EntityAlreadyExists', `Role with name ${name} already exists.`);
  const arn = `arn:aws:iam::${c.operator.account}:role${path}${name}`;
  const role: RoleRecord = {
    account: c.operator.account,
    name,
    path,
    roleId: roleIdOf(arn),
    arn,
    createDate: c.now,
    assumeRolePolicyDocument: document,
    ...(description !== undefined ? { description } : {}),
    maxSessionDuration,
    ...(boundary !== undefined ? { permissionsBoundary: boundary } : {}),
    tags,
    attachedPolicyArns: [],
  };
  c.state.addRole(role);
  return { Role: roleXml(role, true) };
}

function listRoles(c: IamCall): XmlValue {
  const v: Violations = new Violations('ValidationError');
  const prefix = v.string(c.params.get('PathPrefix'), 'pathPrefix', PATH_PREFIX) ?? '/';
  const page = paged(
    v,
    c.params,
    c.state.rolesOf(c.operator.account).filter((r) => r.path.startsWith(prefix)),
  );
  return {
    Roles: page.items.map((r) => roleXml(r, false)),
    IsTruncated: page.IsTruncated,
    ...(page.Marker ? { Marker: page.Marker } : {}),
  };
}

function attachRolePolicy(c: IamCall): undefined {
  const v: Violations = new Violations('ValidationError');
  v.required(c.params.get('PolicyArn'), 'policyArn');
  const policyArn = v.string(c.params.get('PolicyArn'), 'policyArn', ARN) as string;
  const role = existingRole(c, v);
  const m = POLICY_ARN.exec(policyArn);
  if (!m) throw new Rejection(400, 'InvalidInput', `ARN ${policyArn} is not valid.`);
  // AWS managed policies live in the account 'aws'; a customer managed one must be the caller's.
  if (m[2] !== 'aws' && m[2] !== c.operator.account)
    throw new Rejection(404, 'NoSuchEntity', `Policy ${policyArn} does not exist or is not attachable.`);
  if (role.attachedPolicyArns.includes(policyArn)) return undefined;
  if (role.attachedPolicyArns.length >= POLICIES_PER_ROLE)
    throw new Rejection(
      409,
      'LimitExceeded',
      `Cannot exceed quota for PoliciesPerRole: ${POLICIES_PER_ROLE}`,
    );
  role.attachedPolicyArns.push(policyArn);
  return undefined;
}

function listAttachedRolePolicies(c: IamCall): XmlValue {
  const v: Violations = new Violations('ValidationError');
  const prefix = v.string(c.params.get('PathPrefix'), 'pathPrefix', {
    min: 1,
    max: 512,
    pattern: '((/[A-Za-z0-9\\.,\\+@=_-]+)*)/',
  });
  const role = existingRole(c, v);
  const policies = role.attachedPolicyArns
    .map((arn) => {
      const path = arn.replace(/^arn:[^:]+:iam::[^:]+:policy/, '');
      return { path, PolicyName: path.split('/').pop() ?? '', PolicyArn: arn };
    })
    .filter((p) => prefix === undefined || p.path.startsWith(prefix));
  const page = paged(v, c.params, policies);
  return {
    AttachedPolicies: page.items.map(({ PolicyName, PolicyArn }) => ({ PolicyName, PolicyArn })),
    IsTruncated: page.IsTruncated,
    ...(page.Marker ? { Marker: page.Marker } : {}),
  };
}

function updateAssumeRolePolicy(c: IamCall): undefined {
  const v: Violations = new Violations('ValidationError');
  v.required(c.params.get('PolicyDocument'), 'policyDocument');
  const document = v.string(c.params.get('PolicyDocument'), 'policyDocument', POLICY_DOCUMENT) as string;
  const role = existingRole(c, v);
  parseTrustPolicy(document);
  role.assumeRolePolicyDocument = document;
  return undefined;
}

/** Each operation: its result members, or undefined when the response has only ResponseMetadata. */
export const IAM_OPERATIONS: Record<string, (c: IamCall) => XmlValue | undefined> = {
  CreateRole: createRole,
  GetRole: (c) => ({ Role: roleXml(existingRole(c, new Violations('ValidationError')), true) }),
  ListRoles: listRoles,
  AttachRolePolicy: attachRolePolicy,
  ListAttachedRolePolicies: listAttachedRolePolicies,
  UpdateAssumeRolePolicy: updateAssumeRolePolicy,
};

/** The resource an operation acts on, for the AccessDenied message: the role, or all roles for ListRoles. */
export function iamResource(operation: string, params: ReadonlyMap<string, string>, account: string): string {
  const name = params.get('RoleName');
  return operation === 'ListRoles' || !name
    ? `arn:aws:iam::${account}:role/`
    : `arn:aws:iam::${account}:role/${name}`;
}
