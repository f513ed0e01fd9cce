import { AnchorageError } from '../errors';
import type { ErrorCode } from '../errors';
import { PARTITION_IDS, isPartitionId, partitionOfRegion } from './regions';
import type { PartitionId } from './regions';

/**
 * ARN parsing and validation for the three ARNs a Roles Anywhere session needs.
 *
 * Format (IAM user guide, "IAM ARNs"): `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`. The resource may itself
 * contain colons, so only the first five colons split. Every failure says which part is wrong and what was
 * expected, so the UI can show it under the field while the user types.
 */

/** The ARN kinds Anchorage validates. `any` checks only the generic structure. */
export type ArnKind = 'trust-anchor' | 'profile' | 'role' | 'any';

/** Which part of the ARN a message is about. */
export type ArnPart =
  'arn' | 'prefix' | 'partition' | 'service' | 'region' | 'account' | 'resource-type' | 'resource-id';

export interface Arn {
  /** The ARN as validated (surrounding whitespace removed). */
  text: string;
  partition: PartitionId;
  service: string;
  /** Empty for global services such as IAM. */
  region: string;
  account: string;
  /** Everything after the fifth colon, e.g. `trust-anchor/UUID` or `role/path/Name`. */
  resource: string;
  /** `trust-anchor`, `profile`, `role`, … (the resource up to its first `/`). */
  resourceType: string;
  /** The resource after its type: a UUID, or for a role its path and name. */
  resourceId: string;
}

