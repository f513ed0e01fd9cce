/**
 * The least-privilege IAM policy the operator needs for `aws setup`, `aws push-crl` and `aws update-anchor`
 * (what `--dry-run` prints). Actions and resource types from the Service Authorization Reference for IAM Roles
 * Anywhere and IAM; CreateProfile also needs iam:PassRole on the role it lists, limited to Roles Anywhere
 * with `iam:PassedToService`.
 */
import { partitionOfRegion } from '../../../shared/domain/regions';
import type { IamPolicySchema } from '../../../shared/schemas/registration';
import type { z } from 'zod';

type IamPolicy = z.output<typeof IamPolicySchema>;
type Statement = IamPolicy['Statement'][number];

const ROLES_ANYWHERE_PRINCIPAL = 'rolesanywhere.amazonaws.com';

function partition(region: string): string {
  return partitionOfRegion(region)?.id ?? 'aws';
}

/** Listing cannot be limited to resources (`Resource: "*"`, as the reference says for List actions). */
function listing(actions: string[]): Statement {
  return { Sid: 'FindExisting', Effect: 'Allow', Action: actions, Resource: '*' };
}

export function setupOperatorPolicy(options: {
  region: string;
  roleName: string;
  attachPolicies: boolean;
  updateTrust: boolean;
}): IamPolicy {
  const p = partition(options.region);
  const roleArn = `arn:${p}:iam::*:role/${options.roleName}`;
  const roleActions = ['iam:GetRole', 'iam:CreateRole'];
  if (options.attachPolicies) roleActions.push('iam:ListAttachedRolePolicies', 'iam:AttachRolePolicy');
  if (options.updateTrust) roleActions.push('iam:UpdateAssumeRolePolicy');
  return {
    Version: '2012-10-17',
    Statement: [
      listing(['rolesanywhere:ListTrustAnchors', 'rolesanywhere:ListProfiles']),
      {
        Sid: 'CreateTrustAnchorAndProfile',
        Effect: 'Allow',
        Action: [
          'rolesanywhere:CreateTrustAnchor',
          'rolesanywhere:EnableTrustAnchor',
          'rolesanywhere:CreateProfile',
        ],
        Resource: [
          `arn:${p}:rolesanywhere:${options.region}:*:trust-anchor/*`,
          `arn:${p}:rolesanywhere:${options.region}:*:profile/*`,
        ],
      },
      { Sid: 'CreateTheRole', Effect: 'Allow', Action: roleActions, Resource: roleArn },
      {
        Sid: 'PassTheRoleToRolesAnywhere',
        Effect: 'Allow',
        Action: ['iam:PassRole'],
        Resource: roleArn,
        Condition: { StringEquals: { 'iam:PassedToService': ROLES_ANYWHERE_PRINCIPAL } },
      },
    ],
  };
}
