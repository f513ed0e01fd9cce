/**
 * `aws template --format cloudformation` (issue 12 §5): the trust anchor, role and profile of `aws setup` as a
 * CloudFormation template. JSON text, which is YAML too (YAML 1.2 §1.3), so either kind of stack file takes it.
 *
 * Property and attribute names are the CloudFormation template reference's: AWS::RolesAnywhere::TrustAnchor
 * (Name, Enabled, Source {SourceType, SourceData {X509CertificateData}}; returns TrustAnchorArn),
 * AWS::IAM::Role (RoleName, AssumeRolePolicyDocument, ManagedPolicyArns; returns Arn) and
 * AWS::RolesAnywhere::Profile (Name, Enabled, RoleArns, DurationSeconds; returns ProfileArn).
 */
import type { TemplateSpec } from './template';
import {
  bundlePem,
  outputDescription,
  TEMPLATE_OUTPUTS,
  templateDescription,
  templateTrustPolicy,
  type TemplateResource,
} from './template-content';

/** Fixed logical ids, so that a stack's outputs and a rerun's changes stay stable. */
const LOGICAL_ID: Record<TemplateResource, string> = {
  'trust-anchor': 'TrustAnchor',
  role: 'Role',
  profile: 'Profile',
};
/** Each resource's ARN attribute (the reference's "Return values, Fn::GetAtt"), also its output's name. */
const ARN_ATTRIBUTE: Record<TemplateResource, string> = {
  'trust-anchor': 'TrustAnchorArn',
  role: 'Arn',
  profile: 'ProfileArn',
};
const OUTPUT_NAME: Record<TemplateResource, string> = {
  'trust-anchor': 'TrustAnchorArn',
  role: 'RoleArn',
  profile: 'ProfileArn',
};

const arnOf = (resource: TemplateResource) => ({
  'Fn::GetAtt': [LOGICAL_ID[resource], ARN_ATTRIBUTE[resource]],
});

export function renderCloudFormation(spec: TemplateSpec): string {
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: templateDescription(spec.caName),
    Resources: {
      [LOGICAL_ID['trust-anchor']]: {
        Type: 'AWS::RolesAnywhere::TrustAnchor',
        Properties: {
          Name: spec.trustAnchorName,
          Enabled: true,
          Source: {
            SourceType: 'CERTIFICATE_BUNDLE',
            SourceData: { X509CertificateData: bundlePem(spec.caPem) },
          },
        },
      },
      [LOGICAL_ID.role]: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: spec.roleName,
          AssumeRolePolicyDocument: templateTrustPolicy(spec, arnOf('trust-anchor')),
          ...(spec.policyArns.length > 0 ? { ManagedPolicyArns: [...spec.policyArns] } : {}),
        },
      },
      [LOGICAL_ID.profile]: {
        Type: 'AWS::RolesAnywhere::Profile',
        Properties: {
          Name: spec.profileName,
          Enabled: true,
          RoleArns: [arnOf('role')],
          DurationSeconds: spec.durationSeconds,
        },
      },
    },
    Outputs: Object.fromEntries(
      TEMPLATE_OUTPUTS.map((output) => [
        OUTPUT_NAME[output.resource],
        { Description: outputDescription(output), Value: arnOf(output.resource) },
      ]),
    ),
  };
  // JSON.stringify escapes every control character and quote, so no name or CN can break out of its string.
  return `${JSON.stringify(template, null, 2)}\n`;
}
