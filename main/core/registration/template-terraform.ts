/**
 * `aws template --format terraform` (issue 12 §5): the trust anchor, role, policy attachments and profile of
 * `aws setup` as a Terraform configuration for the hashicorp/aws provider, formatted as `terraform fmt` writes.
 *
 * Argument names are the provider's: aws_rolesanywhere_trust_anchor (name, enabled, source {source_type,
 * source_data {x509_certificate_data}}), aws_iam_role (name, assume_role_policy), aws_iam_role_policy_attachment
 * (role, policy_arn), aws_rolesanywhere_profile (name, enabled, role_arns, duration_seconds); each exports `arn`.
 */
import type { TemplateSpec } from './template';
import {
  bundlePem,
  outputDescription,
  TEMPLATE_OUTPUTS,
  templateTrustPolicy,
  type TemplateResource,
} from './template-content';
import {
  attribute,
  BLANK,
  block,
  comment,
  HclCall,
  HclExpression,
  HclHeredoc,
  renderHcl,
  type HclBodyItem,
} from './template-hcl';

/** One label for every resource, so that references and outputs stay stable. */
const LABEL = 'this';
const RESOURCE_TYPE: Record<TemplateResource, string> = {
  'trust-anchor': 'aws_rolesanywhere_trust_anchor',
  role: 'aws_iam_role',
  profile: 'aws_rolesanywhere_profile',
};
const OUTPUT_NAME: Record<TemplateResource, string> = {
  'trust-anchor': 'trust_anchor_arn',
  role: 'role_arn',
  profile: 'profile_arn',
};

const reference = (resource: TemplateResource, name: string): HclExpression =>
  new HclExpression(`${RESOURCE_TYPE[resource]}.${LABEL}.${name}`);
const resource = (type: string, body: HclBodyItem[]): HclBodyItem => block('resource', [type, LABEL], body);

export function renderTerraform(spec: TemplateSpec): string {
  const policyAttachments =
    spec.policyArns.length === 0
      ? []
      : [
          BLANK,
          resource('aws_iam_role_policy_attachment', [
            attribute('for_each', new HclCall('toset', [...spec.policyArns])),
            BLANK,
            attribute('role', reference('role', 'name')),
            attribute('policy_arn', new HclExpression('each.value')),
          ]),
        ];
  return renderHcl([
    comment(
      'IAM Roles Anywhere for an Anchorage CA: a trust anchor holding the CA, the role its certificates',
    ),
    comment(
      'may assume, and a profile listing the role. Its three ARN outputs are what the Anchorage profile needs.',
    ),
    block(
      'terraform',
      [],
      [block('required_providers', [], [attribute('aws', { source: 'hashicorp/aws' })])],
    ),
    BLANK,
    resource(RESOURCE_TYPE['trust-anchor'], [
      attribute('name', spec.trustAnchorName),
      attribute('enabled', true),
      BLANK,
      block(
        'source',
        [],
        [
          attribute('source_type', 'CERTIFICATE_BUNDLE'),
          block(
            'source_data',
            [],
            [attribute('x509_certificate_data', new HclHeredoc(bundlePem(spec.caPem)))],
          ),
        ],
      ),
    ]),
    BLANK,
    resource(RESOURCE_TYPE.role, [
      attribute('name', spec.roleName),
      attribute(
        'assume_role_policy',
        new HclCall('jsonencode', templateTrustPolicy(spec, reference('trust-anchor', 'arn'))),
      ),
    ]),
    ...policyAttachments,
    BLANK,
    resource(RESOURCE_TYPE.profile, [
      attribute('name', spec.profileName),
      attribute('enabled', true),
      attribute('role_arns', [reference('role', 'arn')]),
      attribute('duration_seconds', spec.durationSeconds),
    ]),
    ...TEMPLATE_OUTPUTS.flatMap((output) => [
      BLANK,
      block(
        'output',
        [OUTPUT_NAME[output.resource]],
        [
          attribute('description', outputDescription(output)),
          attribute('value', reference(output.resource, 'arn')),
        ],
      ),
    ]),
  ]);
}