export type ArnResult = { ok: true; arn: Arn } | { ok: false; part: ArnPart; message: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_EXAMPLE = '1cb4e36e-e4ad-4bbb-9b37-fdafb2cbe4fe';
// IAM role names: 1–64 of [\w+=,.@-]; paths: `/` or `/…/`, printable ASCII, up to 512 (IAM API reference, Role).
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_PATH_CHARS = /^[\u0021-\u007E]*$/;

const LABEL: Record<ArnKind, string> = {
  'trust-anchor': 'trust anchor ARN',
  profile: 'profile ARN',
  role: 'role ARN',
  any: 'ARN',
};

const fail = (part: ArnPart, message: string): ArnResult => ({ ok: false, part, message });

/** Parse the generic structure and check partition, region form and account; no service-specific rules. */
function parseGeneric(input: string, kind: ArnKind): ArnResult {
  const label = LABEL[kind];
  const text = input.trim();
  if (text === '') return fail('arn', `The ${label} is empty.`);
  if (/\s/.test(text)) return fail('arn', `The ${label} contains whitespace; an ARN has none.`);
  if (!text.startsWith('arn:')) {
    return fail('prefix', `An ARN starts with "arn:"; this one starts with "${text.slice(0, 4)}".`);
  }
  const parts: string[] = [];
  let rest = text;
  for (let i = 0; i < 5; i++) {
    const colon = rest.indexOf(':');
    if (colon < 0) {
      return fail(
        'arn',
        `An ARN has six parts separated by colons (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE); this one has ${i + 1}.`,
      );
    }
    parts.push(rest.slice(0, colon));
    rest = rest.slice(colon + 1);
  }
  const [, partition = '', service = '', region = '', account = ''] = parts;
  const resource = rest;

  if (!isPartitionId(partition)) {
    return fail(
      'partition',
      partition === ''
        ? `The partition (second part) is empty; expected ${PARTITION_IDS.join(', ')}.`
        : `Partition "${partition}" is unknown; expected ${PARTITION_IDS.join(', ')}.`,
    );
  }
  if (!/^[a-z0-9-]+$/.test(service)) {
    return fail(
      'service',
      service === '' ? 'The service (third part) is empty.' : `Service "${service}" is not a service name.`,
    );
  }
  if (region !== '') {
    const regionPartition = partitionOfRegion(region);
    if (!regionPartition) {
      return fail('region', `Region "${region}" is not a well-formed region name (like us-east-1).`);
    }
    if (regionPartition.id !== partition) {
      return fail(
        'region',
        `Region "${region}" belongs to partition ${regionPartition.id}, but the ARN says partition ${partition}.`,
      );
    }
  }
  if (account !== '' && !/^\d{12}$/.test(account)) {
    return fail(
      'account',
      /^\d+$/.test(account)
        ? `Account "${account}" has ${account.length} digits; an AWS account ID has exactly 12.`
        : `Account "${account}" must be 12 digits; it contains other characters.`,
    );
  }
  if (resource === '') return fail('resource-type', 'The resource (sixth part) is empty.');
  const slash = resource.indexOf('/');
  const resourceType = slash < 0 ? resource : resource.slice(0, slash);
  const resourceId = slash < 0 ? '' : resource.slice(slash + 1);
  return { ok: true, arn: { text, partition, service, region, account, resource, resourceType, resourceId } };
}

function checkService(arn: Arn, expected: string, label: string): ArnResult | undefined {
  if (arn.service !== expected) {
    return fail('service', `Service is "${arn.service}"; a ${label} has service "${expected}".`);
  }
  return undefined;
}

function checkRolesAnywhere(arn: Arn, kind: 'trust-anchor' | 'profile'): ArnResult {
  const label = LABEL[kind];
  const wrongService = checkService(arn, 'rolesanywhere', label);
  if (wrongService) return wrongService;
  if (arn.region === '') {
    return fail('region', `The region (fourth part) is empty; a ${label} names its region, e.g. us-east-1.`);
  }
  if (arn.account === '')
    return fail('account', `The account (fifth part) is empty; expected a 12-digit account ID.`);
  if (arn.resourceType !== kind) {
    return fail(
      'resource-type',
      `The resource must start with "${kind}/"; found "${arn.resourceType}"${kind === 'trust-anchor' && arn.resourceType === 'profile' ? ' (this looks like a profile ARN)' : ''}${kind === 'profile' && arn.resourceType === 'trust-anchor' ? ' (this looks like a trust anchor ARN)' : ''}.`,
    );
  }
  if (!UUID.test(arn.resourceId)) {
    const what = kind === 'trust-anchor' ? 'Trust anchor ID' : 'Profile ID';
    return fail(
      'resource-id',
      `${what} "${arn.resourceId}" is not a UUID (expected 8-4-4-4-12 hex digits, e.g. ${UUID_EXAMPLE}).`,
    );
  }
  return { ok: true, arn };
}

function checkRole(arn: Arn): ArnResult {
  const wrongService = checkService(arn, 'iam', LABEL.role);
  if (wrongService) return wrongService;
  if (arn.region !== '') {
    return fail(
      'region',
      `The region must be empty in a role ARN (IAM is global: arn:aws:iam::ACCOUNT:role/NAME); found "${arn.region}".`,
    );
  }
  if (arn.account === '')
    return fail('account', `The account (fifth part) is empty; expected a 12-digit account ID.`);
  if (arn.resourceType !== 'role') {
    return fail('resource-type', `The resource must start with "role/"; found "${arn.resourceType}".`);
  }
  const lastSlash = arn.resourceId.lastIndexOf('/');
  const name = arn.resourceId.slice(lastSlash + 1);
  const path = lastSlash < 0 ? '' : arn.resourceId.slice(0, lastSlash);
  if (!ROLE_NAME.test(name)) {
    return fail(
      'resource-id',
      name === ''
        ? 'The role name is empty; expected role/NAME or role/PATH/NAME.'
        : `Role name "${name}" is invalid: 1–64 letters, digits or + = , . @ _ - expected.`,
    );
  }
  if (lastSlash >= 0 && (path.length > 510 || !ROLE_PATH_CHARS.test(path) || path.split('/').includes(''))) {
    return fail(
      'resource-id',
      `Role path "/${path}/" is invalid: printable ASCII segments separated by single slashes.`,
    );
  }
  return { ok: true, arn };
}

/**
 * Validate an ARN of the given kind without throwing, for live validation in the UI.
 * `{ok:false}` names the part that is wrong and says what was expected.
 */
export function validateArn(kind: ArnKind, text: string): ArnResult {
  const generic = parseGeneric(text, kind);
  if (!generic.ok) return generic;
  switch (kind) {
    case 'trust-anchor':
    case 'profile':
      return checkRolesAnywhere(generic.arn, kind);
    case 'role':
      return checkRole(generic.arn);
    case 'any':
      return generic;
  }
}

const HINT: Record<ArnKind, string> = {
  'trust-anchor': `Copy it from the IAM Roles Anywhere console: Trust anchors, then your anchor (arn:aws:rolesanywhere:REGION:ACCOUNT:trust-anchor/${UUID_EXAMPLE}).`,
  profile: `Copy it from the IAM Roles Anywhere console: Profiles, then your profile (arn:aws:rolesanywhere:REGION:ACCOUNT:profile/${UUID_EXAMPLE}).`,
  role: 'Copy it from the IAM console: Roles, then your role (arn:aws:iam::ACCOUNT:role/NAME).',
  any: 'An ARN looks like arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE.',
};

/**
 * Validate an ARN and return it parsed.
 * @throws AnchorageError INVALID_ARN with the part-specific message.
 */
export function parseArn(kind: ArnKind, text: string): Arn {
  const result = validateArn(kind, text);
  if (!result.ok)
    throw new AnchorageError('INVALID_ARN', `Invalid ${LABEL[kind]}: ${result.message}`, HINT[kind]);
  return result.arn;
}

export interface ArnSetInput {
  trustAnchorArn: string;
  profileArn: string;
  roleArn: string;
  /** The region the user chose; optional, it defaults to the trust anchor's. */
  region?: string;
}

export type ArnSetField = 'trustAnchorArn' | 'profileArn' | 'roleArn' | 'region';

export interface ArnSetIssue {
  field: ArnSetField;
  code: Extract<ErrorCode, 'INVALID_ARN' | 'REGION_MISMATCH'>;
  /** Set when the issue is inside one ARN; absent for cross-checks. */
  part?: ArnPart;
  message: string;
  hint: string;
}

export type ArnSetResult =
  | { ok: true; trustAnchor: Arn; profile: Arn; role: Arn; region: string }
  | { ok: false; issues: ArnSetIssue[] };

/**
 * Validate the three ARNs of a session and their agreement (for live validation: every issue, per field).
 *
 * Cross-checks: the profile is in the trust anchor's partition, region and account (CreateSession looks both
 * up in one regional service of one account); the role is in the same partition; the chosen region, when
 * given, is the trust anchor's (REGION_MISMATCH naming both).
 */
export function validateArnSet(input: ArnSetInput): ArnSetResult {
  const issues: ArnSetIssue[] = [];
  const one = (field: ArnSetField, kind: ArnKind, text: string): Arn | undefined => {
    const result = validateArn(kind, text);
    if (result.ok) return result.arn;
    issues.push({ field, code: 'INVALID_ARN', part: result.part, message: result.message, hint: HINT[kind] });
    return undefined;
  };
  const trustAnchor = one('trustAnchorArn', 'trust-anchor', input.trustAnchorArn);
  const profile = one('profileArn', 'profile', input.profileArn);
  const role = one('roleArn', 'role', input.roleArn);
  const region = input.region?.trim() ?? '';

  if (region !== '' && !partitionOfRegion(region)) {
    issues.push({
      field: 'region',
      code: 'INVALID_ARN',
      message: `Region "${region}" is not a well-formed region name (like us-east-1).`,
      hint: 'Leave the region empty to use the trust anchor’s region.',
    });
  }
  if (trustAnchor && profile) {
    if (profile.partition !== trustAnchor.partition) {
      issues.push({
        field: 'profileArn',
        code: 'INVALID_ARN',
        message: `The profile is in partition ${profile.partition} but the trust anchor is in ${trustAnchor.partition}.`,
        hint: 'Use a profile and a trust anchor from the same AWS account and region.',
      });
    } else if (profile.region !== trustAnchor.region) {
      issues.push({
        field: 'profileArn',
        code: 'REGION_MISMATCH',
        message: `The profile is in ${profile.region} but the trust anchor is in ${trustAnchor.region}; they must be in the same region.`,
        hint: 'Roles Anywhere is regional: create the profile in the trust anchor’s region, or pick the matching ARNs.',
      });
    }
    if (profile.account !== trustAnchor.account) {
      issues.push({
        field: 'profileArn',
        code: 'INVALID_ARN',
        message: `The profile is in account ${profile.account} but the trust anchor is in account ${trustAnchor.account}; they must be in the same account.`,
        hint: 'Use the profile and trust anchor of one account.',
      });
    }
  }
  if (trustAnchor && role && role.partition !== trustAnchor.partition) {
    issues.push({
      field: 'roleArn',
      code: 'INVALID_ARN',
      message: `The role is in partition ${role.partition} but the trust anchor is in ${trustAnchor.partition}.`,
      hint: 'Use a role from the same partition as the trust anchor.',
    });
  }
  if (trustAnchor && region !== '' && partitionOfRegion(region) && region !== trustAnchor.region) {
    issues.push({
      field: 'region',
      code: 'REGION_MISMATCH',
      message: `The region is ${region} but the trust anchor is in ${trustAnchor.region}.`,
      hint: `CreateSession must go to the trust anchor’s region: use ${trustAnchor.region}, or leave the region empty.`,
    });
  }
  if (issues.length > 0 || !trustAnchor || !profile || !role) return { ok: false, issues };
  return { ok: true, trustAnchor, profile, role, region: region || trustAnchor.region };
}

/**
 * Validate the three ARNs of a session and their agreement; return them parsed with the effective region.
 * @throws AnchorageError INVALID_ARN or REGION_MISMATCH for the first issue found.
 */
export function parseArnSet(input: ArnSetInput): {
  trustAnchor: Arn;
  profile: Arn;
  role: Arn;
  region: string;
} {
  const result = validateArnSet(input);
  if (!result.ok) {
    const first = result.issues[0];
    if (!first) throw new AnchorageError('INVALID_ARN', 'The ARNs are incomplete.', HINT.any);
    const what = {
      trustAnchorArn: 'trust anchor ARN',
      profileArn: 'profile ARN',
      roleArn: 'role ARN',
      region: 'region',
    }[first.field];
    const message = first.part ? `Invalid ${what}: ${first.message}` : first.message;
    throw new AnchorageError(first.code, message, first.hint);
  }
  const { trustAnchor, profile, role, region } = result;
  return { trustAnchor, profile, role, region };
}
